// The module check across the releases of a history store: tests/fixtures/check-module holds a store
// made with `npm run history -- add` from eight real releases' rows of ten symbols (see its README),
// and three real records. Each answer below is what those releases' exports say.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import { parseModuleInput } from '../../src/lib/check-module.ts';
import { loadHistoryTable } from '../../src/lib/check-module-data.ts';
import {
  checkAcrossReleases,
  chooseReleases,
  decodeHistoryTable,
  encodeHistoryTable,
  ReleaseChoiceError,
  tableAt,
} from '../../src/lib/check-module-history.ts';
import { formatReleaseMatrixText, symbolCells } from '../../src/lib/check-module-matrix-text.ts';
import { isGplCompatibleLicense, moduleImportLine } from '../../src/lib/kernel/export-model.ts';
import { importAdvice } from '../../src/lib/site/model.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const ROOT = path.join(REPO_ROOT, 'tests/fixtures/check-module');
const { history, hasPage } = loadHistoryTable(ROOT);
const RELEASES = ['v5.4.286', 'v5.7.14', 'v5.8.18', 'v6.12', 'v6.13.7', 'v6.14', 'v6.18.2', 'v6.19'];

const NM = [
  'kallsyms_lookup_name',
  'cr4_update_irqsoff',
  'dma_buf_get',
  'drm_gem_shmem_pin',
  'mutex_lock',
  '__tracepoint_kmalloc',
  '__traceiter_kmalloc',
]
  .map((s) => `                 U ${s}\n`)
  .join('');

/** npm run check-module, run in this process (tests/helpers/in-process.ts), `stdin` piped in. */
const run = (args: string[], stdin?: string) => runCli('check-module.ts', args, { stdin });

describe('the MODULE_IMPORT_NS rule, in one place', () => {
  it('writes a bare token before 6.13-rc1 and a string literal from it, for the checker and the record pages alike', () => {
    expect(moduleImportLine('DMA_BUF', 'v6.12')).toBe('MODULE_IMPORT_NS(DMA_BUF);');
    expect(moduleImportLine('DMA_BUF', 'v6.13-rc1')).toBe('MODULE_IMPORT_NS("DMA_BUF");');
    expect(moduleImportLine('DMA_BUF', 'v6.1.158')).toBe('MODULE_IMPORT_NS(DMA_BUF);');
    expect(importAdvice({ type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'DMA_BUF' })).toEqual({
      line: 'MODULE_IMPORT_NS("DMA_BUF");',
      text: 'Modules must import the DMA_BUF namespace (kernels before 6.13 write the bare token: MODULE_IMPORT_NS(DMA_BUF);).',
    });
  });

  it("knows the kernel's GPL-compatible MODULE_LICENSE strings", () => {
    expect(['GPL', 'GPL v2', 'Dual MIT/GPL', 'Dual BSD/GPL'].map(isGplCompatibleLicense)).toEqual([true, true, true, true]);
    expect(['Proprietary', 'MIT', 'gpl'].map(isGplCompatibleLicense)).toEqual([false, false, false]);
  });
});

