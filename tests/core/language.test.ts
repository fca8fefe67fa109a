/**
 * The answer's language is the question's, short questions included; the platform's locale
 * decides only when the question does not.
 */
import { describe, expect, it } from "vitest";
import { localeToLanguage } from "../../src/core/language.js";
import { assistant } from "../fixtures/assistant.js";


describe("language", () => {
  it.each([
    ["Mi Pay funziona in Italia?", "it"],
    ["mi pay italia?", "it"],
    ["cos'è youpin", "it"],
    ["perché hanno chiuso mi pay in india", "it"],
    ["ciao", "it"],
    ["grazie mille!", "it"],
    ["posso fare il backup del redmi?", "it"],
    ["xiaomi pay va con bancoposta", "it"],
    ["does Mi Pay work in Italy?", "en"],
    ["what is youpin", "en"],
    ["can I back up my Redmi?", "en"],
    ["why did mi pay shut down in india", "en"],
    ["hi", "en"],
    ["thanks!", "en"],
    ["which cards work with xiaomi pay", "en"],
    // A country's name read through its typo is evidence too: "France" is English, "Francia" Italian.
    ["xiaoai in frnace?", "en"],
    ["xiaomi pay in portgual?", "en"],
    ["xiaomi pay in portogalo?", "it"],
    // Small talk whose cue both languages use ("help") takes the language of its filler.
    ["help pls", "en"],
    ["aiuto raga", "it"],
    // The data's word lists per language (off-topic words, chatter) are evidence too.
    ["redmi note 11 stuck in fastboot loop pls help", "en"],
    ["ricetta carbonara veloce?", "it"],
    // One English word is enough where nothing else speaks and no hint decides; a country named
    // alike in both languages ("Russia") says nothing.
    ["Mi Pay in Russia, usable?", "en"],
    ["Xiaomi Pay in Russia", "it"],
    // "Belarus" and "Moldova" are the English names; Italian writes "Bielorussia", "Moldavia".
    ["xiaomi pay belarus?", "en"],
    ["mi pay moldova?", "en"],
    ["xiaomi pay funziona in moldova?", "it"],
    // The preposition "a" is Italian, whatever the letters of "U.S.A." say.
    ["xiaomi pay a stoccolma", "it"],
    ["Mi Pay in Baviera va? a settembre mi trasferisco a Monaco", "it"],
  ])("GIVEN %j THEN answers in %s", (question, language) => {
    expect(assistant.ask(question).language).toBe(language);
  });

  it.each([
    ["Mi Pay?", "en", "en"],
    ["Mi Pay?", "it", "it"],
    ["Youpin", "en-GB", "en"],
  ])("GIVEN the undecided %j and locale %s THEN answers in %s", (question, locale, language) => {
    expect(assistant.ask(question, { locale }).language).toBe(language);
  });

  it("GIVEN a lead of one English word and the conversation's language as the hint THEN the hint decides", () => {
    expect(assistant.ask("Mi Pay in Russia, usable?", { locale: "it" }).language).toBe("it");
  });

  it("GIVEN a product line's word in a model's name ('Redmi Note 14') THEN it says no language: the English around it decides", () => {
    expect(assistant.ask("redmi note 13 price in india").language).toBe("en");
    expect(assistant.ask("redmi note 13 pro battery in mah").language).toBe("en");
    expect(assistant.ask("le note della redmi note 13 si salvano sul cloud?").language).toBe("it");
  });

  it("GIVEN a clear question THEN the locale does not override it", () => {
    expect(assistant.ask("does Mi Pay work in Italy?", { locale: "it" }).language).toBe("en");
    expect(assistant.ask("Mi Pay funziona in Italia?", { locale: "en" }).language).toBe("it");
  });

  it.each([
    ["it", "it"],
    ["it-IT", "it"],
    ["en-GB", "en"],
    ["EN_us", "en"],
    ["pt-BR", undefined],
    ["", undefined],
    [undefined, undefined],
  ])("GIVEN locale %j THEN the hint is %j", (locale, expected) => {
    expect(localeToLanguage(locale)).toBe(expected);
  });
});
