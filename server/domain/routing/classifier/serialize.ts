import { SoftmaxModel } from "./softmax-model.js";

/**
 * Weights stored compactly in JSON: each feature row (one weight per label) is quantised to 8-bit integers with
 * its own float32 scale, and both arrays are base64 strings. Rounding moves a score by at most
 * 0.5 × scale × (number of features in a message), far below the gaps that decide a prediction.
 */
export type EncodedWeights = {
  encoding: "int8-row";
  features: number;
  classes: number;
  scales: string;
  values: string;
};

export function encodeWeights(model: SoftmaxModel): EncodedWeights {
  model.rescale();
  const { features: F, classes: C, w } = model;
  const scales = new Float32Array(F);
  const values = new Int8Array(F * C);
  for (let f = 0; f < F; f++) {
    let max = 0;
    for (let c = 0; c < C; c++) max = Math.max(max, Math.abs(w[f * C + c]!));
    const scale = max / 127;
    scales[f] = scale;
    if (scale === 0) continue;
    for (let c = 0; c < C; c++) values[f * C + c] = Math.round(w[f * C + c]! / scale);
  }
  return {
    encoding: "int8-row",
    features: F,
    classes: C,
    scales: Buffer.from(scales.buffer, scales.byteOffset, scales.byteLength).toString("base64"),
    values: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64"),
  };
}

export function decodeWeights(enc: EncodedWeights, bias: number[]): SoftmaxModel {
  if (enc.encoding !== "int8-row") throw new Error(`unknown weight encoding ${String(enc.encoding)}`);
  const { features: F, classes: C } = enc;
  const scaleBytes = Buffer.from(enc.scales, "base64");
  const valueBytes = Buffer.from(enc.values, "base64");
  if (scaleBytes.byteLength !== F * 4 || valueBytes.byteLength !== F * C || bias.length !== C) {
    throw new Error("routing classifier weights do not match their declared shape");
  }
  const scales = new Float32Array(F);
  new Uint8Array(scales.buffer).set(scaleBytes);
  const values = new Int8Array(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength);
  const model = new SoftmaxModel(F, C);
  for (let f = 0; f < F; f++) {
    const s = scales[f]!;
    for (let c = 0; c < C; c++) model.w[f * C + c] = values[f * C + c]! * s;
  }
  model.bias.set(bias);
  return model;
}
