/** src/text — language routing, tokenisation (en, zh), TF-IDF, sentiment, aspects, keywords. */
export * from './language.js';
export * from './ngrams.js';
export * from './sparse.js';
export * from './stop-words.js';
export * from './tfidf.js';
export * from './tokenize.js';
export * from './tokenize-en.js';
export * from './tokenize-zh.js';
