/**
 * Each broken knowledge base gives one precise error: file, JSON path, reason. The fixtures are
 * the real data/ copied to a temporary folder with one thing broken, so they never drift from it.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR, KnowledgeError, loadKnowledge } from "../../src/knowledge/load-knowledge.js";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A copy of data/ where `breakIt` edits one parsed file (or, given a string, replaces its text). */
function brokenData(file: string, breakIt: ((json: any) => void) | string): string {
  const folder = mkdtempSync(join(tmpdir(), "xsb-data-"));
  folders.push(folder);
  cpSync(DEFAULT_DATA_DIR, folder, { recursive: true });
  const path = join(folder, file);
  if (typeof breakIt === "string") {
    writeFileSync(path, breakIt);
  } else {
    const json = JSON.parse(readFileSync(path, "utf8"));
    breakIt(json);
    writeFileSync(path, JSON.stringify(json, null, 2));
  }
  return folder;
}

function errorOf(folder: string): KnowledgeError {
  try {
    loadKnowledge(folder);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error("expected the knowledge base to be rejected");
}

describe("GIVEN the shipped data", () => {
  it("THEN it loads", () => {
    expect(loadKnowledge().faq.length).toBeGreaterThan(0);
  });
});

describe("GIVEN a broken knowledge base THEN the error names file, path and reason", () => {
  it.each([
    ["an unknown service id", "faq/mi-pay.json", (json: any) => (json[0].service = "mi-pya"), "faq/mi-pay.json $[0].service: unknown service 'mi-pya'"],
    ["an unknown service an entry is also about", "faq/xiaomi.json", (json: any) => (json[0].alsoAbout = ["mi-clod"]), "faq/xiaomi.json $[0].alsoAbout[0]: unknown service 'mi-clod'"],
    ["an unknown source id", "availability.json", (json: any) => (json[1].source = "nowhere"), "availability.json $[1].source: unknown source 'nowhere'"],
    ["a bad region code", "availability.json", (json: any) => (json[0].region = "Italy"), "availability.json $[0].region: 'Italy' is not an ISO 3166-1 alpha-2 code"],
    ["a lower-case region code", "regions.json", (json: any) => (json[0].code = "it"), "regions.json $[0].code: 'it' is not an ISO 3166-1 alpha-2 code"],
    ["a missing language", "faq/youpin.json", (json: any) => delete json[2].answer.en, "faq/youpin.json $[2].answer.en:"],
    ["an empty list of phrasings", "smalltalk.json", (json: any) => (json[0].questions.it = []), "smalltalk.json $[0].questions.it: needs at least one Italian phrasing"],
    ["a duplicate service id", "services.json", (json: any) => (json[1].id = json[0].id), "services.json $[1].id: duplicate service"],
    ["an impossible date", "sources.json", (json: any) => (json[0].date = "2021-13"), "sources.json $[0].date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD"],
    ["a composed phrasing without its slot", "composed-questions.json", (json: any) => (json.serviceInRegion.en[0] = "does it work in {region}?"), "composed-questions.json $.serviceInRegion.en[0]: phrasing must contain {service}"],
    ["'except' without region '*'", "availability.json", (json: any) => (json[0].except = ["CN"], json[0].region = "IT"), "availability.json $[0].except: 'except' is only meaningful with region '*'"],
    ["a counterpart that is no brand", "other-products.json", (json: any) => (json.likeOurs[0].products[0] = "Apple Pya"), "other-products.json $.likeOurs[0].products[0]: 'Apple Pya' is not among the brands"],
    ["an unknown field", "services.json", (json: any) => (json[0].nmae = "typo"), "services.json $[0]: Unrecognized key: \"nmae\""],
  ])("GIVEN %s", (_what, file, breakIt, expected) => {
    expect(errorOf(brokenData(file, breakIt)).message).toContain(expected);
  });

  it("GIVEN a duplicate FAQ id in another file THEN names both files", () => {
    const firstId = JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, "faq/mi-pay.json"), "utf8"))[0].id;
    const folder = brokenData("faq/xiaoai.json", (json: any) => (json[0].id = firstId));
    expect(errorOf(folder).message).toContain(`faq/xiaoai.json $[0].id: duplicate FAQ id '${firstId}' (first defined in faq/mi-pay.json)`);
  });

  it("GIVEN invalid JSON THEN gives the line and column", () => {
    const folder = brokenData("regions.json", '[\n  { "code": "IT",\n    "names": }\n]');
    expect(errorOf(folder).message).toMatch(/regions\.json \$: invalid JSON: .* at line 3, column 14/);
  });

  it("GIVEN a missing file THEN says which", () => {
    const folder = brokenData("sources.json", "[]");
    rmSync(join(folder, "sources.json"));
    expect(errorOf(folder).message).toContain("sources.json $: file not found");
  });

  it("GIVEN check-data on a broken base THEN it exits 1 with the error and no stack trace", () => {
    const folder = brokenData("faq/mi-cloud.json", (json: any) => (json[0].source = ["seed-article", "ghost"]));
    let stderr = "";
    let status = 0;
    try {
      execFileSync(process.execPath, ["dist/cli/check-data.js", "--data", folder], { encoding: "utf8", stdio: "pipe" });
    } catch (error) {
      ({ stderr, status } = error as { stderr: string; status: number });
    }
    expect(status).toBe(1);
    expect(stderr).toContain("faq/mi-cloud.json $[0].source[1]: unknown source 'ghost'");
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
