/** src/text/reviews — `Product Reviewed` scoring on ingestion and the voice of the customer over stored scores. */
export * from './review-repository.js';
export * from './review-scoring.js';
export * from './review-voice.js';
