// The @nlpjs language packages ship no type declarations; Skywatch uses only their stemmers.
// stemWord() remembers every word it was given, without bound; setCurrent/innerStem/getCurrent
// (the Snowball program underneath) stem without remembering.
interface SnowballStemmer {
  stemWord(word: string): string;
  setCurrent(word: string): void;
  innerStem(): void;
  getCurrent(): string;
}
declare module "@nlpjs/lang-ru" {
  export class StemmerRu implements SnowballStemmer {
    stemWord(word: string): string;
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
declare module "@nlpjs/lang-uk" {
  export class StemmerUk implements SnowballStemmer {
    stemWord(word: string): string;
    setCurrent(word: string): void;
    innerStem(): void;
    getCurrent(): string;
  }
}