describe('the history table', () => {
  it('holds every release of the store and rebuilds one release for the symbols asked', () => {
    expect(history.releases).toEqual(RELEASES);
    const v619 = tableAt(history, 7, ['cr4_update_irqsoff', '__tracepoint_kmalloc']);
    expect(v619.version).toBe('v6.19');
    expect(v619.exports.get('cr4_update_irqsoff')).toEqual([
      {
        type: 'EXPORT_SYMBOL_FOR_MODULES',
        namespace: 'module:kvm,${KVM_SUB_MODULES}|module:kvm',
        arch: 'x86',
        entity: 'symbol',
        name: 'cr4_update_irqsoff',
      },
    ]);
    expect(v619.exports.get('__tracepoint_kmalloc')?.[0]?.name).toBe('kmalloc');
    // Only what was asked for (the tracepoint brings its other linker symbols with it).
    expect([...v619.exports.keys()].sort()).toEqual([
      '__SCK__tp_func_kmalloc',
      '__SCT__tp_func_kmalloc',
      '__traceiter_kmalloc',
      '__tracepoint_kmalloc',
      'cr4_update_irqsoff',
    ]);
    // Before v5.10 a tracepoint exported __tracepoint_X only.
    expect([...tableAt(history, 2, ['__traceiter_kmalloc']).exports.keys()]).toEqual(['__tracepoint_kmalloc']);
  });

  it("keeps today's records for the newest release, and for older ones only a removed record of a symbol exported before", () => {
    expect(tableAt(history, 7, ['cr4_update_irqsoff']).records.get('cr4_update_irqsoff')?.tier).toBe('testing');
    expect(tableAt(history, 6, ['cr4_update_irqsoff']).records.size).toBe(0);
    expect(tableAt(history, 0, ['kallsyms_lookup_name']).records.size).toBe(0);
    expect(tableAt(history, 1, ['kallsyms_lookup_name']).records.get('kallsyms_lookup_name')?.tier).toBe('removed');
  });

  it('comes back the same from the compact download', () => {
    const encoded = encodeHistoryTable(history);
    expect(decodeHistoryTable(JSON.parse(JSON.stringify(encoded)))).toEqual(history);
    expect(encoded.groups).toContainEqual([3, 'DMA_BUF', '', 0, '3-7', '0dma_buf_get']);
    expect(encoded.groups).toContainEqual([1, '', 'x86', 0, '0 3-7', '0kernel_fpu_begin_mask']);
  });
});

