// The `sentiment` package (AFINN-165 baseline for eval only) ships no types.
declare module 'sentiment' {
  export default class Sentiment {
    analyze(text: string): { score: number; comparative: number }
  }
}
