import { invalidInput } from '../core/errors.js';
import type { ModelArtifact } from '../ml/estimator.js';
import { ImplicitAls } from './als.js';
import { Bpr } from './bpr.js';
import { ContentBased } from './content-based.js';
import { Ease } from './ease.js';
import { ItemKnn } from './item-knn.js';
import { Popularity } from './popularity.js';
import type { BaseFitted, RecommenderBase } from './recommender-base.js';
import { Rp3Beta } from './rp3beta.js';
import { UserKnn } from './user-knn.js';

/** A recommender of any kind, as the hybrid and the CLI handle them. */
export type AnyRecommender = RecommenderBase<object, BaseFitted>;

/** The single-model recommenders by kind: how to make one from params and restore one from JSON. */
export const SINGLE_RECOMMENDERS: Record<
  string,
  {
    create: (params: object) => AnyRecommender;
    fromJSON: (a: ModelArtifact<never, never>) => AnyRecommender;
  }
> = {
  popularity: {
    create: (p) => new Popularity(p) as unknown as AnyRecommender,
    fromJSON: (a) => Popularity.fromJSON(a) as unknown as AnyRecommender,
  },
  'item-knn': {
    create: (p) => new ItemKnn(p) as unknown as AnyRecommender,
    fromJSON: (a) => ItemKnn.fromJSON(a) as unknown as AnyRecommender,
  },
  'user-knn': {
    create: (p) => new UserKnn(p) as unknown as AnyRecommender,
    fromJSON: (a) => UserKnn.fromJSON(a) as unknown as AnyRecommender,
  },
  als: {
    create: (p) => new ImplicitAls(p) as unknown as AnyRecommender,
    fromJSON: (a) => ImplicitAls.fromJSON(a) as unknown as AnyRecommender,
  },
  bpr: {
    create: (p) => new Bpr(p) as unknown as AnyRecommender,
    fromJSON: (a) => Bpr.fromJSON(a) as unknown as AnyRecommender,
  },
  rp3beta: {
    create: (p) => new Rp3Beta(p) as unknown as AnyRecommender,
    fromJSON: (a) => Rp3Beta.fromJSON(a) as unknown as AnyRecommender,
  },
  content: {
    create: (p) => new ContentBased(p) as unknown as AnyRecommender,
    fromJSON: (a) => ContentBased.fromJSON(a) as unknown as AnyRecommender,
  },
  ease: {
    create: (p) => new Ease(p) as unknown as AnyRecommender,
    fromJSON: (a) => Ease.fromJSON(a) as unknown as AnyRecommender,
  },
};

export function createSingleRecommender(kind: string, params: object = {}): AnyRecommender {
  const entry = SINGLE_RECOMMENDERS[kind];
  if (!entry) {
    throw invalidInput(
      `unknown recommender kind '${kind}'; known: ${Object.keys(SINGLE_RECOMMENDERS).join(', ')}`,
    );
  }
  return entry.create(params);
}

export function singleRecommenderFromJSON(a: ModelArtifact<unknown, unknown>): AnyRecommender {
  const entry = SINGLE_RECOMMENDERS[a?.kind];
  if (!entry) throw invalidInput(`unknown recommender artifact kind '${String(a?.kind)}'`);
  return entry.fromJSON(a as ModelArtifact<never, never>);
}
