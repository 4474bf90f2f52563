// Minimal typings for the untyped ml.js packages the benchmark calls (benchmark-only peers).
declare module 'ml-cart' {
  export class DecisionTreeClassifier {
    constructor(options?: { gainFunction?: string; maxDepth?: number; minNumSamples?: number });
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
    root: { classify(row: number[]): { columns: number; get(r: number, c: number): number } };
  }
}
declare module 'ml-logistic-regression' {
  import type { Matrix } from 'ml-matrix';
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    train(X: Matrix, y: Matrix): void;
    classifiers: { testScores(X: Matrix): number[] }[];
  }
}
