/**
 * The load balancer in front of several bot instances, for tests and the scale benchmark: each
 * request goes to the next instance in turn; an instance that cannot be reached is skipped (the
 * request goes to the next one), as any health-checking balancer would. Records which instance
 * answered each Telegram update.
 */
import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export class RoundRobin {
  private readonly server: Server;
  private next = 0;
  private pinned: number | undefined;
  /** update_id → index of the instance that answered it with 200. */
  readonly answeredBy = new Map<number, number>();
  port = 0;

  constructor(readonly targets: number[]) {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", async () => {
        const body = Buffer.concat(chunks);
        const first = this.pinned ?? this.next++ % this.targets.length;
        this.pinned = undefined;
        for (let tried = 0; tried < this.targets.length; tried++) {
          const index = (first + tried) % this.targets.length;
          const upstream = await forward(this.targets[index]!, req, body).catch(() => undefined);
          if (!upstream) continue; // unreachable: the next instance gets it
          if (upstream.status === 200) {
            const updateId = (JSON.parse(body.toString("utf8")) as { update_id?: number }).update_id;
            if (updateId !== undefined) this.answeredBy.set(updateId, index);
          }
          res.writeHead(upstream.status).end();
          return;
        }
        res.writeHead(502).end();
      });
    });
  }

  /** The next request goes to this instance (then round robin resumes). */
  pin(index: number): void {
    this.pinned = index;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function forward(port: number, incoming: IncomingMessage, body: Buffer): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const headers = { ...incoming.headers, host: `127.0.0.1:${port}`, "content-length": String(body.length) };
    const req = request({ host: "127.0.0.1", port, method: incoming.method, path: incoming.url, headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}
