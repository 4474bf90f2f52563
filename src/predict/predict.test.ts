import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OspreyError } from '../core/errors.js';
import { resolveFeatureSpec } from '../features/index.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/store.js';
import { buildLabelledSet } from './labels.js';
import { formatEffect } from './reasons.js';
import { activeModel, predictionsForProfile } from './serving.js';
import { fillSyntheticShop, SYNTHETIC_T0 } from './synthetic-shop.js';
import { trainModel } from './train.js';

const DAY = 86_400_000;
const dir = mkdtempSync(join(tmpdir(), 'osprey-predict-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function caught(p: Promise<unknown>): Promise<OspreyError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OspreyError);
    return err as OspreyError;
  }
  throw new Error('expected an OspreyError');
}

describe('labels', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(`sqlite:${join(dir, 'labels', 'osprey.db')}`);
    await fillSyntheticShop(store, { users: 60, days: 200, seed: 1 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('takes features from before the cut-off and labels only from the window after it', async () => {
    const asOf = SYNTHETIC_T0 + 100 * DAY;
    const spec = await resolveFeatureSpec(store, asOf);
    const labels = { horizonDays: 30 };
    const churn = await buildLabelledSet({ store, kind: 'churn', asOf, spec, labels });
    const clv = await buildLabelledSet({ store, kind: 'clv', asOf, spec, labels });
    const outcomes = new Map(
      (await store.features.outcomes({ from: asOf, to: asOf + 30 * DAY })).map((r) => [r.profileId, r]),
    );
    expect(churn.matrix.rows).toBeGreaterThan(10);
    for (let i = 0; i < churn.matrix.rows; i++) {
      const o = outcomes.get(churn.matrix.profileIds[i]);
      expect(churn.y[i]).toBe((o?.orders ?? 0) > 0 ? 0 : 1);
      expect(clv.y[i]).toBe(o?.revenue ?? 0);
    }
    // An order in the window changes the label, never the features; one after the window changes nothing.
    const who = churn.matrix.profileIds[0];
    const order = (id: string, at: number) => ({
      messageId: id,
      source: 'late',
      type: 'track' as const,
      name: 'Order Completed',
      userId: null,
      anonymousId: null,
      properties: { revenue: 1000 },
      context: {},
      timestamp: at,
      receivedAt: at,
      profileId: who,
    });
    await store.events.insertMany([order('in-window', asOf), order('after-window', asOf + 30 * DAY)]);
    const again = await buildLabelledSet({ store, kind: 'clv', asOf, spec, labels });
    expect([...again.matrix.data]).toEqual([...clv.matrix.data]);
    expect(again.y[0]).toBe(clv.y[0] + 1000);
    expect([...again.y.subarray(1)]).toEqual([...clv.y.subarray(1)]);
  });
});

describe('training, registry and scoring', () => {
  let store: Store;
  const now = SYNTHETIC_T0 + 360 * DAY;
  beforeAll(async () => {
    store = await openStore(`sqlite:${join(dir, 'train', 'osprey.db')}`);
    await fillSyntheticShop(store, { users: 400, days: 360, seed: 7 });
  });
  afterAll(async () => {
    await store.close();
  });

  it('trains churn with time-based validation, registers it and scores users with reasons in words', async () => {
    const steps: number[] = [];
    const r = await trainModel({
      store,
      kind: 'churn',
      now,
      horizonDays: 60,
      onProgress: (f) => steps.push(f),
    });
    expect(r.model).toMatchObject({ kind: 'churn', version: 1, algorithm: 'gbdt', active: true });
    expect(r.model.training).toMatchObject({
      validationCutoff: new Date(now - 60 * DAY).toISOString(),
      horizonDays: 60,
    });
    expect((r.model.training.cutoffs as string[])[0]).toBe(new Date(now - 120 * DAY).toISOString());
    const m = r.model.metrics as {
      auc: number;
      logLoss: number;
      liftAtTopDecile: number;
      roc: { fpr: number[] };
    };
    expect(m.auc).toBeGreaterThan(0.7);
    expect(m.logLoss).toBeGreaterThan(0);
    expect(m.roc.fpr.length).toBeGreaterThan(2);
    expect(steps.at(-1)).toBe(1);
    expect(r.scored).toBe(400);
    expect(await store.scores.count('churn')).toBe(400);

    // Registry round trip: the stored artifact predicts what the trained model predicted.
    const served = await activeModel(store, 'churn');
    expect(served?.record.version).toBe(1);
    const [top] = await store.scores.list({ kind: 'churn', limit: 1 });
    const preds = await predictionsForProfile(store, top.profileId, now);
    expect(preds[0].value).toBe(top.value);
    const reasons = preds[0].reasons;
    expect(reasons.length).toBe(3);
    for (const reason of reasons) expect(reason.text).toMatch(/: [+-]\d+\.\d\d$/);
    expect(reasons.some((x) => /last purchase \d+ days ago|orders|spent/.test(x.text))).toBe(true);

    const again = await trainModel({
      store,
      kind: 'churn',
      now,
      horizonDays: 60,
      algorithm: 'logistic',
      score: false,
    });
    expect(again.model.version).toBe(2);
    expect((await store.models.list({ kind: 'churn' })).map((x) => [x.version, x.active])).toEqual([
      [2, true],
      [1, false],
    ]);
  });

  it('gives a user with no events the population prior with the reason "no history"', async () => {
    const fresh = await store.users.create({ userId: 'newcomer' }, now);
    const preds = await predictionsForProfile(store, fresh.profileId, now);
    const churn = preds.find((p) => p.kind === 'churn');
    const served = await activeModel(store, 'churn');
    expect(churn?.value).toBe(served?.prior);
    expect(churn?.reasons).toEqual([{ feature: null, effect: 0, text: 'no history' }]);
  });

  it('refuses to train with too little data, saying what is missing', async () => {
    const err = await caught(
      trainModel({ store, kind: 'churn', now: SYNTHETIC_T0 + 90 * DAY, horizonDays: 30 }),
    );
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toMatch(/too little data/);
    expect(err.message).toMatch(/at least 50 who churned/);
    const empty = await openStore(`sqlite:${join(dir, 'empty', 'osprey.db')}`);
    const none = await caught(trainModel({ store: empty, kind: 'propensity', now }));
    expect(none.message).toMatch(/no customers with an order/);
    await empty.close();
  });

  it('formats effects with a sign and two decimals', () => {
    expect(formatEffect(0.2149)).toBe('+0.21');
    expect(formatEffect(-0.051)).toBe('-0.05');
    expect(formatEffect(0)).toBe('+0.00');
  });
});
