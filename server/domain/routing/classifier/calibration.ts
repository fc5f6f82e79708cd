/** Confidence calibration and the out-of-scope threshold, fitted on a held-out slice of the training data. */

/** Mean negative log-likelihood of the true labels under softmax(scores / temperature). */
export function softmaxNll(scores: Float64Array[], labels: number[], temperature: number): number {
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    let max = -Infinity;
    for (const v of s) if (v > max) max = v;
    let sum = 0;
    for (const v of s) sum += Math.exp((v - max) / temperature);
    total += Math.log(sum) - (s[labels[i]!]! - max) / temperature;
  }
  return total / Math.max(1, scores.length);
}

/**
 * The softmax temperature that minimises held-out negative log-likelihood (Guo et al. 2017, "temperature
 * scaling"), by golden-section search on log T in [1/20, 20].
 */
export function fitTemperature(scores: Float64Array[], labels: number[]): number {
  if (scores.length === 0) return 1;
  let lo = Math.log(0.05);
  let hi = Math.log(20);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = softmaxNll(scores, labels, Math.exp(a));
  let fb = softmaxNll(scores, labels, Math.exp(b));
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = softmaxNll(scores, labels, Math.exp(a));
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = softmaxNll(scores, labels, Math.exp(b));
    }
  }
  return Math.exp((lo + hi) / 2);
}

/** The q-quantile (0..1) of a list of numbers, by linear interpolation. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const pos = Math.min(Math.max(q, 0), 1) * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/**
 * Wilson score lower bound of a proportion `successes / n` (`z` standard deviations below): how low the true
 * rate may be, given only `n` held-out messages. 0 when `n` is 0.
 */
export function wilsonLowerBound(successes: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}

/**
 * The strictest cut on a score that still meets an accuracy target: messages scoring at least the cut are
 * routed, the others go to triage, and accuracy counts a triaged message as not correct (so it can only fall as
 * the cut rises). Returns the largest cut among the scores whose accuracy, at its Wilson lower bound `z`
 * deviations down, is still at least `target`; `null` when even routing everything falls short.
 */
export function strictestCutMeeting(scores: readonly number[], correct: readonly boolean[], target: number, z: number): number | null {
  const n = scores.length;
  if (n === 0) return null;
  const order = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  let routedCorrect = 0;
  let best: number | null = null;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    if (correct[i]) routedCorrect++;
    // a cut can only sit between different scores: ties are routed together
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[i]) continue;
    if (wilsonLowerBound(routedCorrect, n, z) >= target) {
      best = scores[i]!;
      break;
    }
  }
  return best;
}
