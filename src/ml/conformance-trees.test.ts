import { describe, it } from 'vitest';
import { GradientBoostingClassifier, GradientBoostingRegressor } from './boosting/index.js';
import { type CheckableEstimator, estimatorChecks } from './check-estimator.js';
import type { ModelArtifact } from './estimator.js';
import { MlpClassifier, MlpRegressor } from './neural/index.js';
import { DecisionTreeClassifier, DecisionTreeRegressor } from './tree/index.js';

/** Every estimator of the trees/boosting/neural half passes the shared conformance suite. */
const suites: {
  name: string;
  kind: 'classifier' | 'regressor';
  make: (p?: object) => CheckableEstimator;
  fromJSON: (a: ModelArtifact) => CheckableEstimator;
  params: object;
  invalidParams: object[];
  handlesMissing?: boolean;
}[] = [
  {
    name: 'GradientBoostingClassifier',
    kind: 'classifier',
    make: (p) => new GradientBoostingClassifier(p),
    fromJSON: (a) => GradientBoostingClassifier.fromJSON(a as never),
    params: { nEstimators: 15, subsample: 0.8, colsample: 0.75, minDataInLeaf: 5, seed: 3 },
    invalidParams: [{ learningRate: 0 }, { numLeaves: 1 }, { subsample: 1.5 }, { maxBin: 300 }],
    handlesMissing: true,
  },
  {
    name: 'GradientBoostingRegressor',
    kind: 'regressor',
    make: (p) => new GradientBoostingRegressor(p),
    fromJSON: (a) => GradientBoostingRegressor.fromJSON(a as never),
    params: { nEstimators: 15, subsample: 0.8, colsample: 0.75, minDataInLeaf: 5, seed: 3 },
    invalidParams: [{ nEstimators: 0 }, { lambda: -1 }],
    handlesMissing: true,
  },
  {
    name: 'DecisionTreeClassifier',
    kind: 'classifier',
    make: (p) => new DecisionTreeClassifier(p),
    fromJSON: (a) => DecisionTreeClassifier.fromJSON(a as never),
    params: { criterion: 'entropy', maxDepth: 4 },
    invalidParams: [{ criterion: 'mse' }, { minSamplesLeaf: 0 }, { maxDepth: 0 }],
  },
  {
    name: 'DecisionTreeRegressor',
    kind: 'regressor',
    make: (p) => new DecisionTreeRegressor(p),
    fromJSON: (a) => DecisionTreeRegressor.fromJSON(a as never),
    params: { maxDepth: 5, minSamplesLeaf: 3 },
    invalidParams: [{ criterion: 'gini' }, { maxLeafNodes: 1 }],
  },
  {
    name: 'MlpClassifier',
    kind: 'classifier',
    make: (p) => new MlpClassifier(p),
    fromJSON: (a) => MlpClassifier.fromJSON(a as never),
    params: { hiddenLayers: [8], maxEpochs: 10, dropout: 0.1, seed: 1 },
    invalidParams: [{ learningRate: 0 }, { hiddenLayers: [0] }, { dropout: 1 }],
  },
  {
    name: 'MlpRegressor',
    kind: 'regressor',
    make: (p) => new MlpRegressor(p),
    fromJSON: (a) => MlpRegressor.fromJSON(a as never),
    params: { hiddenLayers: [8], maxEpochs: 10, seed: 1 },
    invalidParams: [{ batchSize: 0 }],
  },
];

for (const s of suites) {
  describe(`checkEstimator: ${s.name}`, () => {
    for (const c of estimatorChecks(s.make, {
      kind: s.kind,
      fromJSON: s.fromJSON,
      params: s.params,
      invalidParams: s.invalidParams,
      handlesMissing: s.handlesMissing,
    })) {
      it(c.name, c.run);
    }
  });
}
