import { invalidInput } from '../../core/errors.js';
import type { Csr } from '../matrix.js';
import { Rng } from '../random.js';

/**
 * TODO(reconcile with branch ml-core): binary linear SVM (dual coordinate descent) and L2 logistic
 * regression (L-BFGS) on CSR input, written on branch `text` because src/ml's linear models had not reached
 * main when the text evaluator needed them. The coordinator should replace the callers in
 * src/text/sentiment/linear-backend.ts with ml-core's estimators and delete this file. Kernels only:
 * no estimator wrapper, so there is nothing here to keep in sync with the estimator contract.
 */
export interface LinearFit {
  /** Weights per column. */
  w: Float64Array;
  bias: number;
  iterations: number;
  converged: boolean;
}

function checkBinary(X: Csr, y: ArrayLike<number>): void {
  if (y.length !== X.rows) throw invalidInput(`y has ${y.length} labels for ${X.rows} rows`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw invalidInput(`y row ${i}: label must be 0 or 1; got ${y[i]}`);
  }
}

/**
 * L2-regularised squared-hinge linear SVM by dual coordinate descent (Hsieh, Chang, Lin, Keerthi &
 * Sundararajan 2008, Algorithm 1 with D_ii = 1/(2C), U = ∞ — LIBLINEAR's default `-s 1`). The bias is a
 * constant feature of value `biasScale` (regularised, as in LIBLINEAR). Stops when the projected-gradient
 * range over one epoch is below `tol`.
 */
export function linearSvmDualCd(
  X: Csr,
  y: ArrayLike<number>,
  o: { C: number; tol?: number; maxIter?: number; seed?: number; biasScale?: number },
): LinearFit {
  checkBinary(X, y);
  const { C } = o;
  const tol = o.tol ?? 0.1;
  const maxIter = o.maxIter ?? 1000;
  const bs = o.biasScale ?? 1;
  const n = X.rows;
  const w = new Float64Array(X.cols);
  let wb = 0;
  const alpha = new Float64Array(n);
  const diag = 1 / (2 * C);
  const qii = new Float64Array(n);
  const sign = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = bs * bs + diag;
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) s += X.data[k] * X.data[k];
    qii[i] = s;
    sign[i] = y[i] === 1 ? 1 : -1;
  }
  const rng = new Rng(o.seed ?? 0);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let iter = 0;
  let converged = false;
  for (; iter < maxIter; iter++) {
    rng.shuffle(order);
    let pgMax = Number.NEGATIVE_INFINITY;
    let pgMin = Number.POSITIVE_INFINITY;
    for (let t = 0; t < n; t++) {
      const i = order[t];
      const yi = sign[i];
      let dot = wb * bs;
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) dot += w[X.indices[k]] * X.data[k];
      const G = yi * dot - 1 + diag * alpha[i];
      const pg = alpha[i] === 0 ? Math.min(G, 0) : G;
      if (pg > pgMax) pgMax = pg;
      if (pg < pgMin) pgMin = pg;
      if (Math.abs(pg) > 1e-12) {
        const old = alpha[i];
        alpha[i] = Math.max(old - G / qii[i], 0);
        const d = (alpha[i] - old) * yi;
        for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) w[X.indices[k]] += d * X.data[k];
        wb += d * bs;
      }
    }
    if (pgMax - pgMin < tol) {
      converged = true;
      iter++;
      break;
    }
  }
  return { w, bias: wb * bs, iterations: iter, converged };
}

/**
 * L2-regularised logistic regression, minimising ½‖w‖²/C + Σ log(1 + exp(−yᵢ(w·xᵢ + b))) with an
 * unpenalised intercept, by L-BFGS (Nocedal & Wright 2006, Alg. 7.4/7.5) with Armijo backtracking.
 */
