import type { Migration } from 'kysely';
import type { Driver } from '../schema.js';
import { initialMigration } from './0001-initial.js';
import { predictionsMigration } from './0002-predictions.js';
import { reviewScoresMigration } from './0003-review-scores.js';
import { segmentsMigration } from './0004-segments.js';
import { recommendationsMigration } from './0005-recommendations.js';

/**
 * Every migration, in order. Names sort lexically (Kysely's Migrator runs them in name order) and are
 * never renamed or edited once released: a schema change is a new file.
 */
export function migrations(driver: Driver): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(driver),
    '0002-predictions': predictionsMigration(driver),
    '0003-review-scores': reviewScoresMigration(driver),
    '0004-segments': segmentsMigration(driver),
    '0005-recommendations': recommendationsMigration(driver),
  };
}
