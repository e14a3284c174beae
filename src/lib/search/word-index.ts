// The word index of the decision records' and mechanism decisions' prose, built with the site in plain
// JSON (no WebAssembly): a word query downloads the shard holding its words, then the few document
// chunks its first results are in. Words are split into shards by prefix like the symbol index, a
// shard split one character deeper while it holds too many postings; each word keeps its best
// MAX_POSTINGS documents (with its true count). Records are also listed per filter value (tier,
// export type, subsystem, namespace), in full, for browsing by filters.
import { indexWords } from './words.ts';
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
}

export const MAX_POSTINGS = 500;
export const MAX_SHARD_POSTINGS = 1500;
export const DOC_CHUNK = 64;
const WEIGHTS = { title: 10, summary: 3, body: 1 };
const K1 = 1.2;
const B = 0.75;

export function buildWordIndex(inputs: readonly WordInput[]): WordIndex {
  // word -> doc id -> weighted count; and each document's weighted length.
  const counts = new Map<string, Map<number, number>>();
  const lengths: number[] = [];
  inputs.forEach((input, id) => {
    let length = 0;
    for (const [field, text] of [
      ['title', input.title],
      ['summary', input.summary],
      ['body', input.body],
    ] as const) {
      const weight = WEIGHTS[field];
      for (const word of indexWords(text)) {
        let docs = counts.get(word);
        if (!docs) counts.set(word, (docs = new Map()));
        docs.set(id, (docs.get(id) ?? 0) + weight);
        length += weight;
      }
    }
    lengths.push(length);
  });
  const n = inputs.length;
  const average = lengths.reduce((a, b) => a + b, 0) / Math.max(1, n);
  // BM25, as an integer per posting: the browser adds them up over the query's words.
  const postings = new Map<string, number[]>();
  for (const [word, docs] of counts) {
    const idf = Math.log(1 + (n - docs.size + 0.5) / (docs.size + 0.5));
    const scored = [...docs].map(([id, tf]) => {
      const norm = tf + K1 * (1 - B + (B * lengths[id]!) / average);
      return [id, Math.max(1, Math.round((100 * idf * tf * (K1 + 1)) / norm))] as const;
    });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    postings.set(word, [docs.size, ...scored.slice(0, MAX_POSTINGS).flat()]);
  }
  const shards = new Map<string, WordShard>();
  splitShards([...postings.keys()].sort(), postings, 1, '', shards);
  const chunks: WordDoc[][] = [];
  for (let i = 0; i < n; i += DOC_CHUNK) chunks.push(inputs.slice(i, i + DOC_CHUNK).map((input) => input.doc));
  return { prefixes: [...shards.keys()].sort(), shards, chunks, filters: filterLists(inputs.map((i) => i.doc)) };
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
