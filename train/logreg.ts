// Multinomial logistic regression with L2, fitted full-batch with L-BFGS. No randomness at all: the same examples in
// the same order give the same weights, bit for bit (the only source of run-to-run variation would be the order of
// floating-point sums, and that is fixed by the loops below).

export interface Example {
  /** Feature indices (ascending not required) and their values. */
  idx: Int32Array;
  val: Float64Array;
  y: number;
  weight: number;
}

export interface FitOptions {
  classes: number;
  dims: number;
  /** L2 strength on the weights (not on the biases), per unit of total example weight. */
  l2: number;
  maxIterations: number;
}

export interface Fitted {
  /** dims × classes, row-major: w[f * K + k]. */
  w: Float64Array;
  bias: Float64Array;
  iterations: number;
  loss: number;
}

/** Loss and gradient at theta = [w (dims×K), bias (K)]. */
function lossAndGradient(theta: Float64Array, data: readonly Example[], o: FitOptions, grad: Float64Array): number {
  const K = o.classes;
  const bOff = o.dims * K;
  grad.fill(0);
  let loss = 0;
  let totalWeight = 0;
  const z = new Float64Array(K);
  for (const ex of data) {
    totalWeight += ex.weight;
    for (let k = 0; k < K; k++) z[k] = theta[bOff + k]!;
    for (let j = 0; j < ex.idx.length; j++) {
      const base = ex.idx[j]! * K;
      const x = ex.val[j]!;
      for (let k = 0; k < K; k++) z[k]! += theta[base + k]! * x;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (z[k]! > max) max = z[k]!;
    let sum = 0;
    for (let k = 0; k < K; k++) {
      z[k] = Math.exp(z[k]! - max);
      sum += z[k]!;
    }
    loss += ex.weight * (Math.log(sum) + max - (Math.log(z[ex.y]!) + max));
    for (let k = 0; k < K; k++) {
      const d = ex.weight * (z[k]! / sum - (k === ex.y ? 1 : 0));
      grad[bOff + k]! += d;
      if (d === 0) continue;
      for (let j = 0; j < ex.idx.length; j++) grad[ex.idx[j]! * K + k]! += d * ex.val[j]!;
    }
  }
  const inv = 1 / totalWeight;
  loss *= inv;
  for (let i = 0; i < grad.length; i++) grad[i]! *= inv;
  let reg = 0;
  for (let i = 0; i < bOff; i++) {
    reg += theta[i]! * theta[i]!;
    grad[i]! += o.l2 * theta[i]!;
  }
  return loss + 0.5 * o.l2 * reg;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** L-BFGS (memory 10) with a backtracking Armijo line search. */
export function fit(data: readonly Example[], o: FitOptions): Fitted {
  const n = o.dims * o.classes + o.classes;
  const M = 10;
  let theta = new Float64Array(n);
  let g = new Float64Array(n);
  let f = lossAndGradient(theta, data, o, g);
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(n);
  const next = new Float64Array(n);
  const gNext = new Float64Array(n);
  let it = 0;
  for (; it < o.maxIterations; it++) {
    // Two-loop recursion: dir = -H·g.
    dir.set(g);
    const alpha: number[] = [];
    for (let i = S.length - 1; i >= 0; i--) {
      const a = rho[i]! * dot(S[i]!, dir);
      alpha[i] = a;
      const y = Y[i]!;
      for (let j = 0; j < n; j++) dir[j]! -= a * y[j]!;
    }
    const gamma = S.length > 0 ? dot(S[S.length - 1]!, Y[Y.length - 1]!) / dot(Y[Y.length - 1]!, Y[Y.length - 1]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let j = 0; j < n; j++) dir[j]! *= gamma;
    for (let i = 0; i < S.length; i++) {
      const b = rho[i]! * dot(Y[i]!, dir);
      const s = S[i]!;
      for (let j = 0; j < n; j++) dir[j]! += (alpha[i]! - b) * s[j]!;
    }
    for (let j = 0; j < n; j++) dir[j] = -dir[j]!;
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (curvature information gone stale): restart from steepest descent.
      S.length = 0;
      Y.length = 0;
      rho.length = 0;
      for (let j = 0; j < n; j++) dir[j] = -g[j]!;
      slope = dot(g, dir);
    }
    let step = 1;
    let fNext = Infinity;
    for (let ls = 0; ls < 30; ls++) {
      for (let j = 0; j < n; j++) next[j] = theta[j]! + step * dir[j]!;
      fNext = lossAndGradient(next, data, o, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNext < f)) break;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      s[j] = next[j]! - theta[j]!;
      y[j] = gNext[j]! - g[j]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      S.push(s);
      Y.push(y);
      rho.push(1 / sy);
      if (S.length > M) {
        S.shift();
        Y.shift();
        rho.shift();
      }
    }
    const improvement = f - fNext;
    [theta, g] = [Float64Array.from(next), Float64Array.from(gNext)];
    f = fNext;
    if (improvement < 1e-7 * Math.max(1, Math.abs(f))) {
      it++;
      break;
    }
  }
  return { w: theta.subarray(0, o.dims * o.classes), bias: theta.subarray(o.dims * o.classes), iterations: it, loss: f };
}
