/**
 * Vitest global setup: the end-to-end and CLI tests run the compiled JavaScript that `npm start`
 * runs, so dist/ is rebuilt from the current sources first; a stale build would test old code.
 */
import { execFileSync } from "node:child_process";

export default function buildDist(): void {
  execFileSync("npm", ["run", "--silent", "build"], { stdio: "inherit" });
}
