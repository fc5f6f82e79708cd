import { SoftmaxModel } from "./softmax-model.js";

/**
 * Compact, exact JSON storage of the model. Weights are held as IEEE half-precision values (the classifier
 * rounds them to half precision after training and after each `learn`), so writing them as 16-bit codes loses
 * nothing: a stored model predicts exactly like the one that was saved. Arrays travel as base64 strings.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Float → IEEE 754 binary16 bits, round to nearest even. */
export function toHalfBits(x: number): number {
  f32[0] = x;
  const b = u32[0]!;
  const sign = (b >>> 16) & 0x8000;
  const rawExp = (b >>> 23) & 0xff;
  let mant = b & 0x7fffff;
  if (rawExp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  const exp = rawExp - 127 + 15;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && half & 1)) half++;
    return sign | half;
  }
  let half = (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && half & 1)) half++;
  return sign | half;
}

/** IEEE 754 binary16 bits → number. */
export function fromHalfBits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** Round weights to half precision in place (all rows, or only the given feature rows). */
export function roundToHalf(model: SoftmaxModel, rows?: ArrayLike<number>): void {
  model.rescale();
  const C = model.classes;
  const w = model.w;
  if (!rows) {
    for (let i = 0; i < w.length; i++) w[i] = fromHalfBits(toHalfBits(w[i]!));
    return;
  }
  for (let k = 0; k < rows.length; k++) {
    const base = rows[k]! * C;
    if (base >= w.length) continue;
    for (let c = 0; c < C; c++) w[base + c] = fromHalfBits(toHalfBits(w[base + c]!));
  }
}

/**
 * Sparse rows: for each feature, how many labels have a non-zero weight (`counts`), then those labels
 * (`labels`) and their half-precision weights (`values`), row after row. Pruned weights are exact zeros, so
 * leaving them out loses nothing.
 */
export type EncodedWeights = {
  encoding: "f16-sparse";
  features: number;
  classes: number;
  counts: string;
  labels: string;
  values: string;
};

export function encodeWeights(model: SoftmaxModel): EncodedWeights {
  model.rescale();
  const { features: F, classes: C, w } = model;
  if (C > 0xffff) throw new Error("too many labels for the routing classifier encoding");
  const counts = new Uint16Array(F);
  const labels: number[] = [];
  const values: number[] = [];
  for (let f = 0; f < F; f++) {
    for (let c = 0; c < C; c++) {
      const bits = toHalfBits(w[f * C + c]!);
      if ((bits & 0x7fff) === 0) continue;
      counts[f]!++;
      labels.push(c);
      values.push(bits);
    }
  }
  return {
    encoding: "f16-sparse",
    features: F,
    classes: C,
    counts: toBase64(counts),
    labels: toBase64(Uint16Array.from(labels)),
    values: toBase64(Uint16Array.from(values)),
  };
}

export function decodeWeights(enc: EncodedWeights, bias: number[]): SoftmaxModel {
  if (enc.encoding !== "f16-sparse") throw new Error(`unknown weight encoding ${String(enc.encoding)}`);
  const { features: F, classes: C } = enc;
  const counts = fromBase64(enc.counts, Uint16Array);
  const labels = fromBase64(enc.labels, Uint16Array);
  const values = fromBase64(enc.values, Uint16Array);
  if (counts.length !== F || labels.length !== values.length || bias.length !== C) {
    throw new Error("routing classifier weights do not match their declared shape");
  }
  const model = new SoftmaxModel(F, C);
  let k = 0;
  for (let f = 0; f < F; f++) {
    for (let n = 0; n < counts[f]!; n++, k++) {
      const c = labels[k]!;
      if (c >= C || k >= labels.length) throw new Error("routing classifier weights are corrupt");
      model.w[f * C + c] = fromHalfBits(values[k]!);
    }
  }
  if (k !== labels.length) throw new Error("routing classifier weights are corrupt");
  model.bias.set(bias);
  return model;
}

type TypedArray = Uint8Array | Uint16Array | Uint32Array;

export function toBase64(a: TypedArray): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
}

export function fromBase64<T extends TypedArray>(
  s: string,
  Kind: { new (buffer: ArrayBuffer): T; BYTES_PER_ELEMENT: number },
): T {
  const bytes = Buffer.from(s, "base64");
  if (bytes.byteLength % Kind.BYTES_PER_ELEMENT !== 0) throw new Error("routing classifier array has a bad length");
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return new Kind(buffer);
}
