import { ImplicitAls } from './als.js';
import { Bpr } from './bpr.js';
import { ContentBased } from './content-based.js';
import { Ease } from './ease.js';
import { Hybrid } from './hybrid.js';
import { ItemKnn } from './item-knn.js';
import type { AnyRecommender } from './members.js';
import { Popularity } from './popularity.js';
import { runRecommenderSuite } from './recommender-suite.js';
import { recommenderFromJSON } from './registry.js';
import { Rp3Beta } from './rp3beta.js';
import { UserKnn } from './user-knn.js';

const as = (m: unknown): AnyRecommender => m as AnyRecommender;

runRecommenderSuite('popularity', () => as(new Popularity()), recommenderFromJSON, { personalised: false });
runRecommenderSuite('item-knn', () => as(new ItemKnn({ neighbours: 20, shrinkage: 1 })), recommenderFromJSON);
runRecommenderSuite('user-knn', () => as(new UserKnn({ neighbours: 10, shrinkage: 1 })), recommenderFromJSON);
runRecommenderSuite(
  'als',
  () => as(new ImplicitAls({ factors: 2, iterations: 10, regularization: 1, alpha: 5 })),
  recommenderFromJSON,
);
runRecommenderSuite(
  'bpr',
  () => as(new Bpr({ factors: 2, epochs: 100, learningRate: 0.05, regularization: 0.01 })),
  recommenderFromJSON,
);
runRecommenderSuite('rp3beta', () => as(new Rp3Beta({ neighbours: 20 })), recommenderFromJSON);
runRecommenderSuite(
  'content',
  () =>
    as(
      new ContentBased().withItemTexts(
        Array.from({ length: 20 }, (_, i) =>
          i < 10 ? `red apple orchard fruit pie item${i}` : `blue engine garage car wheel item${i}`,
        ),
      ),
    ),
  recommenderFromJSON,
);
runRecommenderSuite('ease', () => as(new Ease({ lambda: 5 })), recommenderFromJSON);
runRecommenderSuite(
  'hybrid',
  () =>
    as(
      new Hybrid({
        members: [
          { kind: 'ease', params: { lambda: 5 }, weight: 1 },
          { kind: 'item-knn', params: { neighbours: 20, shrinkage: 1 }, weight: 0.5 },
        ],
      }),
    ),
  recommenderFromJSON,
);
runRecommenderSuite(
  'hybrid (rank fusion)',
  () =>
    as(
      new Hybrid({
        fusion: 'rrf',
        members: [
          { kind: 'user-knn', params: { neighbours: 10, shrinkage: 1 }, weight: 1 },
          { kind: 'als', params: { factors: 4, iterations: 10 }, weight: 0.5 },
        ],
      }),
    ),
  recommenderFromJSON,
);
