import type { JsonObject } from '../core/types.js';
import type { Store } from '../store/store.js';

/**
 * The segment part of a user's profile: the current cluster, RFM segment, tags and rule segments, each
 * with English and Chinese names.
 */
export async function profileSegments(store: Store, profileId: number): Promise<JsonObject> {
  const current = await store.segments.forProfile(profileId, { current: true });
  const out: JsonObject = { segment: null, rfmSegment: null, tags: [], ruleSegments: [] };
  const tags: JsonObject[] = [];
  const rules: JsonObject[] = [];
  for (const mship of current) {
    const s = await store.segments.get(mship.segmentId);
    if (!s) continue;
    const view: JsonObject = {
      id: s.id,
      name: s.name,
      nameZh: s.nameZh,
      description: s.description,
      descriptionZh: s.descriptionZh,
      since: new Date(mship.enteredAt).toISOString(),
    };
    if (s.kind === 'cluster') out.segment = view;
    else if (s.kind === 'rfm') out.rfmSegment = view;
    else if (s.kind === 'tag') tags.push({ id: s.id.replace(/^tag-/, ''), en: s.name, zh: s.nameZh });
    else rules.push({ id: s.id, name: s.name, nameZh: s.nameZh });
  }
  out.tags = tags;
  out.ruleSegments = rules;
  return out;
}
