import { describe, expect, it } from 'vitest';
import { conceptForm, conceptPages, rankConcepts } from '../../src/lib/search/concepts.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { EXPORT_TYPES, TIERS } from '../../src/lib/vocabulary.ts';

const paths = sitePaths('/kernel/');
const pages = conceptPages(paths, {
  mechanisms: [
    {
      id: 'symbol-namespaces-2019',
      title: 'Symbol namespaces introduced',
      summary: 'Namespaces.',
      types: ['EXPORT_SYMBOL_NS'],
      macros: ['EXPORT_SYMBOL_NS', 'MODULE_IMPORT_NS'],
    },
  ],
  namespaces: ['DMA_BUF', 'CXL'],
  subsystems: ['mm', 'x86/fpu'],
});
const urls = (q: string) => rankConcepts(pages, q).map((p) => p.u);

describe('concept pages', () => {
  it('come from the vocabulary: every export type and tier, under the base path', () => {
    for (const type of EXPORT_TYPES) expect(pages.map((p) => p.u)).toContain(`/kernel/types/${type}/`);
    for (const tier of TIERS) expect(pages.map((p) => p.u)).toContain(`/kernel/status/${tier}/`);
    expect(pages.find((p) => p.u === '/kernel/types/EXPORT_SYMBOL_GPL/')!.d).toMatch(/GPL-compatible/);
  });

  it('read what people type in one form', () => {
    expect(conceptForm(' GPL-only ')).toBe('gpl_only');
    expect(conceptForm('x86/fpu')).toBe('x86_fpu');
    expect(conceptForm('MODULE_IMPORT_NS()')).toBe('module_import_ns');
  });

  it.each([
    ['namespace', '/kernel/namespaces/'],
    ['MODULE_IMPORT_NS', '/kernel/namespaces/'],
    ['GPL-only', '/kernel/types/EXPORT_SYMBOL_GPL/'],
    ['gpl only', '/kernel/types/EXPORT_SYMBOL_GPL/'],
    ['EXPORT_SYMBOL_FOR_MODULES', '/kernel/types/EXPORT_SYMBOL_FOR_MODULES/'],
    ['EXPORT_SYMBOL', '/kernel/types/EXPORT_SYMBOL/'],
    ['tracepoint', '/kernel/check-module/'],
    ['architecture', '/kernel/check-module/'],
    ['stable', '/kernel/status/stable/'],
    ['dma_buf', '/kernel/namespaces/dma_buf/'],
    ['x86/fpu', '/kernel/subsystems/x86-fpu/'],
    ['mm', '/kernel/subsystems/mm/'],
  ])('%s finds %s first', (q, url) => expect(urls(q)[0]).toBe(url));

  it('finds the mechanism decision that introduced a macro, on its export-type page', () => {
    expect(urls('MODULE_IMPORT_NS')).toContain('/kernel/types/EXPORT_SYMBOL_NS/#symbol-namespaces-2019');
  });

  it('stays out of the way of symbol queries', () => {
    expect(urls('fpu')).toEqual([]);
    expect(urls('kmalloc')).toEqual([]);
    expect(urls('ns')).toEqual([]);
    expect(urls('')).toEqual([]);
  });
});
