// The word index of the decision records' and mechanism decisions' prose, built with the site in plain
// JSON (no WebAssembly): a word query downloads the shard holding its words, then the few document
// chunks its first results are in. Words are split into shards by prefix like the symbol index, a
// shard split one character deeper while it holds too many postings; each word keeps its best
// MAX_POSTINGS documents (with its true count) in its shard, and a word in more documents than that
// also has its full list in a file of its own, read only when a query needs documents past the best
// (more results, a filter, a second word). Records are also listed per filter value (tier, export
// type, subsystem, namespace), in full, for browsing by filters.
import { expandToken, SEPARATORS } from './words.ts';
import type { SearchEntry } from './shards.ts';
import { filterKey } from './word-files.ts';

/** A document as a result line shows it: a record's search entry, or a mechanism decision with its page. */
export interface WordDoc extends SearchEntry {
  /** The page, for a document that is not a symbol's (a mechanism decision). */
  h?: string;
}

/** What the builder reads of a document: its entry, its title words and its text by weight. */
export interface WordInput {
  doc: WordDoc;
  /** The symbol or title: what a result is called. */
  title: string;
  summary: string;
  /** The body as plain text. */
  body: string;
}

/** A shard's JSON: word -> [documents containing it, then doc id and score pairs, best first]. */
export type WordShard = Record<string, number[]>;

export interface WordIndex {
  /** Shard prefixes, sorted; each names one shard file. */
  prefixes: string[];
  shards: Map<string, WordShard>;
  /** Documents by id, cut into chunks of DOC_CHUNK. */
  chunks: WordDoc[][];
  /** Filter value ("t=stable") -> the ids of the records with it, ascending, as gaps from the previous id. */
  filters: Map<string, number[]>;
  /** Word -> every document holding it, for a word whose shard lists only its best (FullPostings). */
  full: Map<string, FullPostings>;
}

/**
 * A common word's every posting, in id order: `i` the ids as gaps from the previous id (the first
 * from 0), `s` their scores. Two arrays rather than pairs: runs of equal gaps and scores gzip well.
 */
export interface FullPostings {
  i: number[];
  s: number[];
}

export interface WordIndexOptions {
  /** Postings a word keeps in its shard; a word in more documents also gets its full list. */
  maxPostings?: number;
}

export const MAX_POSTINGS = 500;
export const MAX_SHARD_POSTINGS = 1500;
export const DOC_CHUNK = 64;
const WEIGHTS = { title: 10, summary: 3, body: 1 };
const K1 = 1.2;
const B = 0.75;

