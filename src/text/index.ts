/** src/text — language routing, tokenisation (en, zh), TF-IDF, sentiment, aspects, keywords. */

export * from './aspects.js';
export * from './clauses.js';
export * from './keywords.js';
export * from './language.js';
export * from './ngrams.js';
export * from './sentiment/cross-validate.js';
export * from './sentiment/lexicon.js';
export { englishLexiconScore } from './sentiment/lexicon-en.js';
export { chineseClauseScore, chineseLexiconScore } from './sentiment/lexicon-zh.js';
export * from './sentiment/shop-sentiment-model.js';
export * from './sentiment/text-sentiment-classifier.js';
export * from './sparse.js';
export * from './stop-words.js';
export * from './tfidf.js';
export * from './tokenize.js';
export * from './tokenize-en.js';
export * from './tokenize-zh.js';
export * from './voice.js';
