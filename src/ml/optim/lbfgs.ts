import { dot } from '../linalg/blas.js';

/** Objective: writes the gradient into `g` and returns the value. */
export type ObjectiveWithGradient = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions {
  maxIter?: number;
  /** Stop when max |(pseudo-)gradient| ≤ gtol (scipy L-BFGS-B's pgtol; sklearn passes its `tol`). */
  gtol?: number;
  /** Stop when (f_k − f_{k+1}) / max(|f_k|, |f_{k+1}|, 1) ≤ ftol (scipy's default factr·eps = 2.2e-9). */
  ftol?: number;
  /** History size (scipy default 10). */
  memory?: number;
  /** OWL-QN (Andrew & Gao 2007): add l1 · Σ_{j : l1Mask[j]} |x_j| to the objective. */
  l1?: number;
  l1Mask?: Uint8Array;
  signal?: AbortSignal;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
  message: string;
}

/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) with a strong-Wolfe line search (Nocedal &
 * Wright, alg. 3.5–3.6), or OWL-QN with a projected backtracking search when an L1 term is given.
 * Non-convergence is reported in the result, never thrown.
 */
export function minimizeLbfgs(
  fg: ObjectiveWithGradient,
  x0: Float64Array,
  o: LbfgsOptions = {},
): LbfgsResult {
  const n = x0.length;
  const maxIter = o.maxIter ?? 100;
  const gtol = o.gtol ?? 1e-5;
  const ftol = o.ftol ?? 2.220446049250313e-9;
  const m = o.memory ?? 10;
  const l1 = o.l1 ?? 0;
  const mask = o.l1Mask;
  const penalised = (j: number): boolean => l1 > 0 && (mask === undefined || mask[j] === 1);

  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const pg = new Float64Array(n); // pseudo-gradient (= g when l1 = 0)
  const d = new Float64Array(n);
  const xNew = new Float64Array(n);
  const gNew = new Float64Array(n);
  const S = Array.from({ length: m }, () => new Float64Array(n));
  const Y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let stored = 0;
  let head = 0;

  const l1Value = (v: Float64Array): number => {
    if (l1 === 0) return 0;
    let s = 0;
    for (let j = 0; j < n; j++) if (penalised(j)) s += Math.abs(v[j]);
    return l1 * s;
  };
  const pseudoGradient = (): void => {
    for (let j = 0; j < n; j++) {
      if (!penalised(j)) pg[j] = g[j];
      else if (x[j] > 0) pg[j] = g[j] + l1;
      else if (x[j] < 0) pg[j] = g[j] - l1;
      else if (g[j] + l1 < 0) pg[j] = g[j] + l1;
      else if (g[j] - l1 > 0) pg[j] = g[j] - l1;
      else pg[j] = 0;
    }
  };
  const maxAbs = (v: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < n; j++) s = Math.max(s, Math.abs(v[j]));
    return s;
  };

  let f = fg(x, g) + l1Value(x);
  pseudoGradient();
  if (maxAbs(pg) <= gtol)
    return { x, f, iterations: 0, converged: true, message: 'gradient below tolerance' };

  for (let iter = 1; iter <= maxIter; iter++) {
    if (o.signal?.aborted) return { x, f, iterations: iter - 1, converged: false, message: 'aborted' };
    // Two-loop recursion: d = −H · pg.
    for (let j = 0; j < n; j++) d[j] = -pg[j];
    for (let k = 0; k < stored; k++) {
      const i = (head - 1 - k + m) % m;
      alpha[i] = rho[i] * dot(n, S[i], 0, d, 0);
      for (let j = 0; j < n; j++) d[j] -= alpha[i] * Y[i][j];
    }
    if (stored > 0) {
      const last = (head - 1 + m) % m;
      const gamma = dot(n, S[last], 0, Y[last], 0) / dot(n, Y[last], 0, Y[last], 0);
      for (let j = 0; j < n; j++) d[j] *= gamma;
    }
    for (let k = stored - 1; k >= 0; k--) {
      const i = (head - 1 - k + m) % m;
      const beta = rho[i] * dot(n, Y[i], 0, d, 0);
      for (let j = 0; j < n; j++) d[j] += (alpha[i] - beta) * S[i][j];
    }
    if (l1 > 0) for (let j = 0; j < n; j++) if (penalised(j) && d[j] * pg[j] >= 0) d[j] = 0; // OWL-QN: stay in the descent orthant
    let slope = dot(n, pg, 0, d, 0);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      stored = 0;
      for (let j = 0; j < n; j++) d[j] = -pg[j];
      slope = dot(n, pg, 0, d, 0);
    }
    const step0 = iter === 1 && stored === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    const fOld = f;
    const ls = l1 > 0 ? owlqnSearch(step0, slope) : wolfeSearch(step0, slope);
    if (!ls) return { x, f, iterations: iter, converged: false, message: 'line search failed' };
    f = ls;
    // Update the history with s = xNew − x, y = gNew − g.
    const s = S[head];
    const yv = Y[head];
    for (let j = 0; j < n; j++) {
      s[j] = xNew[j] - x[j];
      yv[j] = gNew[j] - g[j];
    }
    const sy = dot(n, s, 0, yv, 0);
    // Curvature test relative to the directional derivative, as L-BFGS-B (Byrd et al. 1995): a test
    // against yᵀy would reject every update when features are unscaled and gradients huge.
    if (sy > Number.EPSILON * Math.abs(dot(n, g, 0, s, 0))) {
      rho[head] = 1 / sy;
      head = (head + 1) % m;
      stored = Math.min(stored + 1, m);
    }
    x.set(xNew);
    g.set(gNew);
    pseudoGradient();
    if (maxAbs(pg) <= gtol)
      return { x, f, iterations: iter, converged: true, message: 'gradient below tolerance' };
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol)
      return { x, f, iterations: iter, converged: true, message: 'relative reduction below ftol' };
  }
  return { x, f, iterations: maxIter, converged: false, message: 'maximum iterations reached' };

  /** Evaluate at x + t·d into xNew/gNew; returns the smooth value. */
  function evalAt(t: number): number {
    for (let j = 0; j < n; j++) xNew[j] = x[j] + t * d[j];
    return fg(xNew, gNew);
  }

  /** Strong-Wolfe line search (c1 = 1e-4, c2 = 0.9); returns f at the accepted point or 0-like null. */
  function wolfeSearch(t0: number, slope0: number): number | null {
    const c1 = 1e-4;
    const c2 = 0.9;
    const f0 = f;
    let tPrev = 0;
    let fPrev = f0;
    let dPrev = slope0;
    let t = t0;
    for (let k = 0; k < 20; k++) {
      const ft = evalAt(t);
      const dt = dot(n, gNew, 0, d, 0);
      if (ft > f0 + c1 * t * slope0 || (k > 0 && ft >= fPrev)) return zoom(tPrev, fPrev, dPrev, t, ft, dt);
      if (Math.abs(dt) <= -c2 * slope0) return ft;
      if (dt >= 0) return zoom(t, ft, dt, tPrev, fPrev, dPrev);
      tPrev = t;
      fPrev = ft;
      dPrev = dt;
      t *= 2;
    }
    return null;

    function zoom(lo: number, fLo: number, dLo: number, hi: number, fHi: number, dHi: number): number | null {
      for (let k = 0; k < 60; k++) {
        let tj = cubicMin(lo, fLo, dLo, hi, fHi, dHi);
        const a = Math.min(lo, hi);
        const b = Math.max(lo, hi);
        if (!(tj > a + 0.1 * (b - a) && tj < b - 0.1 * (b - a))) tj = (lo + hi) / 2;
        const fj = evalAt(tj);
        const dj = dot(n, gNew, 0, d, 0);
        if (fj > f0 + c1 * tj * slope0 || fj >= fLo) {
          hi = tj;
          fHi = fj;
          dHi = dj;
        } else {
          if (Math.abs(dj) <= -c2 * slope0) return fj;
          if (dj * (hi - lo) >= 0) {
            hi = lo;
            fHi = fLo;
            dHi = dLo;
          }
          lo = tj;
          fLo = fj;
          dLo = dj;
        }
        // Relative bracket width: steps can be tiny when features are unscaled (gradients ~1e9).
        if (Math.abs(hi - lo) <= 1e-14 * Math.max(Math.abs(lo), Math.abs(hi))) break;
      }
      // Accept the best point found if it decreased f (sufficient for progress).
      if (fLo < f0) {
        evalAt(lo);
        return fLo;
      }
      return null;
    }
  }

  /** OWL-QN backtracking: project each trial onto the orthant of x (or of −pg where x is 0). */
  function owlqnSearch(t0: number, _slope: number): number | null {
    let t = t0;
    for (let k = 0; k < 40; k++) {
      for (let j = 0; j < n; j++) {
        let v = x[j] + t * d[j];
        if (penalised(j)) {
          const orth = x[j] !== 0 ? Math.sign(x[j]) : -Math.sign(pg[j]);
          if (v * orth <= 0) v = 0;
        }
        xNew[j] = v;
      }
      const ft = fg(xNew, gNew) + l1Value(xNew);
      let dec = 0;
      for (let j = 0; j < n; j++) dec += pg[j] * (xNew[j] - x[j]);
      if (ft <= f + 1e-4 * dec) return ft;
      t *= 0.5;
    }
    return null;
  }
}

/** Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db) (Nocedal & Wright eq. 3.59). */
function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (disc < 0) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - (b - a) * ((db + d2 - d1) / (db - da + 2 * d2));
}
