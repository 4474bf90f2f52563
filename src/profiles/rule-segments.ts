import { invalidInput, OspreyError } from '../core/errors.js';
import type { SegmentRule } from '../core/segment-rule.js';
import type { SegmentRecord, Store } from '../store/store.js';
import { parseRule, referencedSegments } from './rule-language.js';

/** The body of POST/PUT /api/segments, validated. */
export interface RuleSegmentInput {
  id?: string;
  name: string;
  nameZh?: string;
  description?: string;
  descriptionZh?: string;
  rule: SegmentRule;
}

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const FIELDS = ['id', 'name', 'nameZh', 'description', 'descriptionZh', 'rule'];

function text(v: unknown, path: string, max: number, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || (required && v.trim() === '') || v.length > max) {
    throw invalidInput(
      `${path}: must be a ${required ? 'non-empty ' : ''}string of at most ${max} characters`,
      [{ path, message: 'not a valid string' }],
    );
  }
  return v;
}

/** Validate a rule segment body; every error names its field (`name`, `rule.and[1].op`...). */
export function parseRuleSegmentInput(body: unknown): RuleSegmentInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidInput('body: must be an object with name and rule');
  }
  const b = body as Record<string, unknown>;
  for (const k of Object.keys(b)) {
    if (!FIELDS.includes(k)) {
      throw invalidInput(`${k}: unknown field '${k}'; expected ${FIELDS.join(', ')}`, [
        { path: k, message: 'unknown field' },
      ]);
    }
  }
  const id = text(b.id, 'id', 63, false);
  if (id !== undefined && !ID.test(id)) {
    throw invalidInput(
      'id: must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit',
      [{ path: 'id', message: 'not a valid id' }],
    );
  }
  if (b.rule === undefined) throw invalidInput('rule: is required', [{ path: 'rule', message: 'required' }]);
  return {
    id,
    name: text(b.name, 'name', 200, true)!,
    nameZh: text(b.nameZh, 'nameZh', 200, false),
    description: text(b.description, 'description', 1000, false),
    descriptionZh: text(b.descriptionZh, 'descriptionZh', 1000, false),
    rule: parseRule(b.rule),
  };
}

/** A stable id from a name: "Lapsing VIPs" → "lapsing-vips" (rule-… when the name has no latin letters). */
export function segmentIdFrom(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s || `rule-${Date.now().toString(36)}`;
}

/** Every referenced segment exists, and following references from `id` never leads back to it. */
async function checkReferences(store: Store, id: string, rule: SegmentRule): Promise<void> {
  const paths = new Map<string, string>();
  const walk = (r: SegmentRule, path: string): void => {
    if ('and' in r) {
      for (const [i, x] of r.and.entries()) walk(x, `${path}.and[${i}]`);
    } else if ('or' in r) {
      for (const [i, x] of r.or.entries()) walk(x, `${path}.or[${i}]`);
    } else if ('not' in r) walk(r.not, `${path}.not`);
    else if ('segment' in r && !paths.has(r.segment)) paths.set(r.segment, `${path}.segment`);
  };
  walk(rule, 'rule');
  const all = new Map((await store.segments.list()).map((s) => [s.id, s]));
  for (const [ref, path] of paths) {
    if (!all.has(ref))
      throw invalidInput(`${path}: unknown segment '${ref}'`, [{ path, message: 'unknown segment' }]);
    // Depth-first over rule references from `ref`: reaching `id` closes a cycle.
    const stack = [ref];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const cur = stack.pop()!;
      if (cur === id) {
        throw invalidInput(`${path}: segment '${ref}' refers back to '${id}' (a cycle)`, [
          { path, message: 'cycle' },
        ]);
      }
      if (seen.has(cur)) continue;
      seen.add(cur);
      const r = all.get(cur)?.rule;
      if (r) stack.push(...referencedSegments(r));
    }
  }
}

export async function createRuleSegment(
  store: Store,
  input: RuleSegmentInput,
  now: number,
): Promise<SegmentRecord> {
  const id = input.id ?? segmentIdFrom(input.name);
  await checkReferences(store, id, input.rule);
  await store.segments.create(
    {
      id,
      kind: 'rule',
      name: input.name,
      nameZh: input.nameZh ?? input.name,
      description: input.description ?? '',
      descriptionZh: input.descriptionZh ?? input.description ?? '',
      rule: input.rule,
    },
    now,
  );
  await store.segments.refreshRule(id, now);
  return (await store.segments.get(id))!;
}

async function ruleSegment(store: Store, id: string): Promise<SegmentRecord> {
  const s = await store.segments.get(id);
  if (!s) throw new OspreyError('NOT_FOUND', `no segment '${id}'`);
  if (s.kind !== 'rule') {
    throw new OspreyError(
      'CONFLICT',
      `segment '${id}' is a ${s.kind} segment; only rule segments are edited through the API`,
    );
  }
  return s;
}

export async function updateRuleSegment(
  store: Store,
  id: string,
  input: RuleSegmentInput,
  now: number,
): Promise<SegmentRecord> {
  if (input.id !== undefined && input.id !== id)
    throw invalidInput(`id: cannot change a segment's id ('${id}')`);
  const old = await ruleSegment(store, id);
  await checkReferences(store, id, input.rule);
  await store.segments.upsert(
    {
      id,
      kind: 'rule',
      name: input.name,
      nameZh: input.nameZh ?? input.name,
      description: input.description ?? old.description,
      descriptionZh: input.descriptionZh ?? input.description ?? old.descriptionZh,
      rule: input.rule,
    },
    now,
  );
  await store.segments.refreshRule(id, now);
  return (await store.segments.get(id))!;
}

/** Delete a rule segment; CONFLICT while another rule refers to it. */
export async function deleteRuleSegment(store: Store, id: string): Promise<void> {
  await ruleSegment(store, id);
  for (const s of await store.segments.list({ kind: 'rule' })) {
    if (s.rule && referencedSegments(s.rule).includes(id)) {
      throw new OspreyError('CONFLICT', `segment '${id}' is used by the rule of segment '${s.id}'`);
    }
  }
  await store.segments.delete(id);
}

/** Count for a rule without saving it (the dashboard's live count); the rule is validated first. */
export async function previewRule(store: Store, json: unknown, now: number): Promise<number> {
  const rule = parseRule(json);
  await checkReferences(store, '', rule);
  return store.segments.countRule(rule, now);
}

/** Refresh every rule segment, referenced segments first, so a rule sees its dependencies' new members. */
export async function refreshRuleSegments(
  store: Store,
  now: number,
): Promise<{ id: string; size: number; entered: number; exited: number }[]> {
  const rules = (await store.segments.list({ kind: 'rule' })).filter((s) => s.rule);
  const byId = new Map(rules.map((s) => [s.id, s]));
  const done = new Set<string>();
  const out: { id: string; size: number; entered: number; exited: number }[] = [];
  const visit = async (s: SegmentRecord, depth: number): Promise<void> => {
    if (done.has(s.id) || depth > 100) return;
    for (const ref of referencedSegments(s.rule!)) {
      const dep = byId.get(ref);
      if (dep) await visit(dep, depth + 1);
    }
    done.add(s.id);
    out.push({ id: s.id, ...(await store.segments.refreshRule(s.id, now)) });
  };
  for (const s of rules) await visit(s, 0);
  return out;
}
