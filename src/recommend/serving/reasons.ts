/** Reasons in the words a shopper reads beside a recommendation. */
export type Verb = 'bought' | 'added' | 'viewed';

// Each event adds its rank code to a (user, item) cell; the sum decodes to the strongest event as long as
// a user repeats one kind of event on one item fewer than 1,000 times (beyond that it reads as the next
// stronger verb, a harmless overstatement in a reason).
export const VERB_CODE: Record<string, number> = { 'Order Completed': 1e6, 'Product Added': 1e3 };

export function verbOf(code: number): Verb {
  return code >= 1e6 ? 'bought' : code >= 1e3 ? 'added' : 'viewed';
}

export function becauseYou(verb: Verb, title: string): string {
  if (verb === 'bought') return `because you bought ${title}`;
  if (verb === 'added') return `because you added ${title} to your cart`;
  return `because you viewed ${title}`;
}

export const POPULAR_NOW = 'popular right now';
export const POPULAR_IN_SEGMENT = 'popular in your segment';
export const SIMILAR_SHOPPERS = 'shoppers with similar taste chose this';
