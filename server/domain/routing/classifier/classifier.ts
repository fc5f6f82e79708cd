import { fitTemperature, quantile } from "./calibration.js";
import { DEFAULT_FEATURE_OPTIONS, WORD_BLOCK, extractFeatures, type FeatureBag, type FeatureOptions } from "./features.js";
import { mulberry32, shuffle } from "./prng.js";
import { decodeWeights, encodeWeights, type EncodedWeights } from "./serialize.js";
import { SoftmaxModel } from "./softmax-model.js";
import { Vocabulary, type BlockWeights, type SparseVector } from "./vocabulary.js";

/**
 * Learned routing: a classifier trained on a district's own routed history ("this message went to
 * Transportation"), updated when staff reassign, that predicts a label with a calibrated confidence and sends
 * what it is unsure of, or what belongs to no department, to triage with its top three suggestions.
 *
 * Method (pure TypeScript, no external model): normalised text → English/Spanish stems, stem uni+bigrams and
 * character 3–5-grams → sublinear TF-IDF (per block L2) → multinomial logistic regression trained by SGD
 * (seeded, deterministic) → softmax temperature fitted on a held-out slice of the training data → an automatic
 * confidence threshold that keeps `inScopeKeepRate` of held-out in-scope messages; below it, triage.
 */

export type RoutingExample = { text: string; label: string; lang?: string | undefined };
export type LabelScore = { label: string; confidence: number };
export type TriageReason = "low_confidence" | "no_known_words" | "not_trained";
export type RoutingDecision = { label: string; confidence: number } | { triage: true; reason: TriageReason };
export type RoutingPrediction = { top: LabelScore[]; decision: RoutingDecision };

export type ClassifierOptions = {
  features: FeatureOptions;
  /** drop features seen in fewer training messages than this (one-off names, numbers, typos) */
  minDf: number;
  blockWeights: BlockWeights;
  /** passes over the training data; "auto" = more passes for small histories */
  epochs: number | "auto";
  learningRate: number;
  l2: number;
  seed: number;
  /** share of each label held out to fit the temperature and the threshold (then the model is refitted on all) */
  holdoutFraction: number;
  /** the automatic threshold keeps this share of held-out in-scope messages above it */
  inScopeKeepRate: number;
  /** bounds of the automatic threshold */
  minThreshold: number;
  maxThreshold: number;
  /** `learn`: at most this many gradient steps, until the example's own label has this (raw) probability */
  learnSteps: number;
  learnTarget: number;
};

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  minDf: 2,
  blockWeights: { words: 1, chars: 1 },
  epochs: "auto",
  learningRate: 0.5,
  l2: 1e-5,
  seed: 20_240_901,
  holdoutFraction: 0.15,
  inScopeKeepRate: 0.95,
  minThreshold: 0.2,
  maxThreshold: 0.9,
  learnSteps: 20,
  learnTarget: 0.6,
};

/** Threshold used when the history is too small to hold a slice out. */
const FALLBACK_THRESHOLD = 0.5;
/** Below this many held-out messages, the temperature and threshold are not fitted. */
const MIN_HOLDOUT = 8;

export type SerializedRoutingClassifier = {
  format: "frontoffice.routing-classifier";
  version: 1;
  options: ClassifierOptions;
  labels: string[];
  labelCounts: number[];
  vocabulary: { hashes: number[]; df: number[]; block: number[]; docs: number };
  weights: EncodedWeights;
  bias: number[];
  temperature: number;
  threshold: number;
};

export type ClassifierStats = {
  labels: number;
  examples: number;
  features: number;
  temperature: number;
  threshold: number;
  sizeBytes: number;
};

type Fitted = { vocab: Vocabulary; model: SoftmaxModel };

export class RoutingClassifier {
  readonly options: ClassifierOptions;
  private labels: string[] = [];
  private labelIndex = new Map<string, number>();
  private labelCounts: number[] = [];
  private vocab = new Vocabulary();
  private model = new SoftmaxModel(0, 0);
  private temperature = 1;
  private threshold = FALLBACK_THRESHOLD;

  private constructor(options: ClassifierOptions) {
    this.options = options;
  }

  /** An untrained classifier: every message goes to triage until it has learned two labels. */
  static empty(options: Partial<ClassifierOptions> = {}): RoutingClassifier {
    return new RoutingClassifier({ ...DEFAULT_CLASSIFIER_OPTIONS, ...options });
  }

