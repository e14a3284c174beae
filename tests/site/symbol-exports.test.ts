// What a tracepoint's page lists as "exported with <name> in their name": the functions and
// variables whose name contains it, those starting with it first, shorter first, then A–Z.
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { indexSnapshot } from '../../src/lib/releases.ts';
import { similarExports } from '../../src/lib/site/symbol-exports.ts';

/** Rows as "symbol macro file line". */
function index(rows: string[]) {
  const tsv = rows.map((r) => {
    const [symbol, macro, file, line] = r.split(' ');
    return [symbol, macro, '', file, line].join('\t');
  });
  return indexSnapshot(parseSnapshot(`# made up | kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\n${tsv.join('\n')}\n`));
}

const LATEST = index([
  'kmalloc EXPORT_TRACEPOINT_SYMBOL mm/slab_common.c 1',
  'kmalloc_node EXPORT_TRACEPOINT_SYMBOL mm/slab_common.c 2',
  '__kmalloc_noprof EXPORT_SYMBOL mm/slub.c 3',
  'devm_kmalloc EXPORT_SYMBOL drivers/base/devres.c 4',
  'kmalloc_kmalloc_twice EXPORT_SYMBOL mm/x.c 5',
  'kmalloc_trace EXPORT_SYMBOL mm/slub.c 6',
  'kfree EXPORT_SYMBOL mm/slub.c 7',
  'kmallo EXPORT_SYMBOL mm/x.c 8',
  'zz_kmalloc EXPORT_SYMBOL mm/x.c 9',
]);

describe('similarExports', () => {
  it('lists each function or variable containing the name once, starting ones first, shorter first, then A–Z', () => {
    expect(similarExports(LATEST, 'kmalloc')).toEqual([
      'kmalloc_trace',
      '__kmalloc_noprof',
      'kmalloc_kmalloc_twice',
      'zz_kmalloc',
      'devm_kmalloc',
    ]);
  });

  it('stops at the limit, and finds names at the start and the end of the list', () => {
    expect(similarExports(LATEST, 'kmalloc', 2)).toEqual(['kmalloc_trace', '__kmalloc_noprof']);
    expect(similarExports(LATEST, '__kmalloc_noprof')).toEqual([]);
    expect(similarExports(LATEST, 'zz_k')).toEqual(['zz_kmalloc']);
    expect(similarExports(LATEST, 'noprof')).toEqual(['__kmalloc_noprof']);
  });

  it('says nothing for a short name or without a snapshot', () => {
    expect(similarExports(LATEST, 'km')).toEqual([]);
    expect(similarExports(undefined, 'kmalloc')).toEqual([]);
  });
});