export function logisticRegressionLbfgs(
  X: Csr,
  y: ArrayLike<number>,
  o: { C: number; tol?: number; maxIter?: number; memory?: number },
): LinearFit {
  checkBinary(X, y);
  const n = X.rows;
  const d = X.cols + 1; // last coordinate: intercept
  const lambda = 1 / o.C;
  const tol = o.tol ?? 1e-4;
  const maxIter = o.maxIter ?? 300;
  const m = o.memory ?? 10;
  const z = new Float64Array(n);

  const evaluate = (theta: Float64Array, grad: Float64Array): number => {
    const b = theta[d - 1];
    let f = 0;
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      let s = b;
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) s += theta[X.indices[k]] * X.data[k];
      z[i] = s;
      const yz = y[i] === 1 ? s : -s;
      // log(1 + e^{−yz}) computed stably
      f += yz > 0 ? Math.log1p(Math.exp(-yz)) : -yz + Math.log1p(Math.exp(yz));
      const p = 1 / (1 + Math.exp(-s));
      const r = p - y[i];
      for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) grad[X.indices[k]] += r * X.data[k];
      grad[d - 1] += r;
    }
    let reg = 0;
    for (let j = 0; j < d - 1; j++) {
      reg += theta[j] * theta[j];
      grad[j] += lambda * theta[j];
    }
    return f + 0.5 * lambda * reg;
  };

  const theta = new Float64Array(d);
  const g = new Float64Array(d);
  let f = evaluate(theta, g);
  const sHist: Float64Array[] = [];
  const yHist: Float64Array[] = [];
  const rhoHist: number[] = [];
  const dir = new Float64Array(d);
  const alphaBuf = new Float64Array(m);
  const next = new Float64Array(d);
  const gNext = new Float64Array(d);
  const gScale = Math.max(1, n);
  let iter = 0;
  let converged = false;
  for (; iter < maxIter; iter++) {
    let gInf = 0;
    for (let j = 0; j < d; j++) gInf = Math.max(gInf, Math.abs(g[j]));
    if (gInf / gScale < tol * 1e-2) {
      converged = true;
      break;
    }
    // Two-loop recursion: dir = −H g
    for (let j = 0; j < d; j++) dir[j] = -g[j];
    for (let h = sHist.length - 1; h >= 0; h--) {
      let a = 0;
      const s = sHist[h];
      for (let j = 0; j < d; j++) a += s[j] * dir[j];
      a *= rhoHist[h];
      alphaBuf[h] = a;
      const yy = yHist[h];
      for (let j = 0; j < d; j++) dir[j] -= a * yy[j];
    }
    if (sHist.length) {
      const s = sHist[sHist.length - 1];
      const yy = yHist[yHist.length - 1];
      let sy = 0;
      let yy2 = 0;
      for (let j = 0; j < d; j++) {
        sy += s[j] * yy[j];
        yy2 += yy[j] * yy[j];
      }
      const gamma = sy / yy2;
      for (let j = 0; j < d; j++) dir[j] *= gamma;
    } else {
      const gn = Math.sqrt(g.reduce((acc, v) => acc + v * v, 0));
      for (let j = 0; j < d; j++) dir[j] /= Math.max(gn, 1);
    }
    for (let h = 0; h < sHist.length; h++) {
      let b = 0;
      const yy = yHist[h];
      for (let j = 0; j < d; j++) b += yy[j] * dir[j];
      b *= rhoHist[h];
      const s = sHist[h];
      const c = alphaBuf[h] - b;
      for (let j = 0; j < d; j++) dir[j] += c * s[j];
    }
    let slope = 0;
    for (let j = 0; j < d; j++) slope += g[j] * dir[j];
    if (slope >= 0) {
      // Not a descent direction: restart from steepest descent.
      sHist.length = 0;
      yHist.length = 0;
      rhoHist.length = 0;
      for (let j = 0; j < d; j++) dir[j] = -g[j];
      slope = -g.reduce((acc, v) => acc + v * v, 0);
    }
    let step = 1;
    let fNext = 0;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < d; j++) next[j] = theta[j] + step * dir[j];
      fNext = evaluate(next, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(d);
    const yy = new Float64Array(d);
    let sy = 0;
    for (let j = 0; j < d; j++) {
      s[j] = next[j] - theta[j];
      yy[j] = gNext[j] - g[j];
      sy += s[j] * yy[j];
    }
    const fPrev = f;
    theta.set(next);
    g.set(gNext);
    f = fNext;
    if (sy > 1e-12) {
      sHist.push(s);
      yHist.push(yy);
      rhoHist.push(1 / sy);
      if (sHist.length > m) {
        sHist.shift();
        yHist.shift();
        rhoHist.shift();
      }
    }
    if (Math.abs(fPrev - f) <= tol * 1e-3 * Math.max(Math.abs(f), 1)) {
      converged = true;
      iter++;
      break;
    }
  }
  return { w: theta.slice(0, d - 1), bias: theta[d - 1], iterations: iter, converged };
}

/** Decision values X·w + b. */
export function linearDecision(X: Csr, w: ArrayLike<number>, bias: number): Float64Array {
  const out = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = bias;
    for (let k = X.indptr[i]; k < X.indptr[i + 1]; k++) {
      const c = X.indices[k];
      if (c < w.length) s += w[c] * X.data[k];
    }
    out[i] = s;
  }
  return out;
}

/**
 * Platt scaling: P(y=1|f) = 1 / (1 + exp(A·f + B)), fitted by Newton's method with Platt's smoothed
 * targets, following Lin, Lin & Weng (2007), "A note on Platt's probabilistic outputs for SVMs", Alg. 1.
 */
export function plattScaling(f: ArrayLike<number>, y: ArrayLike<number>): { A: number; B: number } {
  const n = f.length;
  let prior1 = 0;
  for (let i = 0; i < n; i++) if (y[i] === 1) prior1++;
  const prior0 = n - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = y[i] === 1 ? hi : lo;
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  const sigma = 1e-12;
  const fval = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      const fApB = f[i] * a + b;
      s +=
        fApB >= 0
          ? t[i] * fApB + Math.log1p(Math.exp(-fApB))
          : (t[i] - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return s;
  };
  let fv = fval(A, B);
  for (let it = 0; it < 100; it++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < n; i++) {
      const fApB = f[i] * A + B;
      let p: number;
      let q: number;
      if (fApB >= 0) {
        p = Math.exp(-fApB) / (1 + Math.exp(-fApB));
        q = 1 / (1 + Math.exp(-fApB));
      } else {
        p = 1 / (1 + Math.exp(fApB));
        q = Math.exp(fApB) / (1 + Math.exp(fApB));
      }
      const d2 = p * q;
      h11 += f[i] * f[i] * d2;
      h22 += d2;
      h21 += f[i] * d2;
      const d1 = t[i] - p;
      g1 += f[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const nA = A + step * dA;
      const nB = B + step * dB;
      const nf = fval(nA, nB);
      if (nf < fv + 1e-4 * step * gd) {
        A = nA;
        B = nB;
        fv = nf;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { A, B };
}
