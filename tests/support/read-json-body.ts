import type { IncomingMessage } from "node:http";

/** A request body as the emulators see it: parsed JSON, undefined when empty, the text when not JSON. */
export function readJsonBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text === "" ? undefined : JSON.parse(text));
      } catch {
        resolve(text);
      }
    });
    req.on("error", () => resolve(undefined));
  });
}
