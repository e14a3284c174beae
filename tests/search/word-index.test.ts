// The word index: what prose is indexed under, how it is sharded and capped, and how the browser's
// query code ranks documents from the shards a query reads.
import { describe, expect, it } from 'vitest';
import { htmlText, indexWords, queryWords, stem } from '../../src/lib/search/words.ts';
import { buildWordIndex, MAX_POSTINGS, MAX_SHARD_POSTINGS, type WordInput } from '../../src/lib/search/word-index.ts';
import { filterIds, intersect, rankWords, wordShardsFor } from '../../src/lib/search/word-query.ts';
import { shardFor } from '../../src/lib/search/shards.ts';
import { filterKey, wordIndexFiles } from '../../src/lib/search/word-files.ts';

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
    expect(wordIndexFiles(index).length).toBe(index.shards.size + index.chunks.length + index.filters.size);
  });
});
