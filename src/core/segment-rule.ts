/**
 * The rule language of rule segments (docs/rule-language.md), as a validated tree. src/profiles parses
 * and validates user JSON into it; src/store compiles it to SQL for both drivers.
 */
export type ValueOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'contains' | 'exists';
export type Scalar = string | number | boolean;

/** A comparison of one JSON field (a trait, or an event property). */
export interface FieldCondition {
  op: ValueOp;
  /** eq/neq/contains: a scalar; gt/gte/lt/lte: a number; in: a non-empty list; exists: none */
  value?: Scalar | Scalar[];
}

export interface TraitRule extends FieldCondition {
  trait: string;
}

export interface PropertyFilter extends FieldCondition {
  property: string;
}

/** Performed `event` between `min` and `max` times (inclusive) in the last `withinDays` days. */
export interface EventRule {
  event: string;
  min?: number;
  max?: number;
  withinDays?: number;
  where?: PropertyFilter[];
}

export type PredictionKindName = 'churn' | 'propensity' | 'clv';

export interface PredictionRule {
  prediction: PredictionKindName;
  op: 'gt' | 'gte' | 'lt' | 'lte';
  value: number;
}

export interface SegmentRefRule {
  segment: string;
}

export type SegmentRule =
  | { and: SegmentRule[] }
  | { or: SegmentRule[] }
  | { not: SegmentRule }
  | TraitRule
  | EventRule
  | PredictionRule
  | SegmentRefRule;
