// nlp.js ships no type declarations; these cover the parts Smile uses.
declare module '@nlpjs/neural' {
  export class NeuralNetwork {
    constructor(settings?: { log?: boolean; iterations?: number; errorThresh?: number; alpha?: number; momentum?: number; learningRate?: number });
    train(corpus: Array<{ input: Record<string, number>; output: Record<string, number> }>): unknown;
    run(input: Record<string, number>): Record<string, number> | undefined;
  }
}
declare module '@nlpjs/lang-en-min' {
  export class TokenizerEn {
    tokenize(text: string, normalize?: boolean): string[];
  }
  export class StemmerEn {
    stemWord(word: string): string;
  }
  export class NormalizerEn {
    normalize(text: string): string;
  }
  export class StopwordsEn {
    isStopword(token: string): boolean;
  }
}
