// The word index: what prose is indexed under, how it is sharded and capped, and how the browser's
// query code ranks documents from the shards a query reads.
import { describe, expect, it } from 'vitest';
import { htmlText, indexWords, queryWords, stem } from '../../src/lib/search/words.ts';
import { buildWordIndex, MAX_POSTINGS, MAX_SHARD_POSTINGS, type WordInput } from '../../src/lib/search/word-index.ts';
import { filterIds, intersect, rankWords, wordShardsFor } from '../../src/lib/search/word-query.ts';
import { shardFor } from '../../src/lib/search/shards.ts';
import { filterKey, fullPostingsFile, wordIndexFiles } from '../../src/lib/search/word-files.ts';

const doc = (s: string, summary: string, body: string, t = 'stable', u = 'mm'): WordInput => ({
  doc: { s, t, x: 'EXPORT_SYMBOL_GPL', u, d: summary },
  title: s,
  summary,
  body,
});

/** Runs a query as the search page does: the shards it names, then the ranking. */
function search(inputs: WordInput[], query: string): string[] {
  const index = buildWordIndex(inputs);
  const shards = wordShardsFor(query, index.prefixes).map((p) => index.shards.get(p)!);
  return rankWords(query, shards).ids.map((id) => inputs[id]!.doc.s);
}

describe('words', () => {
  it('stems the forms of a word alike, and leaves identifiers whole', () => {
    expect(new Set(['import', 'imports', 'importing', 'imported'].map(stem))).toEqual(new Set(['import']));
    expect(stem('copies')).toBe(stem('copied'));
    expect(stem('callers')).toBe(stem('caller'));
    expect(stem('withdrawn')).toBe('withdrawn');
    expect(indexWords('Call alloc_pages_vma() for the folio')).toEqual(['call', 'alloc_pages_vma', 'alloc', stem('page'), 'vma', 'folio']);
    expect(queryWords('pages vma')).toEqual({ words: [stem('page'), 'vma'], prefix: 'vma' });
    expect(queryWords('the ')).toEqual({ words: [] });
  });

  it('reads the text of rendered HTML', () => {
    expect(htmlText('<p>GPL&#45;only &amp; <code>kmalloc</code></p>')).toBe(' GPL-only &  kmalloc  ');
  });
});

describe('the word index', () => {
  const inputs = [
    doc('kernel_fpu_begin', 'Lets a module use the FPU.', 'ZFS and the nvidia driver use it for checksums.'),
    doc('__symbol_get', 'Finds a symbol at run time.', 'Proprietary modules used it to dodge the GPL taint.', 'obsolete', 'module'),
    doc('gamma_removed', 'An export that was withdrawn.', 'Callers moved to another helper; it was withdrawn in 2020.', 'removed'),
    doc('epsilon_ns', 'A namespaced export.', 'Any module may use it after importing the namespace.', 'obsolete'),
  ];

  it('finds a record by a word of its prose, its summary or its name, and by any form of the word', () => {
    expect(search(inputs, 'zfs')).toEqual(['kernel_fpu_begin']);
    expect(search(inputs, 'taint')).toEqual(['__symbol_get']);
    expect(search(inputs, 'withdrawn')).toEqual(['gamma_removed']);
    expect(search(inputs, 'imports')).toEqual(['epsilon_ns']);
    expect(search(inputs, 'caller')).toEqual(['gamma_removed']);
    expect(search(inputs, 'fpu begin')).toEqual(['kernel_fpu_begin']);
  });

  it('needs every word of a query, and lets the word being typed start a longer one', () => {
    expect(search(inputs, 'nvidia checksums')).toEqual(['kernel_fpu_begin']);
    expect(search(inputs, 'nvidia taint')).toEqual([]);
    expect(search(inputs, 'propri')).toEqual(['__symbol_get']);
    expect(search(inputs, 'propri ')).toEqual([]);
  });

  it('ranks a word in the name or summary above the same word in the prose', () => {
    const ranked = [doc('a_helper', 'Unrelated.', 'Mentions a folio once.'), doc('folio_put', 'Drops a folio.', 'Nothing else.')];
    expect(search(ranked, 'folio')).toEqual(['folio_put', 'a_helper']);
  });

  it('lists the records of each filter value in full, as gaps between ids', () => {
    const index = buildWordIndex(inputs);
    expect(filterIds(index.filters.get(filterKey('t', 'obsolete'))!)).toEqual([1, 3]);
    expect(
      intersect([
        [1, 3],
        [0, 3],
      ]),
    ).toEqual([3]);
    expect(index.chunks.flat().map((d) => d.s)).toEqual(inputs.map((i) => i.doc.s));
  });

  it('stays small at scale: shards split by prefix, a common word keeps its best documents and its count', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      doc(`sym_${i}`, `Summary ${i}.`, `The maintainers agreed to export it. Word${i % 300} appears in ten records.`),
    );
    const index = buildWordIndex(many);
    for (const shard of index.shards.values()) {
      const postings = Object.values(shard).reduce((n, list) => n + (list.length - 1) / 2, 0);
      expect(postings).toBeLessThanOrEqual(Math.max(MAX_SHARD_POSTINGS, MAX_POSTINGS));
    }
    const word = stem('agreed');
    const agreed = index.shards.get(shardFor(word, new Set(index.prefixes))!)![word]!;
    expect(agreed[0]).toBe(3000);
    expect((agreed.length - 1) / 2).toBe(MAX_POSTINGS);
    const hits = rankWords('agreed', [...index.shards.values()]);
    expect(hits.complete).toBe(false);
    // Typed on, "word17" may still become word170…word179; finished, it is one word in ten records.
    expect(search(many, 'word17')).toHaveLength(110);
    expect(search(many, 'word17 ')).toHaveLength(10);
    expect(wordIndexFiles(index).length).toBe(index.shards.size + index.chunks.length + index.filters.size + index.full.size);
  });
});

