/** Whether a test needing a server runs: it does when the server is there, or when CI requires it. */
import { inject } from "vitest";

export function shouldRun(service: "redis" | "postgres"): boolean {
  const services = inject("services");
  return services[service] || services.required;
}

export { SERVICE_URLS } from "./services.js";
