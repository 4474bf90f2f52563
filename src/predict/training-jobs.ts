import { invalidInput } from '../core/errors.js';
import type { JsonObject } from '../core/types.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Store } from '../store/store.js';
import { isPredictionKind, PREDICTION_KINDS, type PredictionKind } from './labels.js';
import type { ClassifierAlgorithm } from './prediction-model.js';
import { type TrainResult, trainModel } from './train.js';

export const TRAIN_JOB = 'train-model';
/** Retrain every day: behaviour drifts slowly, and a 90-day horizon gains one day of labels per day. */
export const RETRAIN_EVERY_MS = 24 * 3_600_000;

/** Validated payload of a training job (also the body of POST /api/models/:kind/train). */
export interface TrainRequest {
  kind: PredictionKind | 'all';
  horizonDays?: number;
  algorithm?: ClassifierAlgorithm;
  churnOn?: 'purchase' | 'activity';
  category?: string;
}

export function parseTrainRequest(kind: string, body: JsonObject): TrainRequest {
  if (kind !== 'all' && !isPredictionKind(kind)) {
    throw invalidInput(`unknown model kind '${kind}'; use ${PREDICTION_KINDS.join(', ')} or all`);
  }
  const r: TrainRequest = { kind };
  if (body.horizonDays !== undefined) {
    if (typeof body.horizonDays !== 'number' || !(body.horizonDays >= 1 && body.horizonDays <= 730)) {
      throw invalidInput('horizonDays must be a number of days from 1 to 730');
    }
    r.horizonDays = body.horizonDays;
  }
  if (body.algorithm !== undefined) {
    if (body.algorithm !== 'gbdt' && body.algorithm !== 'logistic') {
      throw invalidInput(`algorithm must be gbdt or logistic; got ${JSON.stringify(body.algorithm)}`);
    }
    r.algorithm = body.algorithm;
  }
  if (body.churnOn !== undefined) {
    if (body.churnOn !== 'purchase' && body.churnOn !== 'activity') {
      throw invalidInput(`churnOn must be purchase or activity; got ${JSON.stringify(body.churnOn)}`);
    }
    r.churnOn = body.churnOn;
  }
  if (body.category !== undefined) {
    if (typeof body.category !== 'string' || body.category === '')
      throw invalidInput('category must be a non-empty string');
    r.category = body.category;
  }
  return r;
}

/**
 * Train the requested kinds one after another. `all` skips a kind that lacks data (reported in the
 * result) rather than failing the others.
 */
export async function runTraining(
  store: Store,
  req: TrainRequest,
  onProgress?: (fraction: number, message?: string) => void,
  now = Date.now(),
): Promise<JsonObject> {
  const kinds = req.kind === 'all' ? [...PREDICTION_KINDS] : [req.kind];
  const out: JsonObject = {};
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    try {
      const r: TrainResult = await trainModel({
        store,
        kind,
        now,
        horizonDays: req.horizonDays,
        algorithm: req.algorithm,
        churnOn: req.churnOn,
        category: kind === 'propensity' ? req.category : undefined,
        onProgress: (f, m) => onProgress?.((i + f) / kinds.length, m),
      });
      out[kind] = { version: r.model.version, scored: r.scored, metrics: r.model.metrics };
    } catch (err) {
      if (req.kind !== 'all') throw err;
      out[kind] = { error: (err as Error).message };
    }
  }
  return out;
}

/** Register the `train-model` handler (progress as {fraction, message}). */
export function registerTrainingJobs(queue: JobQueue, store: Store): void {
  queue.register(TRAIN_JOB, async (ctx) => {
    const req = parseTrainRequest(String(ctx.payload.kind), ctx.payload);
    let last = 0;
    return runTraining(store, req, (fraction, message) => {
      // Throttle progress writes: one store round trip per percent.
      if (fraction - last < 0.01 && fraction < 1) return;
      last = fraction;
      void ctx.progress({ fraction, message: message ?? '' });
    });
  });
}

/**
 * Train every model in the background now and then every `everyMs` (default daily). Returns a stop
 * function. Jobs go through the queue so a scale-out deployment trains on a worker, not the API.
 */
export function scheduleTraining(
  queue: { enqueue(name: string, payload: JsonObject): Promise<string> },
  o: { everyMs?: number; onError?: (err: unknown) => void } = {},
): () => void {
  const enqueue = () => {
    queue.enqueue(TRAIN_JOB, { kind: 'all' }).catch((err) => o.onError?.(err));
  };
  enqueue();
  const timer = setInterval(enqueue, o.everyMs ?? RETRAIN_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
