/** The languages the bot reads and answers in; each has a pack (./index.ts) and texts in data/. */
export const LANGUAGES = ["it", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
