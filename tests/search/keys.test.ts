import { describe, expect, it } from 'vitest';
import { exactForm, matchRank, normalizeQuery, symbolKeys } from '../../src/lib/search/keys.ts';
import { buildShards, MAX_SHARD_ENTRIES, shardFor, shardsForQuery, type SearchEntry } from '../../src/lib/search/shards.ts';
import { rankEntries } from '../../src/lib/search/rank.ts';

describe('symbol keys', () => {
  it.each([
    ['alloc_pages_vma', ['alloc_pages_vma', 'pages_vma', 'vma']],
    ['__kmalloc_node', ['kmalloc_node', 'node']],
    ['kernel_fpu_begin', ['kernel_fpu_begin', 'fpu_begin', 'begin']],
    ['PDE_DATA', ['pde_data', 'data']],
    ['a__b', ['a__b', 'b']],
  ])('%s -> %j', (symbol, keys) => expect(symbolKeys(symbol)).toEqual(keys));

  it('normalizes what people type', () => {
    expect(normalizeQuery('  Alloc_Pages_VMA() ')).toBe('alloc_pages_vma');
    expect(normalizeQuery('alloc pages vma')).toBe('alloc_pages_vma');
    expect(normalizeQuery('__kmalloc')).toBe('kmalloc');
    expect(exactForm('__kmalloc()')).toBe('__kmalloc');
  });

  it('ranks exact above family above part, and nothing for a miss', () => {
    expect(matchRank('kmalloc', 'kmalloc')).toBe(0);
    expect(matchRank('__kmalloc', 'kmalloc')).toBe(1);
    expect(matchRank('kmalloc_array', 'kmalloc')).toBe(2);
    expect(matchRank('__kmalloc_node', 'kmalloc_node')).toBe(1);
    expect(matchRank('__vmalloc', '__vmalloc')).toBe(0);
    expect(matchRank('vmalloc', '__vmalloc')).toBe(1);
    expect(matchRank('Alloc_Pages', 'alloc_pages()')).toBe(0);
    expect(matchRank('kernel_fpu_begin', 'fpu_begin')).toBe(3);
    expect(matchRank('vmalloc', 'malloc')).toBeUndefined();
  });

  it('ranks a whole identifier part above a longer word it only starts', () => {
    expect(matchRank('fpu_enable_guest_xfd_features', 'fpu')).toBe(2);
    expect(matchRank('kernel_fpu_begin', 'fpu')).toBe(3);
    expect(matchRank('fput', 'fpu')).toBe(4);
    expect(matchRank('__fput_sync', 'fpu')).toBe(4);
    expect(matchRank('bdev_fput', 'fpu')).toBe(5);
    expect(matchRank('pci_msi_x', 'pci_ms')).toBe(4);
    expect(matchRank('kmalloc_array', 'kmalloc_')).toBe(2);
  });
});

describe('ranking', () => {
  const e = (s: string, t = ''): SearchEntry => ({ s, t, x: 'EXPORT_SYMBOL', u: 'x' });
  it('puts names where the query is a part above longer words, records first among equals (issue 16: fpu)', () => {
    const entries = [
      e('fput'),
      e('__fput_sync'),
      e('bdev_fput'),
      e('fpu_alloc_guest_fpstate'),
      e('switch_fpu_return'),
      e('kernel_fpu_begin', 'stable'),
      e('__kernel_fpu_end', 'removed'),
      e('irq_fpu_usable'),
    ];
    expect(rankEntries(entries, 'fpu').map((x) => x.s)).toEqual([
      '__kernel_fpu_end',
      'kernel_fpu_begin',
      'fpu_alloc_guest_fpstate',
      'irq_fpu_usable',
      'switch_fpu_return',
      'fput',
      '__fput_sync',
      'bdev_fput',
    ]);
  });
  it('keeps the exact name first, and the name without underscores before the one with', () => {
    const entries = [e('vmalloc_node', 'stable'), e('__vmalloc'), e('vmalloc'), e('vmallocinfo', 'stable')];
    expect(rankEntries(entries, 'vmalloc').map((x) => x.s)).toEqual(['vmalloc', '__vmalloc', 'vmalloc_node', 'vmallocinfo']);
    expect(rankEntries(entries, 'vmall').map((x) => x.s)).toEqual(['vmallocinfo', 'vmalloc_node', 'vmalloc', '__vmalloc']);
  });
});

describe('shards', () => {
  const entry = (s: string, t = ''): SearchEntry => ({ s, t, x: 'EXPORT_SYMBOL', u: 'mm' });

  it('splits a crowded prefix deeper and still finds every whole name', () => {
    const entries = [
      entry('pci_msi', 'stable'),
      ...Array.from({ length: 600 }, (_, i) => entry(`pci_msi_${String(i).padStart(3, '0')}`)),
      ...Array.from({ length: 300 }, (_, i) => entry(`pcie_${i}`)),
    ];
    const { prefixes, shards } = buildShards(entries);
    for (const list of shards.values()) expect(list.length).toBeLessThanOrEqual(MAX_SHARD_ENTRIES);
    const wanted = shardsForQuery('pci_msi', prefixes);
    const found = wanted.flatMap((p) => shards.get(p)!);
    expect(rankEntries(found, 'pci_msi')[0]!.s).toBe('pci_msi');
    const all = new Set(prefixes.flatMap((p) => shards.get(p)!.map((e) => e.s)));
    for (const e of entries) expect(all.has(e.s), e.s).toBe(true);
  });

  it('puts a symbol in the shard of each of its parts', () => {
    const { prefixes, shards } = buildShards([entry('kernel_fpu_begin')]);
    const set = new Set(prefixes);
    for (const key of ['kernel_fpu_begin', 'fpu_begin', 'begin']) {
      expect(shards.get(shardFor(key, set)!)!.map((e) => e.s)).toContain('kernel_fpu_begin');
    }
  });

  it('keeps whole names and the shortest part matches when a part is too common to split', () => {
    const entries = Array.from({ length: MAX_SHARD_ENTRIES + 50 }, (_, i) => entry(`driver${i}_init`));
    entries.push(entry('init_task'));
    const { prefixes, shards } = buildShards(entries);
    const list = shardsForQuery('init', prefixes).flatMap((p) => shards.get(p)!);
    expect(list.map((e) => e.s)).toContain('init_task');
    expect(list.length).toBeLessThanOrEqual(MAX_SHARD_ENTRIES + 1);
  });
});
