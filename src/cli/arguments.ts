/**
 * A command's options, parsed strictly: `--help` (or `-h`) prints the command's usage and exits 0;
 * an option it does not know, or one missing its value, is named with the usage and exits 2,
 * instead of a stack trace from node:util.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export function argumentsOrExit<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> {
  const args = config.args ?? process.argv.slice(2);
  // Before parsing: a strict parse stops at --help as at any option it does not know.
  const beforeQuestion = args.indexOf("--");
  if (args.slice(0, beforeQuestion === -1 ? undefined : beforeQuestion).some((arg) => arg === "--help" || arg === "-h")) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs(config);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    process.exit(2);
  }
}
