import { invalidInput } from '../../core/errors.js';
import { accuracy, f1, rocAuc } from '../../ml/metrics/index.js';
import { stratifiedKFold } from '../../ml/model-selection/k-fold.js';
import { detectLanguage, type Language } from '../language.js';
import type { LanguageOption } from '../tokenize.js';
import { lexiconScore } from './lexicon.js';
import {
  type SentimentModelKind,
  TextSentimentClassifier,
  type TextSentimentParams,
} from './text-sentiment-classifier.js';

export type EvaluatedModel = 'lexicon' | SentimentModelKind;

export interface CrossValidateOptions {
  model: EvaluatedModel;
  lang: LanguageOption;
  folds: number;
  seed: number;
  /** Extra hyper-parameters for learned models. */
  params?: Partial<TextSentimentParams>;
  onProgress?: (fraction: number, message?: string) => void;
}

export interface CrossValidationResult {
  model: EvaluatedModel;
  /** The language given, or with 'auto' the language most texts were routed to. */
  lang: Language;
  folds: number;
  rows: number;
  /** Means over folds. */
  accuracy: number;
  f1: number;
  auc: number;
  /**
   * Mean seconds per fold to fit (tokenising the corpus once, shared by the folds, is spread evenly over
   * them); 0 for the lexicon model, which needs no fitting.
   */
  fit_seconds: number;
}

/** Majority script language of a corpus. */
export function corpusLanguage(texts: readonly string[]): Language {
  let zh = 0;
  let en = 0;
  for (const t of texts) {
    const l = detectLanguage(t);
    if (l === 'zh') zh++;
    else if (l === 'en') en++;
  }
  return zh > en ? 'zh' : 'en';
}

/**
 * Stratified k-fold cross-validation of a sentiment model on labelled texts (labels 0/1). The corpus is
 * tokenised once; every fold fits its own vocabulary, idf and model on its training rows only.
 */
export function crossValidateSentiment(
  texts: readonly string[],
  labels: ArrayLike<number>,
  o: CrossValidateOptions,
): CrossValidationResult {
  if (texts.length !== labels.length) {
    throw invalidInput(`${texts.length} texts but ${labels.length} labels: every text needs a label`);
  }
  const y = Int32Array.from(labels as ArrayLike<number>);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw invalidInput(`label of row ${i} must be 0 or 1; got ${labels[i]}`);
  }
  const folds = stratifiedKFold(y, { folds: o.folds, shuffle: true, seed: o.seed });
  const lang: Language = o.lang === 'auto' ? corpusLanguage(texts) : o.lang;
  const acc: number[] = [];
  const f1s: number[] = [];
  const auc: number[] = [];
  let fitSeconds = 0;
  if (o.model === 'lexicon') {
    const route = o.lang === 'auto' ? null : o.lang;
    const scores = texts.map((t) => {
      const l = route ?? detectLanguage(t);
      return lexiconScore(t, l === 'und' ? lang : l);
    });
    for (const { test } of folds) {
      const yt = Array.from(test, (i) => y[i]);
      const st = Array.from(test, (i) => scores[i]);
      const pred = st.map((s) => (s > 0 ? 1 : 0));
      acc.push(accuracy(yt, pred));
      f1s.push(f1(yt, pred));
      auc.push(rocAuc(yt, st));
    }
  } else {
    const clf = new TextSentimentClassifier({ seed: o.seed, ...o.params, model: o.model, lang: o.lang });
    const t0 = performance.now();
    o.onProgress?.(0, 'tokenising');
    const corpus = clf.prepare(texts);
    const prepareSeconds = (performance.now() - t0) / 1000;
    folds.forEach(({ train, test }, k) => {
      o.onProgress?.(k / folds.length, `fold ${k + 1}/${folds.length}`);
      const t1 = performance.now();
      clf.fitCorpus(corpus, y, train);
      fitSeconds += (performance.now() - t1) / 1000;
      const dec = clf.decisionCorpus(corpus, test);
      const yt = Array.from(test, (i) => y[i]);
      const pred = Array.from(dec, (d) => (d > 0 ? 1 : 0));
      acc.push(accuracy(yt, pred));
      f1s.push(f1(yt, pred));
      auc.push(rocAuc(yt, dec));
    });
    fitSeconds += prepareSeconds;
    o.onProgress?.(1, 'done');
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  return {
    model: o.model,
    lang,
    folds: folds.length,
    rows: texts.length,
    accuracy: mean(acc),
    f1: mean(f1s),
    auc: mean(auc),
    fit_seconds: fitSeconds / folds.length,
  };
}
