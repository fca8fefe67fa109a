/**
 * `/healthz` and `/metrics` on METRICS_PORT, for a load balancer, an orchestrator and Prometheus.
 * Bound to 127.0.0.1 unless METRICS_HOST says otherwise: metrics describe users' activity and
 * are nobody else's business unless the operator decides so.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface Health {
  knowledge: boolean;
  /** Each configured adapter by name: connected to its platform or not (not started yet = false). */
  adapters: Record<string, boolean>;
}

export interface HealthServerOptions {
  port: number;
  host: string;
  registry: Registry;
  health: () => Health;
}

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer({ port, host, registry, health }: HealthServerOptions): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/healthz") {
      const state = health();
      const ok = state.knowledge && Object.values(state.adapters).every(Boolean);
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ok ? "ok" : "unavailable", ...state }));
      return;
    }
    if (path === "/metrics") {
      registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`),
      );
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