describe('the matrix', () => {
  const matrix = checkAcrossReleases(parseModuleInput(NM), history, { hasPage, arch: 'x86' });
  const by = (s: string) => matrix.symbols.find((x) => x.symbol === s)!;

  it('marks the first failing release per symbol after one where it linked, and says why', () => {
    expect(by('kallsyms_lookup_name').firstFailure).toEqual({
      release: 'v5.7.14',
      linkedIn: 'v5.4.286',
      why: 'kallsyms_lookup_name no longer exported',
      detail:
        'The export was withdrawn in 5.7 so modules cannot bypass the export list; the function itself remains for built-in code. There is no replacement export.',
    });
    expect(by('cr4_update_irqsoff').firstFailure).toEqual({
      release: 'v6.19',
      linkedIn: 'v6.18.2',
      why: "cr4_update_irqsoff restricted to KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
    });
    // Exported from v5.10 only: it fails from the first release checked, then links.
    expect(by('__traceiter_kmalloc').firstFailure).toEqual({
      release: 'v5.4.286',
      linksFrom: 'v6.12',
      why: '__traceiter_kmalloc not exported',
    });
    for (const s of ['dma_buf_get', 'drm_gem_shmem_pin', 'mutex_lock', '__tracepoint_kmalloc']) expect(by(s).firstFailure).toBeUndefined();
  });

  it('has one cell per release and spans of unchanged verdict', () => {
    expect(Object.fromEntries(matrix.symbols.map((s) => [s.symbol, symbolCells(s).join('')]))).toEqual({
      kallsyms_lookup_name: 'gxxxxxxx',
      cr4_update_irqsoff: 'xx.....x',
      dma_buf_get: 'gggnnnnn',
      drm_gem_shmem_pin: '......gg',
      mutex_lock: '........',
      __tracepoint_kmalloc: '........',
      __traceiter_kmalloc: 'xxx.....',
    });
    expect(by('cr4_update_irqsoff').spans.map((s) => [s.first, s.last, s.verdict, s.labels])).toEqual([
      ['v5.4.286', 'v5.7.14', 'blocked', ['not exported']],
      ['v5.8.18', 'v6.18.2', 'ok', ['exported']],
      ['v6.19', 'v6.19', 'blocked', ['restricted', 'testing']],
    ]);
    expect(by('cr4_update_irqsoff').link).toBe('/symbols/cr4_update_irqsoff/');
    expect(matrix.links).toEqual([]);
  });

  it('gives the MODULE_IMPORT_NS line each release needs: a bare token before 6.13, a string from 6.13', () => {
    expect(matrix.imports).toEqual([
      { first: 'v6.12', last: 'v6.12', lines: ['MODULE_IMPORT_NS(DMA_BUF);'] },
      { first: 'v6.13.7', last: 'v6.19', lines: ['MODULE_IMPORT_NS("DMA_BUF");'] },
    ]);
    expect(matrix.conditionalImports).toEqual([
      '#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 13, 0)',
      'MODULE_IMPORT_NS("DMA_BUF");',
      '#else',
      'MODULE_IMPORT_NS(DMA_BUF);',
      '#endif',
    ]);
  });

  it('fails a GPL-only export for a module whose licence is not GPL-compatible, as modpost would', () => {
    const proprietary = checkAcrossReleases(parseModuleInput('drm_gem_shmem_pin\nmutex_lock\n'), history, {
      hasPage,
      arch: 'x86',
      gplCompatible: false,
    });
    expect(proprietary.symbols[0]!.firstFailure).toEqual({
      release: 'v6.18.2',
      linkedIn: 'v6.14',
      why: "drm_gem_shmem_pin became GPL-only, and the module's licence is not GPL-compatible",
    });
    expect(proprietary.links).toEqual(RELEASES.slice(0, 6));
    // modpost's "GPL-incompatible module" line says as much.
    const log = checkAcrossReleases(
      parseModuleInput("ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'dma_buf_get'\n"),
      history,
      { hasPage, arch: 'x86' },
    );
    expect([log.gplCompatible, log.links]).toEqual([false, []]);
  });

  it('checks only the releases chosen', () => {
    const some = checkAcrossReleases(parseModuleInput('dma_buf_get\nmutex_lock\n'), history, {
      hasPage,
      arch: 'x86',
      positions: chooseReleases('v6.12..v6.14', history.releases),
    });
    expect([some.releases, some.links]).toEqual([
      ['v6.12', 'v6.13.7', 'v6.14'],
      ['v6.12', 'v6.13.7', 'v6.14'],
    ]);
  });

  it('reads as a grid with columns grouped by major version in a terminal', () => {
    const text = formatReleaseMatrixText(matrix);
    expect(text.split('\n').slice(0, 13)).toEqual([
      'check-module: 7 symbols from nm -u output, against 8 releases (v5.4.286 … v6.19) for x86',
      '',
      'Links on none of the 8 releases checked.',
      '',
      '                        v5  v6',
      'x kallsyms_lookup_name  gxx xxxxx',
      'x cr4_update_irqsoff    xx. ....x',
      '! dma_buf_get           ggg nnnnn',
      '! drm_gem_shmem_pin     ... ...gg',
      '  mutex_lock            ... .....',
      '  __tracepoint_kmalloc  ... .....',
      'x __traceiter_kmalloc   xxx .....',
      '  . links as is, g GPL-only (needs a GPL-compatible MODULE_LICENSE), n needs MODULE_IMPORT_NS, ! links after another change (see below), x does not link',
    ]);
    expect(text).toContain(
      [
        'x cr4_update_irqsoff',
        "    breaks in v6.19 (links in v6.18.2): cr4_update_irqsoff restricted to KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
        '    v5.4.286 … v5.7.14  not exported',
        '    v5.8.18 … v6.18.2   exported',
        '    v6.19               restricted, testing',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        'MODULE_IMPORT_NS lines, per release:',
        '  v6.12            MODULE_IMPORT_NS(DMA_BUF);',
        '  v6.13.7 … v6.19  MODULE_IMPORT_NS("DMA_BUF");',
      ].join('\n'),
    );
  });
});

