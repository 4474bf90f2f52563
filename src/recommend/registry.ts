import { invalidInput } from '../core/errors.js';
import type { ModelArtifact } from '../ml/estimator.js';
import { Hybrid } from './hybrid.js';
import { type AnyRecommender, createSingleRecommender, singleRecommenderFromJSON } from './members.js';

/** Short names the CLI accepts, mapped to recommender kinds. */
export const ALGORITHM_KINDS: Record<string, string> = {
  pop: 'popularity',
  itemknn: 'item-knn',
  userknn: 'user-knn',
  als: 'als',
  bpr: 'bpr',
  rp3beta: 'rp3beta',
  ease: 'ease',
  content: 'content',
  hybrid: 'hybrid',
};

/** A recommender of any kind from its kind and hyper-parameters. */
export function createRecommender(kind: string, params: object = {}): AnyRecommender {
  if (kind === 'hybrid') return new Hybrid(params) as unknown as AnyRecommender;
  return createSingleRecommender(kind, params);
}

/** Restore any recommender from `toJSON()` output. */
export function recommenderFromJSON(a: ModelArtifact<unknown, unknown>): AnyRecommender {
  if (a?.kind === 'hybrid')
    return Hybrid.fromJSON(a as ModelArtifact<never, never>) as unknown as AnyRecommender;
  if (!a || typeof a.kind !== 'string') throw invalidInput('artifact has no kind');
  return singleRecommenderFromJSON(a);
}
