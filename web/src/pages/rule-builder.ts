/**
 * The rule builder's editing model and its translation to Osprey's rule language
 * (docs/rule-language.md): groups become {"and": [...]} / {"or": [...]}, a negated condition {"not": ...}.
 * Field values are kept as the text the marketer typed and converted here.
 */
export type Condition =
  | { kind: 'trait'; trait: string; op: string; value: string; negate: boolean }
  | { kind: 'event'; event: string; min: string; withinDays: string; negate: boolean }
  | { kind: 'prediction'; prediction: string; op: string; value: string; negate: boolean }
  | { kind: 'segment'; segment: string; negate: boolean };

export interface Group {
  join: 'and' | 'or';
  items: (Condition | Group)[];
}

export type Rule = Record<string, unknown>;

export function newCondition(kind: Condition['kind']): Condition {
  switch (kind) {
    case 'trait':
      return { kind, trait: 'country', op: 'eq', value: 'DE', negate: false };
    case 'event':
      return { kind, event: 'Order Completed', min: '1', withinDays: '90', negate: false };
    case 'prediction':
      return { kind, prediction: 'churn', op: 'gte', value: '0.5', negate: false };
    case 'segment':
      return { kind, segment: 'rfm-champions', negate: false };
  }
}

/** "42" → 42, "true" → true, anything else stays text: traits keep their JSON type in the store. */
export function scalar(text: string): string | number | boolean {
  const s = text.trim();
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(s)) return Number(s);
  return s;
}

function conditionRule(c: Condition): Rule {
  let rule: Rule;
  switch (c.kind) {
    case 'trait':
      if (c.op === 'exists') rule = { trait: c.trait.trim(), op: 'exists' };
      else if (c.op === 'in')
        rule = {
          trait: c.trait.trim(),
          op: 'in',
          value: c.value
            .split(',')
            .map((v) => v.trim())
            .filter(Boolean)
            .map(scalar),
        };
      else rule = { trait: c.trait.trim(), op: c.op, value: scalar(c.value) };
      break;
    case 'event': {
      rule = { event: c.event.trim() };
      if (c.min.trim() !== '') rule.min = Number(c.min);
      if (c.withinDays.trim() !== '') rule.withinDays = Number(c.withinDays);
      break;
    }
    case 'prediction':
      rule = { prediction: c.prediction, op: c.op, value: Number(c.value) };
      break;
    case 'segment':
      rule = { segment: c.segment };
      break;
  }
  return c.negate ? { not: rule } : rule;
}

export function toRule(g: Group): Rule {
  const parts = g.items.map((item) => ('join' in item ? toRule(item) : conditionRule(item)));
  // A one-condition group is just that condition; the server also accepts [x], but this reads better.
  if (parts.length === 1) return parts[0]!;
  return { [g.join]: parts };
}
