// The @nlpjs language packages ship no type declarations; Skywatch uses only their stemmers.
declare module "@nlpjs/lang-ru" {
  export class StemmerRu {
    stemWord(word: string): string;
  }
}
declare module "@nlpjs/lang-uk" {
  export class StemmerUk {
    stemWord(word: string): string;
  }
}
