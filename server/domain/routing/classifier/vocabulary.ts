import { blockOf, type FeatureBag } from "./features.js";
import { fromBase64, toBase64 } from "./serialize.js";

/** The vocabulary as stored: base64 arrays of feature hashes and document frequencies (uint32). */
export type EncodedVocabulary = { hashes: string; df: string; docs: number };

/** A TF-IDF vector over vocabulary indexes. */
export type SparseVector = { idx: Int32Array; val: Float32Array };

/** Relative weight of the word block and the char block once each is L2-normalised. */
export type BlockWeights = { words: number; chars: number };

/**
 * The feature vocabulary: hash → column, with document frequencies for IDF. It grows when `learn` meets a new
 * feature; `prune` drops features seen in fewer than `minDf` training messages (one-off names, numbers, typos).
 */
export class Vocabulary {
  readonly index = new Map<number, number>();
  hashes: number[] = [];
  df: number[] = [];
  docs = 0;

  get size(): number {
    return this.hashes.length;
  }

  /** Count a document; returns how many new features were added. */
  addDocument(bag: FeatureBag): number {
    this.docs++;
    let added = 0;
    for (const hash of bag.hashes) {
      const i = this.index.get(hash);
      if (i === undefined) {
        this.index.set(hash, this.hashes.length);
        this.hashes.push(hash);
        this.df.push(1);
        added++;
      } else this.df[i]!++;
    }
    return added;
  }

  /** Un-count a document (its features stay, with lower document frequencies). */
  removeDocument(bag: FeatureBag): void {
    this.docs = Math.max(0, this.docs - 1);
    for (const hash of bag.hashes) {
      const i = this.index.get(hash);
      if (i !== undefined && this.df[i]! > 0) this.df[i]!--;
    }
  }

  /** Keep features with df ≥ minDf; returns old column → new column (-1 when dropped). */
  prune(minDf: number): Int32Array {
    const remap = new Int32Array(this.size).fill(-1);
    const hashes: number[] = [];
    const df: number[] = [];
    this.index.clear();
    for (let i = 0; i < remap.length; i++) {
      if (this.df[i]! < minDf) continue;
      remap[i] = hashes.length;
      this.index.set(this.hashes[i]!, hashes.length);
      hashes.push(this.hashes[i]!);
      df.push(this.df[i]!);
    }
    this.hashes = hashes;
    this.df = df;
    return remap;
  }

  idf(i: number): number {
    return Math.log((1 + this.docs) / (1 + this.df[i]!)) + 1;
  }

  /** Sublinear TF-IDF, each block L2-normalised then weighted; unknown features are ignored. */
  vectorize(bag: FeatureBag, weights: BlockWeights): SparseVector {
    const idx: number[] = [];
    const val: number[] = [];
    const norms = [0, 0];
    const blocks: number[] = [];
    for (let k = 0; k < bag.hashes.length; k++) {
      const hash = bag.hashes[k]!;
      const i = this.index.get(hash);
      if (i === undefined) continue;
      const v = (1 + Math.log(bag.counts[k]!)) * this.idf(i);
      idx.push(i);
      val.push(v);
      blocks.push(blockOf(hash));
      norms[blockOf(hash)]! += v * v;
    }
    const scale = [
      norms[0]! > 0 ? weights.words / Math.sqrt(norms[0]!) : 0,
      norms[1]! > 0 ? weights.chars / Math.sqrt(norms[1]!) : 0,
    ];
    const out: SparseVector = { idx: Int32Array.from(idx), val: new Float32Array(val.length) };
    for (let k = 0; k < val.length; k++) out.val[k] = val[k]! * scale[blocks[k]!]!;
    return out;
  }

  toJSON(): EncodedVocabulary {
    return {
      hashes: toBase64(Uint32Array.from(this.hashes)),
      df: toBase64(Uint32Array.from(this.df)),
      docs: this.docs,
    };
  }

  static fromJSON(json: EncodedVocabulary): Vocabulary {
    const v = new Vocabulary();
    v.hashes = Array.from(fromBase64(json.hashes, Uint32Array));
    v.df = Array.from(fromBase64(json.df, Uint32Array));
    if (v.df.length !== v.hashes.length) {
      throw new Error("routing classifier vocabulary arrays differ in length");
    }
    v.docs = json.docs;
    v.hashes.forEach((h, i) => v.index.set(h, i));
    return v;
  }
}
