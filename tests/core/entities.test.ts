/**
 * Services and regions as users write them: typos, spacing, both languages, codes and flags.
 */
import { describe, expect, it } from "vitest";
import { assistant } from "../fixtures/assistant.js";

const read = (question: string) => assistant.explain(question);

describe("services", () => {
  it.each([
    ["mipay funziona?", "mi-pay"],
    ["Mi Pya in Italia", "mi-pay"],
    ["XIAOMI PAY", "mi-pay"],
    ["xaioai parla italiano?", "xiaoai"],
    ["Xiao Ai Tongxue", "xiaoai"],
    ["小爱同学 cos'è", "xiaoai"],
    ["mi clud backup", "mi-cloud"],
    ["Xiaomi Cloud foto", "mi-cloud"],
    ["youpim cos'è", "youpin"],
    ["Youpin in Europa", "youpin"],
  ])("GIVEN %j THEN recognises %s", (question, service) => {
    expect(read(question).services).toContain(service);
  });

  it("GIVEN only a generic word of a name THEN guesses the service without claiming it was named", () => {
    const explanation = read("il cloud funziona in Italia?");
    expect(explanation.services).not.toContain("mi-cloud");
    expect(explanation.guessedServices).toContain("mi-cloud");
  });

  it.each(["mi piace il telefono", "mi pare strano", "pay attention"])("GIVEN %j THEN names no service", (question) => {
    expect(read(question).services).toEqual([]);
  });
});

describe("regions", () => {
  it.each([
    ["Mi Pay in Italia?", "IT"],
    ["does it work in Italy", "IT"],
    ["noi italiani possiamo usarlo?", "IT"],
    ["Mi Pay Germania", "DE"],
    ["Mi Pay in Cina", "CN"],
    ["Mi Pay in USA?", "US"],
    ["Mi Pay negli Stati Uniti", "US"],
    ["Mi Pay in the United States", "US"],
    ["Mi Pay nel Regno Unito", "GB"],
    ["Mi Pay in the UK", "GB"],
    ["Mi Pay in Europa", "EU"],
    ["Mi Pay in Giappone", "JP"],
    ["Mi Pay in Kazakistan", "KZ"],
    ["Mi Pay 🇮🇹", "IT"],
    ["Mi Pay 🇪🇺", "EU"],
    ["Mi Pay in IT?", "IT"],
    ["xiaomi pay IT?", "IT"],
    ["Mi Pay in FR?", "FR"],
    ["Mi Pay in Germnia", "DE"],
    ["vivo negli emirati, xiaomi pay funziona?", "AE"],
  ])("GIVEN %j THEN recognises %s", (question, region) => {
    expect(read(question).regions).toContain(region);
  });

  it.each([
    ["Xiaomi usa Google Assistant?", [], "usa = uses"],
    ["does it work for us?", [], "us = we"],
    ["it works in my phone", [], "it = pronoun"],
    ["Xiao AI è intelligente?", [], "AI is not Anguilla"],
    ["5 GB gratis?", [], "GB is gigabytes"],
    ["il chip SE a cosa serve", [], "SE is the Secure Element"],
    ["I work in an IT company, is Mi Pay still around?", [], "IT is information technology"],
    ["siamo emigrati in Argentina, lo xiaomi cloud va?", ["AR"], "emigrati is not a typo of the Emirates"],
    ["hellos everyone! does mi pay work?", [], "an English word spelt right is not Hellas misspelt"],
    ["geeks, is mi pay available?", [], "an English word spelt right is not the Greeks misspelt"],
    ["i do IT support, what is App Mall", [], "IT is information technology"],
    ["MI PAY FUNZIONA IN ITALIA", ["IT"], "shouting: IN is not India"],
  ])("GIVEN %j THEN reads the regions %j, none from a common word (%s)", (question, regions) => {
    expect(read(question).regions).toEqual(regions);
  });

  it.each([
    ["is xiaomi pay available in the us", ["US"]],
    ["mi pay negli usa?", ["US"]],
    ["xiaomi pay works in the netherlands?", ["NL"]],
    ["mi pay c'è in olanda?", ["NL"]],
    ["does mi pay work in belarus", ["BY"]],
    ["xiaomi pay in moldavia", ["MD"]],
    ["xiaomi pay czechia", ["CZ"]],
    ["the chinese assistant, can i use it in the us", ["US", "CN"]],
  ])("GIVEN %j THEN reads %j, a place named before one implied by an adjective", (question, regions) => {
    expect(read(question).regions).toEqual(regions);
  });
});

describe("other products", () => {
  it.each([
    ["Apple Pay funziona in Italia?", "Apple Pay"],
    ["Samsung Cloud backup", "Samsung Cloud"],
    ["google drive quanto spazio", "Google Drive"],
    // Google's assistant by its wake phrase and in Italian word order.
    ["quando dico ok google non succede niente", "OK Google"],
    ["l'assistente google non parte", "Assistente Google"],
  ])("GIVEN %j THEN recognises %s as not Xiaomi", (question, product) => {
    expect(read(question).otherProducts).toContain(product);
  });

  it("GIVEN 'dal vivo' (in person) THEN no Vivo phone is named; GIVEN a Vivo phone THEN it is", () => {
    expect(read("le auto quando arrivano? le voglio vedere dal vivo").otherProducts).toEqual([]);
    expect(read("ho un vivo x200, va bene?").otherProducts).toContain("Vivo");
  });
});