describe('choosing releases', () => {
  it('takes all, a list, a range (either end open), without the v', () => {
    expect(chooseReleases('all', RELEASES)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(chooseReleases('v6.19,5.4.286', RELEASES)).toEqual([0, 7]);
    expect(chooseReleases('v6.14..', RELEASES)).toEqual([5, 6, 7]);
    expect(chooseReleases('..v5.7.14,v6.19', RELEASES)).toEqual([0, 1, 7]);
  });

  it('refuses a release the store lacks, a range backwards, an empty item', () => {
    expect(() => chooseReleases('v6.1', RELEASES)).toThrow(
      new ReleaseChoiceError(`no release v6.1 in the history store; it holds ${RELEASES.join(', ')}`),
    );
    expect(() => chooseReleases('v6.19..v6.12', RELEASES)).toThrow('v6.19 comes after v6.12; write the older release first');
    expect(() => chooseReleases('v6.12,,v6.19', RELEASES)).toThrow('an empty item');
  });
});

describe('npm run check-module -- --releases', () => {
  it('prints the matrix and exits 1 when the module does not link on some release', async () => {
    const r = await run(['-', '--root', ROOT, '--releases', 'all'], NM);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('x kallsyms_lookup_name  gxx xxxxx');
    expect(r.stdout).toContain('    breaks in v5.7.14 (links in v5.4.286): kallsyms_lookup_name no longer exported');
  });

  it('exits 0 when every symbol links on every release asked, and gives JSON', async () => {
    const r = await run(['-', '--root', ROOT, '--releases', 'v6.12..v6.19', '--format', 'json'], 'dma_buf_get\nmutex_lock\n');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.links).toEqual(['v6.12', 'v6.13.7', 'v6.14', 'v6.18.2', 'v6.19']);
    expect(json.imports.map((i: { lines: string[] }) => i.lines[0])).toEqual([
      'MODULE_IMPORT_NS(DMA_BUF);',
      'MODULE_IMPORT_NS("DMA_BUF");',
    ]);
  });

  it("takes the module's licence", async () => {
    const r = await run(['-', '--root', ROOT, '--releases', 'v6.14..', '--license', 'Proprietary'], 'drm_gem_shmem_pin\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(
      "    breaks in v6.18.2 (links in v6.14): drm_gem_shmem_pin became GPL-only, and the module's licence is not GPL-compatible",
    );
    expect((await run(['-', '--root', ROOT, '--releases', 'v6.14..', '--license', 'GPL'], 'drm_gem_shmem_pin\n')).status).toBe(0);
  });

  it('--snapshot checks any one release of the store, and the newest by default', async () => {
    const before = await run(['-', '--root', ROOT, '--snapshot', 'v5.4.286'], 'kallsyms_lookup_name\n');
    expect(before.stdout).toContain('against v5.4.286 for x86');
    expect(before.stdout).not.toContain('not exported');
    const after = await run(['-', '--root', ROOT, '--snapshot', '5.7.14'], 'kallsyms_lookup_name\n');
    expect([after.status, after.stdout.includes('against v5.7.14 for x86')]).toEqual([1, true]);
    expect((await run(['-', '--root', ROOT], 'kallsyms_lookup_name\n')).stdout).toContain('against v6.19 for x86');
  });

  it('exits 2 for a release the store lacks, --snapshot with --releases, --license alone, a store that is missing', async () => {
    const missing = await run(['-', '--root', ROOT, '--releases', 'v6.1'], 'mutex_lock\n');
    expect([missing.status, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toContain('check-module: no release v6.1 in the history store; it holds v5.4.286, v5.7.14');
    expect((await run(['-', '--root', ROOT, '--releases', 'all', '--snapshot', 'v6.19'], 'mutex_lock\n')).stderr).toContain(
      '--snapshot checks one snapshot, --releases releases of the history store: give one of them',
    );
    expect((await run(['-', '--root', ROOT, '--license', 'GPL'], 'mutex_lock\n')).status).toBe(2);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'checker-test-'));
    try {
      const none = await run(['-', '--root', empty, '--releases', 'all'], 'mutex_lock\n');
      expect([none.status, none.stderr.trim()]).toEqual([
        2,
        `check-module: no releases in ${empty}/content/history (npm run history -- add adds them)`,
      ]);
    } finally {
      fs.rmSync(empty, { recursive: true });
    }
  });
});
