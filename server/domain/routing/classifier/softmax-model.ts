import type { SparseVector } from "./vocabulary.js";

/**
 * Multinomial logistic regression (softmax) over sparse vectors, trained by stochastic gradient descent with
 * L2 regularisation. Weights are laid out feature-major (`w[feature * classes + class]`), so scoring a message
 * reads a few contiguous rows. L2 decay is applied lazily through one global `scale` (Bottou's trick), so a step
 * costs O(non-zeros × active classes), not O(all weights).
 */
export class SoftmaxModel {
  classes: number;
  features: number;
  w: Float32Array;
  bias: Float64Array;
  private scale = 1;

  constructor(features: number, classes: number) {
    this.features = features;
    this.classes = classes;
    this.w = new Float32Array(features * classes);
    this.bias = new Float64Array(classes);
  }

  /** Raw scores (logits) into `out`. */
  scores(x: SparseVector, out: Float64Array): void {
    const C = this.classes;
    const w = this.w;
    for (let c = 0; c < C; c++) out[c] = this.bias[c]!;
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k]!;
      if (f >= this.features) continue;
      const v = x.val[k]! * this.scale;
      const base = f * C;
      for (let c = 0; c < C; c++) out[c]! += v * w[base + c]!;
    }
  }

  /** Scores of the listed classes only (`out[j]` for `classes[j]`): cheap when a few candidates remain. */
  scoresFor(x: SparseVector, classes: Int32Array, out: Float64Array): void {
    const C = this.classes;
    const w = this.w;
    const n = classes.length;
    for (let j = 0; j < n; j++) out[j] = 0;
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k]!;
      if (f >= this.features) continue;
      const v = x.val[k]!;
      const base = f * C;
      for (let j = 0; j < n; j++) out[j]! += v * w[base + classes[j]!]!;
    }
    for (let j = 0; j < n; j++) out[j] = out[j]! * this.scale + this.bias[classes[j]!]!;
  }

  /** `step` restricted to the listed classes (`grad[j]` for `classes[j]`). */
  stepFor(x: SparseVector, classes: Int32Array, grad: Float64Array, lr: number, l2: number): void {
    const C = this.classes;
    if (l2 > 0) {
      this.scale *= 1 - lr * l2;
      if (this.scale < 1e-6) this.rescale();
    }
    const w = this.w;
    const n = classes.length;
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k]!;
      if (f >= this.features) continue;
      const coef = (lr * x.val[k]!) / this.scale;
      const base = f * C;
      for (let j = 0; j < n; j++) w[base + classes[j]!]! -= coef * grad[j]!;
    }
    for (let j = 0; j < n; j++) this.bias[classes[j]!]! -= lr * grad[j]!;
  }

  /** Softmax of scores / temperature, in place (over the first `n` entries). */
  static softmax(scores: Float64Array, temperature = 1, n = scores.length): void {
    let max = -Infinity;
    for (let c = 0; c < n; c++) if (scores[c]! > max) max = scores[c]!;
    let sum = 0;
    for (let c = 0; c < n; c++) {
      const e = Math.exp((scores[c]! - max) / temperature);
      scores[c] = e;
      sum += e;
    }
    for (let c = 0; c < n; c++) scores[c]! /= sum;
  }

  /**
   * One gradient step on a loss whose gradient with respect to the logits is `grad` (already computed by the
   * caller, e.g. p - onehot for cross-entropy). Classes with a negligible gradient are skipped. `biasLr` is the
   * learning rate of the biases (0 keeps the label priors as they are).
   */
  step(x: SparseVector, grad: Float64Array, lr: number, l2: number, biasLr = lr): void {
    const C = this.classes;
    if (l2 > 0) {
      this.scale *= 1 - lr * l2;
      if (this.scale < 1e-6) this.rescale();
    }
    const active: number[] = [];
    for (let c = 0; c < C; c++) if (Math.abs(grad[c]!) > 1e-5) active.push(c);
    const w = this.w;
    for (let k = 0; k < x.idx.length; k++) {
      const f = x.idx[k]!;
      if (f >= this.features) continue;
      const coef = (lr * x.val[k]!) / this.scale;
      const base = f * C;
      for (const c of active) w[base + c]! -= coef * grad[c]!;
    }
    if (biasLr !== 0) for (const c of active) this.bias[c]! -= biasLr * grad[c]!;
  }

  /** Fold the lazy scale into the weights. */
  rescale(): void {
    if (this.scale === 1) return;
    const s = this.scale;
    for (let i = 0; i < this.w.length; i++) this.w[i]! *= s;
    this.scale = 1;
  }

  /** Append zero columns for new features. */
  addFeatures(n: number): void {
    if (n <= 0) return;
    const w = new Float32Array((this.features + n) * this.classes);
    w.set(this.w);
    this.w = w;
    this.features += n;
  }

  /** Append a class (a new label); its weights start at zero and its bias below the others. */
  addClass(): number {
    this.rescale();
    const C = this.classes;
    const w = new Float32Array(this.features * (C + 1));
    for (let f = 0; f < this.features; f++) w.set(this.w.subarray(f * C, f * C + C), f * (C + 1));
    this.w = w;
    const bias = new Float64Array(C + 1);
    bias.set(this.bias);
    bias[C] = C > 0 ? Math.min(...this.bias) : 0;
    this.bias = bias;
    this.classes = C + 1;
    return C;
  }

  /** Keep only the given feature columns (old index → new index, -1 = dropped). */
  remapFeatures(remap: Int32Array, newCount: number): void {
    this.rescale();
    const C = this.classes;
    const w = new Float32Array(newCount * C);
    for (let f = 0; f < remap.length && f < this.features; f++) {
      const to = remap[f]!;
      if (to >= 0) w.set(this.w.subarray(f * C, f * C + C), to * C);
    }
    this.w = w;
    this.features = newCount;
  }
}
