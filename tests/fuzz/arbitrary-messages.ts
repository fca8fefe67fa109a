/**
 * What a hostile or unlucky user can type: up to 10,000 characters of control characters, binary
 * noise, emoji, right-to-left and mixed scripts, markup, template and platform syntax, around
 * real service and region names. Shared by the property tests, the fuzz test and `npm run fuzz`.
 */
import fc from "fast-check";

const pieces = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "Mi Pay", "xiaomi pay", "🇮🇹", "🇪🇺", "\u202Eرسالة\u202C", "שלום", "<b>", "</a>", "<a href=\"javascript:x\">", "&amp;",
    "@everyone", "```", "\u0000", "\u200B", "\uFEFF", "\uD800", "Italia", "USA", "IT", "?", "🤔", "e\u0301", "\r\n", "\t",
    "小爱同学", "ＭＩ ＰＡＹ", "{service}", "{region}", "qqserviceslotqq", "%s", "$[0]",
  ),
);
export const messages = fc.oneof(
  fc.array(pieces, { maxLength: 30 }).map((parts) => parts.join(" ")),
  fc.string({ unit: "binary", maxLength: 10_000 }),
  // Generators favour short values; a flood of near-maximal ones is what abuse looks like.
  fc.string({ unit: "binary", minLength: 9_000, maxLength: 10_000 }),
  fc.string({ unit: fc.constantFrom(..."mi pay italia xiaoai "), minLength: 9_000, maxLength: 10_000 }),
  fc.array(pieces, { minLength: 200, maxLength: 600 }).map((parts) => parts.join("")),
).map((text) => text.slice(0, 10_000));