describe("a common word's full postings", () => {
  const LIMIT = 5;
  // "driver" is in every document, "locking" in every third, "rare" in two; the tier cycles.
  const tiers = ['stable', 'testing', 'obsolete', 'removed'];
  const inputs = Array.from({ length: 40 }, (_, i) =>
    doc(
      `sym_${i}`,
      `Summary ${i}.`,
      `${'The driver calls it. '.repeat(1 + (i % 7))}${i % 3 === 0 ? 'Locking rules apply. ' : ''}${i === 4 || i === 39 ? 'A rare word.' : ''}`,
      tiers[i % 4],
    ),
  );
  const index = buildWordIndex(inputs, { maxPostings: LIMIT });
  const prefixes = new Set(index.prefixes);
  const holding = (word: string) =>
    inputs.flatMap((input, id) => (indexWords(`${input.title} ${input.summary} ${input.body}`).includes(word) ? [id] : []));

  /** Runs a query as the search page does: the shards, then the full postings of the cut words, then the filter. */
  function searchAll(query: string, only?: (id: number) => boolean) {
    const shards = wordShardsFor(query, index.prefixes).map((p) => index.shards.get(p)!);
    const first = rankWords(query, shards);
    const full = new Map(first.partial.map((w) => [w, index.full.get(w)!]));
    const hits = rankWords(query, shards, full);
    return { first, hits, ids: only ? hits.ids.filter(only) : hits.ids };
  }

  it('is written for a word in more documents than its shard keeps, with every document holding it, and for no other word', () => {
    const word = stem('driver');
    const postings = index.full.get(word)!;
    expect(filterIds(postings.i)).toEqual(holding(word));
    expect(postings.s).toHaveLength(inputs.length);
    expect(filterIds(index.full.get(stem('locking'))!.i)).toEqual(holding(stem('locking')));
    expect(index.full.has('rare')).toBe(false);
    for (const shard of index.shards.values()) {
      for (const [w, list] of Object.entries(shard)) expect(index.full.has(w)).toBe(list[0]! > LIMIT);
    }
    expect(wordIndexFiles(index).map((f) => f.file)).toContain(fullPostingsFile(word));
    // The default limit keeps every posting of this small set in the shards.
    expect(buildWordIndex(inputs).full.size).toBe(0);
  });

  it('completes a filter with a common word: every matching record, also those ranked below the kept ones', () => {
    const removed = new Set(filterIds(index.filters.get(filterKey('t', 'removed'))!));
    const { first, ids } = searchAll('driver ', (id) => removed.has(id));
    expect(first.complete).toBe(false);
    expect(first.partial).toEqual([stem('driver')]);
    expect(ids.sort((a, b) => a - b)).toEqual(holding(stem('driver')).filter((id) => removed.has(id)));
    // At least one of them was left out of the shard's best.
    const kept = new Set(first.ids);
    expect(ids.some((id) => !kept.has(id))).toBe(true);
  });

  it('completes two words, and ranks as if every posting were in the shards', () => {
    const whole = buildWordIndex(inputs, { maxPostings: Infinity });
    expect(whole.full.size).toBe(0);
    const { first, hits } = searchAll('driver locking');
    expect(first.complete).toBe(false);
    expect(hits.ids.sort((a, b) => a - b)).toEqual(holding(stem('locking')));
    // One cut word alone: its kept best are in their final places, so the first results need no full postings.
    expect(searchAll('driver ').first.certain).toBe(LIMIT);
    expect(shardFor(stem('driver'), prefixes)).toBeDefined();
  });

  it('puts the hits it calls certain where the full postings put them, for any query and limit', () => {
    // mulberry32: reproducible documents of a few words at skewed frequencies, once or twice each,
    // so that many documents tie.
    let seed = 7;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const vocabulary = ['alpha', 'beta', 'gamma', 'delta', 'deltoid', 'epsilon'];
    const docs = Array.from({ length: 150 }, (_, i) => {
      const words = vocabulary.flatMap((w, k) => (random() < 0.9 / (k + 1) ? Array<string>(1 + Math.floor(random() * 2)).fill(w) : []));
      return doc(`doc_${i}`, random() < 0.2 ? vocabulary[i % 6]! : 'Summary.', `${words.join(' ')} filler text`);
    });
    const expected = buildWordIndex(docs, { maxPostings: Infinity }).shards;
    const queries = ['alpha ', 'beta ', 'alpha beta', 'beta gamma ', 'delt', 'gamma delt', 'alpha beta gamma '];
    let certainTotal = 0;
    for (const limit of [3, 10, 40]) {
      const cut = buildWordIndex(docs, { maxPostings: limit });
      for (const query of queries) {
        const want = rankWords(query, [...expected.values()]).ids;
        const shards = wordShardsFor(query, cut.prefixes).map((p) => cut.shards.get(p)!);
        const first = rankWords(query, shards);
        const hits = rankWords(query, shards, new Map(first.partial.map((w) => [w, cut.full.get(w)!])));
        expect(hits.complete).toBe(true);
        expect(hits.ids).toEqual(want);
        expect(first.ids.slice(0, first.certain)).toEqual(want.slice(0, first.certain));
        certainTotal += first.partial.length ? first.certain : 0;
      }
    }
    // The bound is not vacuous: cut lists still place some hits.
    expect(certainTotal).toBeGreaterThan(0);
  });
});