  /** Train from routed history. Deterministic for a given `options.seed`. */
  static train(examples: readonly RoutingExample[], options: Partial<ClassifierOptions> = {}): RoutingClassifier {
    const c = RoutingClassifier.empty(options);
    const opts = c.options;
    for (const e of examples) c.indexLabel(e.label);
    const bags = examples.map((e) => extractFeatures(e.text, e.lang, opts.features));
    const y = examples.map((e) => c.labelIndex.get(e.label)!);
    for (const label of y) c.labelCounts[label]!++;
    const random = mulberry32(opts.seed);

    // 1. calibrate on a held-out slice
    const { fit, held } = stratifiedSplit(y, opts.holdoutFraction, random);
    if (held.length >= MIN_HOLDOUT && c.labels.length >= 2) {
      const part = fitLinear(fit.map((i) => bags[i]!), fit.map((i) => y[i]!), c.labels.length, opts, random);
      const heldScores = held.map((i) => {
        const s = new Float64Array(c.labels.length);
        part.model.scores(part.vocab.vectorize(bags[i]!, opts.blockWeights), s);
        return s;
      });
      c.temperature = fitTemperature(heldScores, held.map((i) => y[i]!));
      const confidences = heldScores.map((s) => {
        SoftmaxModel.softmax(s, c.temperature);
        return Math.max(...s);
      });
      const t = quantile(confidences, 1 - opts.inScopeKeepRate);
      c.threshold = Math.min(opts.maxThreshold, Math.max(opts.minThreshold, t));
    }

    // 2. refit on everything
    const all = fitLinear(bags, y, c.labels.length, opts, random);
    c.vocab = all.vocab;
    c.model = all.model;
    return c;
  }

  /**
   * Learn one more routed example, e.g. when staff reassign a conversation to another department: a few
   * gradient steps on this example until the model gives its label at least `learnTarget`. A new label
   * (a new department) is added on the fly.
   */
  learn(example: RoutingExample): void {
    const bag = extractFeatures(example.text, example.lang, this.options.features);
    this.model.addFeatures(this.vocab.addDocument(bag));
    const label = this.indexLabel(example.label);
    this.labelCounts[label]!++;
    if (this.labels.length < 2) return;
    const x = this.vocab.vectorize(bag, this.options.blockWeights);
    const p = new Float64Array(this.model.classes);
    for (let step = 0; step < this.options.learnSteps; step++) {
      this.model.scores(x, p);
      SoftmaxModel.softmax(p);
      if (argmax(p) === label && p[label]! >= this.options.learnTarget) break;
      p[label]! -= 1;
      this.model.step(x, p, this.options.learningRate, 0);
    }
  }

  /**
   * Forget one routed example (the old label of a reassigned conversation): its document frequencies are
   * taken back and one gradient step lowers that label's probability for this text (the reverse of a learning
   * step; an approximation, not an exact removal from the fitted weights).
   */
  unlearn(example: RoutingExample): void {
    const label = this.labelIndex.get(example.label);
    if (label === undefined) return;
    const bag = extractFeatures(example.text, example.lang, this.options.features);
    this.vocab.removeDocument(bag);
    this.labelCounts[label] = Math.max(0, this.labelCounts[label]! - 1);
    if (this.labels.length < 2) return;
    const x = this.vocab.vectorize(bag, this.options.blockWeights);
    const p = new Float64Array(this.model.classes);
    this.model.scores(x, p);
    SoftmaxModel.softmax(p);
    const pl = p[label]!;
    if (pl >= 1 - 1e-9) return;
    // gradient of -log(1 - p_label) with respect to the logits
    for (let c = 0; c < p.length; c++) p[c] = c === label ? pl : (-p[c]! * pl) / (1 - pl);
    this.model.step(x, p, this.options.learningRate, 0);
  }

  /**
   * Predict where a message goes. `threshold` is the district's confidence threshold (0..1); by default the
   * one fitted at training time. Below it, or when the text shares no word with the history, triage.
   */
  predict(text: string, lang?: string, opts: { threshold?: number } = {}): RoutingPrediction {
    if (this.labels.length === 0) return { top: [], decision: { triage: true, reason: "not_trained" } };
    const bag = extractFeatures(text, lang, this.options.features);
    const x = this.vocab.vectorize(bag, this.options.blockWeights);
    const p = new Float64Array(this.model.classes);
    this.model.scores(x, p);
    SoftmaxModel.softmax(p, this.temperature);
    const top = topK(p, 3).map((c) => ({ label: this.labels[c]!, confidence: round(p[c]!) }));
    const best = top[0]!;
    if (this.labels.length < 2) return { top, decision: { triage: true, reason: "not_trained" } };
    if (!hasWordFeature(x, this.vocab)) return { top, decision: { triage: true, reason: "no_known_words" } };
    const threshold = opts.threshold ?? this.threshold;
    if (p[this.labelIndex.get(best.label)!]! < threshold) {
      return { top, decision: { triage: true, reason: "low_confidence" } };
    }
    return { top, decision: { label: best.label, confidence: best.confidence } };
  }

