// The two Snowball stemmers the core uses, from nlp.js's language packages (which ship no types).
declare module "@nlpjs/lang-it" {
  export class StemmerIt {
    stemWord(word: string): string;
  }
}
declare module "@nlpjs/lang-en-min" {
  export class StemmerEn {
    stemWord(word: string): string;
  }
}
