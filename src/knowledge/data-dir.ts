import { fileURLToPath } from "node:url";

/** The project's knowledge base: data/ beside src/ and dist/. */
export const DEFAULT_DATA_DIR = fileURLToPath(new URL("../../data/", import.meta.url));
