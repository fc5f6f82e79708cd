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
