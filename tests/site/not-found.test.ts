// What the 404 page suggests: the symbol a mistyped address names, the shards to read, the ranking.
import { describe, expect, it } from 'vitest';
import { closestSymbols, suggestionShards, wantedSymbol } from '../../src/lib/site/not-found.ts';
import { buildShards, shardFor, type SearchEntry } from '../../src/lib/search/shards.ts';

const entry = (s: string, t = ''): SearchEntry => ({ s, t, x: 'EXPORT_SYMBOL', u: 'mm' });

describe('wantedSymbol', () => {
  it('reads the symbol after symbols/, else the last segment, below the base path', () => {
    expect(wantedSymbol('/symbols/alloc_pages_vmaa/', '/')).toBe('alloc_pages_vmaa');
    expect(wantedSymbol('/kernel-exports/symbols/alloc_pages_vmaa/', '/kernel-exports/')).toBe('alloc_pages_vmaa');
    expect(wantedSymbol('/kernel-exports/symbols/alloc_pages_vmaa', '/kernel-exports')).toBe('alloc_pages_vmaa');
    expect(wantedSymbol('/symbols/kmalloc()/', '/')).toBe('kmalloc');
    expect(wantedSymbol('/kmalloc_node', '/')).toBe('kmalloc_node');
    expect(wantedSymbol('/symbols/__kmalloc/index.html', '/')).toBe('__kmalloc');
  });

  it('gives nothing for an address that names no identifier', () => {
    for (const p of ['/', '/kernel-exports/', '/symbols/', '/releases/v9.9/', '/symbols/%E0%A4%A/', '/symbols/a%20b/', '/9lives/']) {
      expect(wantedSymbol(p, p.startsWith('/kernel-exports/') ? '/kernel-exports/' : '/'), p).toBeUndefined();
    }
  });
});

describe('suggestionShards', () => {
  it('reads the shard of the whole name, then those of its parts, at most four', () => {
    const many = Array.from({ length: 300 }, (_, i) => entry(`alloc_thing_${String(i).padStart(3, '0')}`));
    const { prefixes } = buildShards([...many, entry('alloc_pages_vma', 'obsolete'), entry('vmalloc')]);
    const shards = suggestionShards('alloc_pages_vmaa', prefixes);
    expect(shards[0]).toBe(shardFor('alloc_pages_vmaa', new Set(prefixes)));
    expect(shards).toContain('pa');
    expect(shards).toContain('vm');
    expect(suggestionShards('a_b_c_d_e_f_g_h', ['a_', 'b_', 'c_', 'd_', 'e_', 'f_'])).toEqual(['a_', 'b_', 'c_', 'd_']);
    expect(suggestionShards('zz', ['al'])).toEqual([]);
  });
});

describe('closestSymbols', () => {
  const entries = [
    entry('alloc_pages'),
    entry('alloc_pages_vma', 'obsolete'),
    entry('alloc_pages_node'),
    entry('vma_alloc_folio'),
    entry('kernel_fpu_end'),
    entry('kernel_fpu_begin_mask'),
  ];

  it('ranks by edit distance, then records first, then shorter', () => {
    // Within a third of the name's length: one edit, then four (node), then five (the shorter name).
    expect(closestSymbols('alloc_pages_vmaa', entries).map((s) => [s.entry.s, s.distance])).toEqual([
      ['alloc_pages_vma', 1],
      ['alloc_pages_node', 4],
      ['alloc_pages', 5],
    ]);
    expect(closestSymbols('Alloc_Pages_VMA', entries)[0]).toMatchObject({ entry: { s: 'alloc_pages_vma' }, distance: 0 });
    expect(closestSymbols('alloc_page', entries).map((s) => s.entry.s)).toEqual(['alloc_pages', 'alloc_pages_vma', 'alloc_pages_node']);
    expect(closestSymbols('kernel_fpu_edn', entries).map((s) => s.entry.s)).toEqual(['kernel_fpu_end']);
  });

  it('leads a shortened name to the family it starts, after the close ones', () => {
    expect(closestSymbols('kernel_fpu', entries).map((s) => s.entry.s)).toEqual(['kernel_fpu_end', 'kernel_fpu_begin_mask']);
    expect(closestSymbols('nothing_alike', entries)).toEqual([]);
  });

  it('lists a symbol once and at most five', () => {
    const dup = [...entries, entry('alloc_pages_vma', 'obsolete')];
    expect(closestSymbols('alloc_pages_vm', dup).filter((s) => s.entry.s === 'alloc_pages_vma')).toHaveLength(1);
    const family = Array.from({ length: 9 }, (_, i) => entry(`pci_msi_${i}`));
    expect(closestSymbols('pci_msi_', family)).toHaveLength(5);
  });
});
