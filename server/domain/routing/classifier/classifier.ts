import { fitTemperature, quantile } from "./calibration.js";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureBag, type FeatureOptions } from "./features.js";
import { mulberry32, shuffle } from "./prng.js";
import { decodeWeights, encodeWeights, roundToHalf, type EncodedWeights } from "./serialize.js";
import { SoftmaxModel } from "./softmax-model.js";
import { Vocabulary, type BlockWeights, type EncodedVocabulary, type SparseVector } from "./vocabulary.js";

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
  /** weights smaller than this are set to zero after training (~90% of them: a compact model, same accuracy) */
  pruneBelow: number;
  seed: number;
  /** share of each label held out to fit the temperature and the threshold (then the model is refitted on all) */
  holdoutFraction: number;
  /** the automatic threshold keeps this share of held-out in-scope messages above it */
  inScopeKeepRate: number;
  /** confidence needed to route a message that shares no topic word with the history */
  unknownTopicThreshold: number;
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
  learningRate: 1,
  l2: 1e-5,
  pruneBelow: 0.03,
  seed: 20_240_901,
  holdoutFraction: 0.15,
  inScopeKeepRate: 0.97,
  unknownTopicThreshold: 0.9,
  minThreshold: 0.2,
  maxThreshold: 0.9,
  learnSteps: 20,
  learnTarget: 0.75,
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
  vocabulary: EncodedVocabulary;
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
    roundToHalf(c.model);
    return c;
  }

  /**
   * Learn one more routed example, e.g. when staff reassign a conversation to another department: gradient
   * steps on this example (at most `learnSteps`) until the model gives its label a calibrated confidence of at
   * least `learnTarget`. Only word weights move: label priors (biases) stay as training fitted them, so a run
   * of reassignments to one department does not pull unrelated messages towards it. A new label (a new
   * department) is added on the fly.
   */
  learn(example: RoutingExample): void {
    const bag = extractFeatures(example.text, example.lang, this.options.features);
    this.model.addFeatures(this.vocab.addDocument(bag));
    const label = this.indexLabel(example.label);
    this.labelCounts[label]!++;
    const x = this.vocab.vectorize(bag, this.options.blockWeights);
    const p = new Float64Array(this.model.classes);
    for (let step = 0; step < this.options.learnSteps; step++) {
      this.model.scores(x, p);
      if (this.labels.length === 1) {
        // a single label so far: learn it against an implicit "anything else" scored 0 (logistic loss), so
        // the first department's words are already known when a second one appears
        const q = 1 / (1 + Math.exp(-p[0]!));
        if (q >= this.options.learnTarget) break;
        p[0] = q - 1;
        this.model.step(x, p, this.options.learningRate, 0, 0);
        continue;
      }
      SoftmaxModel.softmax(p, this.temperature);
      if (argmax(p) === label && p[label]! >= this.options.learnTarget) break;
      this.model.scores(x, p);
      SoftmaxModel.softmax(p);
      p[label]! -= 1;
      this.model.step(x, p, this.options.learningRate, 0, 0);
    }
    this.settleRows(x);
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
    this.model.step(x, p, this.options.learningRate, 0, 0);
    this.settleRows(x);
  }

  /** Keep the stored form exact after an update: prune, then round to half precision, the rows just changed. */
  private settleRows(x: SparseVector): void {
    this.model.rescale();
    const C = this.model.classes;
    const w = this.model.w;
    for (let k = 0; k < x.idx.length; k++) {
      const base = x.idx[k]! * C;
      for (let c = 0; c < C; c++) if (Math.abs(w[base + c]!) < this.options.pruneBelow) w[base + c] = 0;
    }
    roundToHalf(this.model, x.idx);
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
    const confidence = p[this.labelIndex.get(best.label)!]!;
    const threshold = opts.threshold ?? this.threshold;
    if (confidence < threshold) return { top, decision: { triage: true, reason: "low_confidence" } };
    // no word that names a topic in common with the history ("what is the weather on saturday"): only a
    // near-certain prediction (greetings, thanks) may route
    if (confidence < Math.max(threshold, this.options.unknownTopicThreshold) && !bag.topical.some((h) => this.vocab.index.has(h))) {
      return { top, decision: { triage: true, reason: "no_known_words" } };
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
    c.vocab = Vocabulary.fromJSON(json.vocabulary);
    c.model = decodeWeights(json.weights, json.bias);
    json.labels.forEach((l) => c.indexLabel(l));
    c.labelCounts = [...json.labelCounts];
    if (
      c.labels.length !== json.labels.length ||
      c.labelCounts.length !== c.labels.length ||
      c.model.classes !== c.labels.length ||
      c.model.features !== c.vocab.size
    ) {
      throw new Error("routing classifier parts do not match (labels, vocabulary, weights)");
    }
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
  sgd(model, xs, y, epochs, opts, random);
  const w = model.w;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]!) < opts.pruneBelow) w[i] = 0;
  return { vocab, model };
}

