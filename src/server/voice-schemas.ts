import { Type } from '@sinclair/typebox';

/** The shop's sentiment model as the API reports it (src/text/reviews ShopModelStatus). */
export const ShopModel = Type.Object(
  {
    inUse: Type.Union([Type.Literal('lexicon'), Type.Literal('learned')]),
    version: Type.Union([Type.Integer(), Type.Null()], {
      description: 'registry version of the learned model',
    }),
    ratedReviews: Type.Integer({ description: 'reviews with a star rating (the labels)' }),
    trainedOn: Type.Union([Type.Object({ positive: Type.Integer(), negative: Type.Integer() }), Type.Null()]),
    switchAt: Type.Object({ minLabels: Type.Integer(), minPerClass: Type.Integer() }),
  },
  { description: 'lexicon until enough rated reviews exist, then the learned model' },
);

/** Review sentiment of one customer (the `reviews` field of a profile). */
export const ReviewSummary = Type.Object({
  reviews: Type.Integer(),
  positive: Type.Integer(),
  negative: Type.Integer(),
  neutral: Type.Integer(),
  meanScore: Type.Union([Type.Number(), Type.Null()]),
  meanRating: Type.Union([Type.Number(), Type.Null()]),
  aspects: Type.Array(
    Type.Object({
      aspect: Type.String(),
      positive: Type.Integer(),
      negative: Type.Integer(),
      neutral: Type.Integer(),
    }),
  ),
  recent: Type.Array(
    Type.Object({
      itemId: Type.String(),
      text: Type.String(),
      polarity: Type.String(),
      score: Type.Number(),
      model: Type.String(),
      reviewedAt: Type.String(),
    }),
  ),
});
