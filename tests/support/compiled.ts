/** The compiled entry point for a source file, as the npm scripts run it: src/cli/ask.ts → dist/cli/ask.js. */
export function compiled(sourcePath: string): string {
  return sourcePath.replace(/^src\//, "dist/").replace(/\.ts$/, ".js");
}