/** Candidates kept per example between full passes: the most probable classes, and the example's own label. */
const MAX_CANDIDATES = 8;

function pickCandidates(p: Float64Array, label: number): Int32Array {
  const top = topK(p, MAX_CANDIDATES);
  if (!top.includes(label)) top[top.length - 1] = label;
  return Int32Array.from(top);
}
/** Passes that score every class (and choose each example's candidates); the others score candidates only. */
const isFullPass = (epoch: number, epochs: number) => epoch < 2 || epoch % 4 === 0 || epoch === epochs - 1;

/**
 * SGD on softmax cross-entropy with a linearly decaying learning rate and lazy L2 decay. With many labels
 * (more than 2 × MAX_CANDIDATES), the first pass updates every label; later, each example only updates its
 * candidates (its most probable labels and its own, chosen on the "full" passes that score every label), and
 * between full passes only those candidates are scored. The labels left out have a negligible probability for
 * that example, so accuracy is unchanged (measured on held-out slices of both development corpora) while a
 * pass costs several times less with 77–150 labels.
 */
function sgd(model: SoftmaxModel, xs: SparseVector[], y: number[], epochs: number, opts: ClassifierOptions, random: () => number): void {
  const C = model.classes;
  const order = xs.map((_, i) => i);
  const p = new Float64Array(C);
  const g = new Float64Array(C);
  const sampled = C > MAX_CANDIDATES * 2;
  const candidates: Array<Int32Array | undefined> = new Array(xs.length);
  const total = epochs * order.length;
  let t = 0;
  for (let e = 0; e < epochs; e++) {
    shuffle(order, random);
    const full = isFullPass(e, epochs);
    for (const i of order) {
      // linear decay to a small floor
      const lr = opts.learningRate * (1 - t / total) + opts.learningRate * 0.002;
      t++;
      const x = xs[i]!;
      const label = y[i]!;
      const cand = candidates[i];
      if (!sampled || e === 0) {
        model.scores(x, p);
        SoftmaxModel.softmax(p);
        if (sampled) candidates[i] = pickCandidates(p, label);
        p[label]! -= 1;
        model.step(x, p, lr, opts.l2);
      } else if (full || !cand) {
        model.scores(x, p);
        SoftmaxModel.softmax(p);
        const next = pickCandidates(p, label);
        candidates[i] = next;
        for (let j = 0; j < next.length; j++) g[j] = p[next[j]!]! - (next[j] === label ? 1 : 0);
        model.stepFor(x, next, g, lr, opts.l2);
      } else {
        model.scoresFor(x, cand, p);
        SoftmaxModel.softmax(p, 1, cand.length);
        for (let j = 0; j < cand.length; j++) if (cand[j] === label) p[j]! -= 1;
        model.stepFor(x, cand, p, lr, opts.l2);
      }
    }
  }
  model.rescale();
}

/** About 75k gradient steps in all, between 5 and 60 passes (more passes for a small history). */
function autoEpochs(n: number): number {
  return Math.min(60, Math.max(5, Math.ceil(75_000 / Math.max(1, n))));
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

function argmax(p: Float64Array): number {
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c]! > p[best]!) best = c;
  return best;
}

/** Indexes of the k largest values, largest first (ties: lower index first). */
function topK(p: Float64Array, k: number): number[] {
  const top: number[] = [];
  for (let c = 0; c < p.length; c++) {
    const v = p[c]!;
    if (top.length === k && v <= p[top[k - 1]!]!) continue;
    let j = top.length;
    while (j > 0 && p[top[j - 1]!]! < v) j--;
    top.splice(j, 0, c);
    if (top.length > k) top.pop();
  }
  return top;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;