export function buildWordIndex(inputs: readonly WordInput[], { maxPostings = MAX_POSTINGS }: WordIndexOptions = {}): WordIndex {
  // Each word gets a number; per word, the documents holding it (ascending ids) and its weighted
  // count in each; per document, its weighted length. Counting into an array indexed by word number
  // (and the list of words touched) keeps this to one map look-up per word read.
  const numbers = new Map<string, number>();
  const words: string[] = [];
  const ids: number[][] = [];
  const tfs: number[][] = [];
  let counts = new Float64Array(1024);
  const touched: number[] = [];
  const lengths: number[] = [];
  // A token's words, by number, once per distinct token: prose repeats its tokens.
  const expanded = new Map<string, number[]>();
  const numberOf = (word: string) => {
    let w = numbers.get(word);
    if (w === undefined) {
      numbers.set(word, (w = words.length));
      words.push(word);
      ids.push([]);
      tfs.push([]);
    }
    return w;
  };
  inputs.forEach((input, id) => {
    let length = 0;
    for (const [text, weight] of [
      [input.title, WEIGHTS.title],
      [input.summary, WEIGHTS.summary],
      [input.body, WEIGHTS.body],
    ] as const) {
      for (const token of text.toLowerCase().split(SEPARATORS)) {
        if (!token) continue;
        let found = expanded.get(token);
        if (!found) {
          expanded.set(token, (found = expandToken(token).map(numberOf)));
          if (words.length > counts.length) {
            const grown = new Float64Array(words.length * 2);
            grown.set(counts);
            counts = grown;
          }
        }
        for (const w of found) {
          if (counts[w] === 0) touched.push(w);
          counts[w]! += weight;
          length += weight;
        }
      }
    }
    for (const w of touched) {
      ids[w]!.push(id);
      tfs[w]!.push(counts[w]!);
      counts[w] = 0;
    }
    touched.length = 0;
    lengths.push(length);
  });
  const n = inputs.length;
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  // BM25, as an integer per posting: the browser adds them up over the query's words.
  const postings = new Map<string, number[]>();
  const full = new Map<string, FullPostings>();
  words.forEach((word, w) => {
    const docs = ids[w]!;
    const weights = tfs[w]!;
    const df = docs.length;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const scores = docs.map((id, i) => {
      const tf = weights[i]!;
      return Math.max(1, Math.round((100 * idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * lengths[id]!) / average))));
    });
    // Only the best maxPostings are kept: the lowest score that makes it, found on a sorted copy;
    // those above it sorted, then those at it by id (ties are many in a common word).
    const floor = df > maxPostings ? Float64Array.from(scores).sort()[df - maxPostings]! : 0;
    const kept: number[] = [];
    for (let i = 0; i < df; i++) if (scores[i]! > floor) kept.push(i);
    kept.sort((a, b) => scores[b]! - scores[a]! || docs[a]! - docs[b]!);
    for (let i = 0; i < df && kept.length < maxPostings; i++) if (scores[i] === floor) kept.push(i);
    const list = [df];
    for (const i of kept) list.push(docs[i]!, scores[i]!);
    postings.set(word, list);
    if (df > maxPostings) full.set(word, { i: docs.map((id, k) => (k === 0 ? id : id - docs[k - 1]!)), s: scores });
  });
  const shards = new Map<string, WordShard>();
  splitShards([...postings.keys()].sort(), postings, 1, '', shards);
  const chunks: WordDoc[][] = [];
  for (let i = 0; i < n; i += DOC_CHUNK) chunks.push(inputs.slice(i, i + DOC_CHUNK).map((input) => input.doc));
  return { prefixes: [...shards.keys()].sort(), shards, chunks, filters: filterLists(inputs.map((i) => i.doc)), full };
}

const size = (words: readonly string[], postings: Map<string, number[]>) =>
  words.reduce((sum, w) => sum + (postings.get(w)!.length - 1) / 2, 0);

/** Groups words by their first `depth` characters; a group too big splits deeper, its shorter words staying behind. */
function splitShards(words: string[], postings: Map<string, number[]>, depth: number, parent: string, out: Map<string, WordShard>) {
  const groups = new Map<string, string[]>();
  const stay: string[] = [];
  for (const word of words) {
    if (word.length < depth) stay.push(word);
    else {
      const prefix = word.slice(0, depth);
      let list = groups.get(prefix);
      if (!list) groups.set(prefix, (list = []));
      list.push(word);
    }
  }
  // Words no longer than the parent's prefix live in the parent's shard.
  if (stay.length) out.set(parent, { ...out.get(parent), ...shardOf(stay, postings) });
  for (const [prefix, list] of groups) {
    if (size(list, postings) > MAX_SHARD_POSTINGS && depth < 12 && list.some((w) => w.length > depth)) {
      splitShards(list, postings, depth + 1, prefix, out);
    } else {
      out.set(prefix, shardOf(list, postings));
    }
  }
}

function shardOf(words: readonly string[], postings: Map<string, number[]>): WordShard {
  return Object.fromEntries(words.map((w) => [w, postings.get(w)!]));
}

function filterLists(docs: readonly WordDoc[]): Map<string, number[]> {
  const lists = new Map<string, number[]>();
  docs.forEach((doc, id) => {
    if (!doc.t) return; // mechanism decisions have no tier and are not browsed by filters
    for (const field of ['t', 'x', 'u', 'n'] as const) {
      const value = doc[field];
      if (!value) continue;
      const key = filterKey(field, value);
      let list = lists.get(key);
      if (!list) lists.set(key, (list = []));
      list.push(id);
    }
  });
  for (const list of lists.values()) for (let i = list.length - 1; i > 0; i--) list[i]! -= list[i - 1]!;
  return lists;
}