  /** The confidence threshold fitted at training time (the default for `predict`). */
  get defaultThreshold(): number {
    return this.threshold;
  }

  stats(): ClassifierStats {
    return {
      labels: this.labels.length,
      examples: this.labelCounts.reduce((a, b) => a + b, 0),
      features: this.vocab.size,
      temperature: round(this.temperature),
      threshold: round(this.threshold),
      sizeBytes: Buffer.byteLength(JSON.stringify(this.toJSON())),
    };
  }

  toJSON(): SerializedRoutingClassifier {
    return {
      format: "frontoffice.routing-classifier",
      version: 1,
      options: this.options,
      labels: [...this.labels],
      labelCounts: [...this.labelCounts],
      vocabulary: this.vocab.toJSON(),
      weights: encodeWeights(this.model),
      bias: Array.from(this.model.bias),
      temperature: this.temperature,
      threshold: this.threshold,
    };
  }

  static fromJSON(json: SerializedRoutingClassifier): RoutingClassifier {
    if (json.format !== "frontoffice.routing-classifier" || json.version !== 1) {
      throw new Error(`unsupported routing classifier format ${String(json.format)} v${String(json.version)}`);
    }
    const c = new RoutingClassifier({ ...DEFAULT_CLASSIFIER_OPTIONS, ...json.options });
    json.labels.forEach((l) => c.indexLabel(l));
    c.labelCounts = [...json.labelCounts];
    c.vocab = Vocabulary.fromJSON(json.vocabulary);
    c.model = decodeWeights(json.weights, json.bias);
    c.temperature = json.temperature;
    c.threshold = json.threshold;
    return c;
  }

  private indexLabel(label: string): number {
    let i = this.labelIndex.get(label);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(label);
      this.labelIndex.set(label, i);
      this.labelCounts.push(0);
      if (this.model.classes < this.labels.length) this.model.addClass();
    }
    return i;
  }
}

/** Build a vocabulary from `bags` and fit a softmax model on it. */
function fitLinear(bags: FeatureBag[], y: number[], classes: number, opts: ClassifierOptions, random: () => number): Fitted {
  const vocab = new Vocabulary();
  for (const b of bags) vocab.addDocument(b);
  vocab.prune(opts.minDf);
  const xs = bags.map((b) => vocab.vectorize(b, opts.blockWeights));
  const model = new SoftmaxModel(vocab.size, classes);
  const epochs = opts.epochs === "auto" ? autoEpochs(bags.length) : opts.epochs;
  const order = xs.map((_, i) => i);
  const p = new Float64Array(classes);
  const total = epochs * order.length;
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    for (const i of order) {
      // linear decay to a small floor
      const lr = opts.learningRate * (1 - t / total) + opts.learningRate * 0.002;
      t++;
      model.scores(xs[i]!, p);
      SoftmaxModel.softmax(p);
      p[y[i]!]! -= 1;
      model.step(xs[i]!, p, lr, opts.l2);
    }
  }
  model.rescale();
  return { vocab, model };
}

/** About 150k gradient steps in all, between 10 and 60 passes. */
function autoEpochs(n: number): number {
  return Math.min(60, Math.max(10, Math.ceil(150_000 / Math.max(1, n))));
}

/** Hold out `fraction` of each label that has at least 3 examples (at least one each). */
function stratifiedSplit(y: number[], fraction: number, random: () => number): { fit: number[]; held: number[] } {
  const byLabel = new Map<number, number[]>();
  y.forEach((label, i) => {
    const list = byLabel.get(label) ?? [];
    list.push(i);
    byLabel.set(label, list);
  });
  const fit: number[] = [];
  const held: number[] = [];
  for (const list of byLabel.values()) {
    shuffle(list, random);
    const k = list.length >= 3 ? Math.max(1, Math.round(list.length * fraction)) : 0;
    held.push(...list.slice(0, k));
    fit.push(...list.slice(k));
  }
  return { fit: fit.sort((a, b) => a - b), held: held.sort((a, b) => a - b) };
}

function hasWordFeature(x: SparseVector, vocab: Vocabulary): boolean {
  for (let k = 0; k < x.idx.length; k++) if (vocab.block[x.idx[k]!] === WORD_BLOCK) return true;
  return false;
}

function argmax(p: Float64Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}

function topK(p: Float64Array, k: number): number[] {
  return Array.from(p.keys())
    .sort((a, b) => p[b]! - p[a]! || a - b)
    .slice(0, k);
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
