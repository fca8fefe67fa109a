/**
 * Reads the knowledge base from a folder (default: the project's `data/`) and validates it.
 * The only place that touches the file system for knowledge; the core receives plain values.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import type { Knowledge } from "../core/index.js";
import { DEFAULT_DATA_DIR } from "./data-dir.js";
import { provideDictionary } from "./dictionaries.js";
import {
  FAQ_FOLDER,
  KNOWLEDGE_FILES,
  formatIssues,
  validateKnowledge,
  type KnowledgeFilesContent,
  type KnowledgeIssue,
} from "./validate-knowledge.js";

export { DEFAULT_DATA_DIR };

/** Bad setup, not a bug: the message alone tells the maintainer what to fix. */
export class KnowledgeError extends Error {
  constructor(
    readonly dataDir: string,
    readonly issues: readonly KnowledgeIssue[],
  ) {
    const where = relative(process.cwd(), dataDir) || ".";
    super(`Invalid knowledge base in ${where}/ (${issues.length} problem${issues.length === 1 ? "" : "s"}):\n${formatIssues(issues)}`);
    this.name = "KnowledgeError";
  }
}

/** The knowledge in `dataDir`, validated; the core gets the English dictionary too (read on first use). */
export function loadKnowledge(dataDir: string = DEFAULT_DATA_DIR): Knowledge {
  const issues: KnowledgeIssue[] = [];
  const read = (file: string): unknown => {
    let text: string;
    try {
      text = readFileSync(join(dataDir, file), "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      issues.push({ file, path: "$", message: code === "ENOENT" ? "file not found" : `cannot read file (${code ?? String(error)})` });
      return undefined;
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      issues.push({ file, path: "$", message: `invalid JSON: ${describeJsonError(error as SyntaxError, text)}` });
      return undefined;
    }
  };

  const files = Object.fromEntries(
    (Object.keys(KNOWLEDGE_FILES) as Array<keyof typeof KNOWLEDGE_FILES>).map((key) => [key, read(KNOWLEDGE_FILES[key])]),
  ) as KnowledgeFilesContent["files"];
  const faqFiles: Record<string, unknown> = {};
  for (const name of listJsonFiles(join(dataDir, FAQ_FOLDER))) {
    const file = `${FAQ_FOLDER}/${name}`;
    faqFiles[file] = read(file);
  }
  if (issues.length > 0) throw new KnowledgeError(dataDir, issues);

  const result = validateKnowledge({ files, faqFiles });
  if (!result.ok) throw new KnowledgeError(dataDir, result.issues);
  provideDictionary();
  return result.knowledge;
}

function listJsonFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((name) => name.endsWith(".json"))
      .sort();
  } catch {
    return []; // reported by validation as "no FAQ files found"
  }
}

/**
 * V8's messages give a position only for some errors; jsonc-parser (the parser behind VS Code)
 * reports the offset of every syntax error, which a maintainer wants as a line and column.
 */
function describeJsonError(error: SyntaxError, text: string): string {
  // Loaded only for a broken file: every start would otherwise pay for it (~18 ms).
  const { parse: parseTolerantly, printParseErrorCode } = createRequire(import.meta.url)("jsonc-parser") as typeof import("jsonc-parser");
  const errors: import("jsonc-parser").ParseError[] = [];
  parseTolerantly(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (!first) return error.message;
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}
