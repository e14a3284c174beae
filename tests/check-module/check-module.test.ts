// npm run check-module and the library the /check-module/ page shares: reading nm, lists and
// modpost logs, and the verdict for each symbol.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import {
  buildExportTable,
  checkModule,
  decodeExportTable,
  encodeExportTable,
  frontCode,
  frontDecode,
  importLine,
  parseModuleInput,
  type ExportTable,
  type TableRecord,
} from '../../src/lib/check-module.ts';
import { loadExportTable } from '../../src/lib/check-module-data.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/drift');

/** npm run check-module, run in this process (tests/helpers/in-process.ts), `stdin` piped in. */
const run = (args: string[], stdin?: string) => runCli('check-module.ts', args, { stdin });

/** npm run check-module as a real process, reading its real standard input. */
function runProcess(args: string[], stdin?: string) {
  const r = spawnSync(NODE, [path.join(REPO_ROOT, 'scripts/check-module.ts'), ...args], { encoding: 'utf8', input: stdin });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MODPOST_LOG = `  MODPOST /home/me/foo/Module.symvers
ERROR: modpost: GPL-incompatible module foo.ko uses GPL-only symbol 'drm_a'
ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.
ERROR: modpost: "locked_fn" [/home/me/foo/foo.ko] undefined!
ERROR: modpost: "removed_gone" [/home/me/foo/foo.ko] undefined!
WARNING: modpost: "no_such_symbol" [/home/me/foo/foo.ko] undefined!
make[2]: *** [scripts/Makefile.modpost:145: /home/me/foo/Module.symvers] Error 1
`;

describe('reading the input', () => {
  it('reads nm -u output, skipping file headers, defined and weak symbols', () => {
    const input = parseModuleInput(
      'foo.ko:\n                 U kmalloc_caches\n                 U __fentry__\n                 w __weak_hook\n0000000000000000 T init_module\n                 U kmalloc_caches\n',
    );
    expect(input.symbols).toEqual([
      {
        symbol: 'kmalloc_caches',
        reported: [
          { form: 'nm', line: 2 },
          { form: 'nm', line: 6 },
        ],
      },
      { symbol: '__fentry__', reported: [{ form: 'nm', line: 3 }] },
    ]);
    expect(input.ignored).toBe(3);
  });

  it('reads a plain list, one or several symbols per line', () => {
    const input = parseModuleInput('kmalloc\r\n\r\n  kfree, vmalloc\nparisc $$divI\n');
    expect(input.symbols.map((s) => [s.symbol, s.reported[0]!.line])).toEqual([
      ['kmalloc', 1],
      ['kfree', 3],
      ['vmalloc', 3],
      ['parisc', 4],
      ['$$divI', 4],
    ]);
    expect(input.symbols[0]!.reported[0]!.form).toBe('list');
  });

  it("reads the three modpost messages and the loader's, ignoring the rest of the log", () => {
    const input = parseModuleInput(
      `${MODPOST_LOG}[   12.345678] foo: module uses symbol (dma_fence_put) from namespace DMA_BUF, but does not import it.\n[   12.4] foo: Unknown symbol bar_fn (err -2)\n`,
    );
    expect(input.symbols).toEqual([
      { symbol: 'drm_a', reported: [{ form: 'modpost-gpl', line: 2, module: 'foo' }] },
      { symbol: 'dma_buf_get', reported: [{ form: 'modpost-namespace', line: 3, module: 'foo', namespace: 'DMA_BUF' }] },
      { symbol: 'locked_fn', reported: [{ form: 'modpost-undefined', line: 4, module: '/home/me/foo/foo.ko' }] },
      { symbol: 'removed_gone', reported: [{ form: 'modpost-undefined', line: 5, module: '/home/me/foo/foo.ko' }] },
      { symbol: 'no_such_symbol', reported: [{ form: 'modpost-undefined', line: 6, module: '/home/me/foo/foo.ko' }] },
      { symbol: 'dma_fence_put', reported: [{ form: 'loader-namespace', line: 8, module: 'foo', namespace: 'DMA_BUF' }] },
      { symbol: 'bar_fn', reported: [{ form: 'loader-unknown', line: 9, module: 'foo' }] },
    ]);
    // "MODPOST /home/…" and the make line name no symbol; a word alone on a line is not a symbol in a log.
    expect(input.ignored).toBe(2);
    expect(parseModuleInput('Error\nERROR: modpost: "x" [m.ko] undefined!\n').symbols.map((s) => s.symbol)).toEqual(['x']);
  });
});

describe('the verdict per symbol', () => {
  const snapshot = parseSnapshot(fs.readFileSync(path.join(FIXTURE, 'content/snapshots/v6.19.tsv'), 'utf8'));
  const records: TableRecord[] = [
    { symbol: 'removed_gone', status: 'removed', type: 'unexported', replaced_by: 'type_ok', reason: 'Nothing modular used it.' },
    { symbol: 'arch_file', status: 'obsolete', type: 'EXPORT_SYMBOL_GPL', replaced_by: 'drm_a', reason: 'New users are refused.' },
    { symbol: 'ns_wrong', status: 'testing', type: 'EXPORT_SYMBOL_NS_GPL' },
  ];
  const table = buildExportTable(snapshot, records);
  const check = (text: string, t: ExportTable = table) => checkModule(parseModuleInput(text), t);

  it('answers a modpost log: GPL-only, the import line, restricted, removed with replacement, not exported', () => {
    const result = check(MODPOST_LOG);
    expect(result.input).toBe('a modpost log');
    expect(result.version).toBe('v6.19');
    expect(result.symbols.map((s) => [s.symbol, s.verdict, s.labels])).toEqual([
      ['drm_a', 'action', ['GPL-only']],
      ['dma_buf_get', 'action', ['GPL-only', 'namespace DMA_BUF']],
      ['locked_fn', 'blocked', ['restricted']],
      ['removed_gone', 'blocked', ['not exported', 'removed']],
      ['no_such_symbol', 'blocked', ['not exported']],
    ]);
    const [drm, dma, locked, removed, missing] = result.symbols;
    expect(drm!.notes).toEqual(['GPL-only: the module needs a GPL-compatible MODULE_LICENSE.']);
    expect([dma!.namespace, dma!.importLine]).toEqual(['DMA_BUF', 'MODULE_IMPORT_NS("DMA_BUF");']);
    expect(dma!.notes[1]).toBe('In namespace DMA_BUF: add MODULE_IMPORT_NS("DMA_BUF");');
    expect(locked!.restrictedTo).toBe('KVM and its vendor modules (kvm-intel)');
    expect(locked!.notes).toEqual([
      'Restricted to KVM and its vendor modules (kvm-intel) (EXPORT_SYMBOL_FOR_MODULES): no other module may use it, and its "module:" namespace cannot be imported.',
    ]);
    expect(removed!.record).toEqual({ tier: 'removed', type: 'unexported', replacedBy: 'type_ok', reason: 'Nothing modular used it.' });
    expect(removed!.notes).toEqual(['Not exported in v6.19: the export was removed. Nothing modular used it. Use type_ok instead.']);
    expect(missing!.link).toBeUndefined();
    expect(drm!.link).toBe('/symbols/drm_a/');
    expect(removed!.link).toBe('/symbols/removed_gone/');
    expect(result.imports).toEqual(['MODULE_IMPORT_NS("DMA_BUF");']);
    expect(result.gplOnly).toEqual(['drm_a', 'dma_buf_get']);
    expect(result.blocked).toEqual(['locked_fn', 'removed_gone', 'no_such_symbol']);
  });

  it('reads namespaces through wrappers, says which architectures export a symbol, and gives record tiers', () => {
    const result = check('iwl_wrapped\narch_file\narch_nofile\nns_wrong\ntype_wrong\n__tracepoint_9p_fid_ref\nmods_ok\n');
    const by = (s: string) => result.symbols.find((c) => c.symbol === s)!;
    expect([by('iwl_wrapped').labels, by('iwl_wrapped').importLine]).toEqual([
      ['GPL-only', 'namespace IWLWIFI'],
      'MODULE_IMPORT_NS("IWLWIFI");',
    ]);
    expect(by('arch_file').labels).toEqual(['only alpha, x86', 'GPL-only', 'obsolete']);
    expect(by('arch_file').notes).toEqual([
      'Exported only by architecture code (alpha, x86): a module built for another architecture cannot link against it.',
      'GPL-only on x86, open to any licence elsewhere: a module that builds there needs a GPL-compatible MODULE_LICENSE.',
      'Its decision record is obsolete: new users are refused or removal is queued. New users are refused. Use drm_a instead.',
    ]);
    expect(by('ns_wrong').labels).toEqual(['GPL-only', 'namespace BAR', 'testing']);
    expect([by('type_wrong').verdict, by('type_wrong').labels, by('type_wrong').notes]).toEqual(['ok', ['exported'], []]);
    // A tracepoint is listed under its name; modules link against __tracepoint_<name>.
    expect([by('__tracepoint_9p_fid_ref').verdict, by('__tracepoint_9p_fid_ref').link, by('__tracepoint_9p_fid_ref').notes]).toEqual([
      'ok',
      '/symbols/9p_fid_ref/',
      ['A linker symbol of the tracepoint 9p_fid_ref: exported with it, on the same terms.'],
    ]);
    expect([by('mods_ok').verdict, by('mods_ok').restrictedTo]).toEqual([
      'blocked',
      "KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
    ]);
  });

  it('writes MODULE_IMPORT_NS as a string from 6.13 and as a bare token before', () => {
    expect(importLine('DMA_BUF', 'v6.13')).toBe('MODULE_IMPORT_NS("DMA_BUF");');
    expect(importLine('DMA_BUF', 'v6.13-rc1')).toBe('MODULE_IMPORT_NS("DMA_BUF");');
    expect(importLine('DMA_BUF', 'v6.12.9')).toBe('MODULE_IMPORT_NS(DMA_BUF);');
    const old = loadExportTable(FIXTURE, 'v6.12').table;
    expect(
      check('ERROR: modpost: module foo uses symbol dma_buf_get from namespace DMA_BUF, but does not import it.', old).imports,
    ).toEqual(['MODULE_IMPORT_NS(DMA_BUF);']);
  });

  it('trusts modpost about a namespace the snapshot does not know', () => {
    const result = check('ERROR: modpost: module foo uses symbol newer_fn from namespace NEWER, but does not import it.');
    expect(result.symbols[0]!.verdict).toBe('blocked');
    expect(result.symbols[0]!.notes[1]).toBe('modpost says your kernel exports it in namespace NEWER: add MODULE_IMPORT_NS("NEWER");');
    expect(result.imports).toEqual(['MODULE_IMPORT_NS("NEWER");']);
  });

  it('round-trips the table through the compact JSON the site serves', () => {
    expect(frontCode(['kmalloc', 'kmalloc_node', 'kmem_cache_alloc', 'vmalloc'])).toBe('0kmalloc 7_node 2em_cache_alloc 0vmalloc');
    expect(frontDecode('0kmalloc 7_node 2em_cache_alloc 0vmalloc')).toEqual(['kmalloc', 'kmalloc_node', 'kmem_cache_alloc', 'vmalloc']);
    const long = ['a'.repeat(50), `${'a'.repeat(50)}b`];
    expect(frontDecode(frontCode(long))).toEqual(long);
    const encoded = JSON.parse(JSON.stringify(encodeExportTable(table)));
    expect(encoded.groups.slice(0, 2)).toEqual([
      [0, '', '', 0, '0arrives_later 0back_again 0drm_b 0kmalloc_fixture 0type_wrong'],
      [0, '', '', 1, '09p_fid_ref'],
    ]);
    const decoded = decodeExportTable(encoded);
    expect(decoded.version).toBe('v6.19');
    const normal = (t: ExportTable) =>
      [...t.exports]
        .map(
          ([symbol, variants]) =>
            `${symbol}: ${variants
              .map((v) => JSON.stringify(v))
              .sort()
              .join(' ')}`,
        )
        .sort();
    expect(normal(decoded)).toEqual(normal(table));
    expect(decoded.exports.size).toBe(21);
    expect(decoded.records).toEqual(table.records);
    expect(check(MODPOST_LOG, decoded)).toEqual(check(MODPOST_LOG));
  });
});

// Rows copied from the patterns of the real v6.19 snapshot: a tracepoint named like a header
// allocator, a static-call trampoline, an s390-only function named like x86's withdrawn one, a
// retpoline thunk, EXPORT_SYMBOL_FOR_KVM's module list and iwlwifi's GPL wrapper.
const LINKER_SNAPSHOT = `# fixture | kernel version: 6.19.0
symbol	macro	namespace	file	line
__kernel_fpu_begin	EXPORT_SYMBOL		arch/s390/kernel/fpu.c	12
kvm_helper	EXPORT_SYMBOL_FOR_KVM	module:kvm,kvm-amd,kvm-intel|module:kvm	arch/x86/kernel/kvm_helper.c	41
__x86_indirect_thunk_rax	__EXPORT_THUNK		arch/x86/lib/retpoline.S	52
iwl_fn	IWL_EXPORT_SYMBOL	IWLWIFI	drivers/net/wireless/intel/iwlwifi/iwl-utils.c	4
might_resched	EXPORT_STATIC_CALL_TRAMP		kernel/sched/core.c	7000
__kmalloc_noprof	EXPORT_SYMBOL		mm/slub.c	4300
kmalloc	EXPORT_TRACEPOINT_SYMBOL		mm/slab_common.c	44
`;

describe('linker symbols and architectures', () => {
  const snapshot = parseSnapshot(LINKER_SNAPSHOT);
  const table = buildExportTable(snapshot, [
    { symbol: '__kernel_fpu_begin', status: 'removed', type: 'unexported', reason: 'Withdrawn on x86.' },
  ]);
  // null checks against every architecture, as --arch any does.
  const one = (text: string, arch: string | null = 'x86') =>
    checkModule(parseModuleInput(text), table, { arch: arch ?? undefined }).symbols[0]!;

  it('keys the table by linker symbol: a tracepoint exports __tracepoint_, __traceiter_ and its static call, not its name', () => {
    expect([...table.exports.keys()].filter((k) => k.includes('kmalloc')).sort()).toEqual([
      '__SCK__tp_func_kmalloc',
      '__SCT__tp_func_kmalloc',
      '__kmalloc_noprof',
      '__traceiter_kmalloc',
      '__tracepoint_kmalloc',
    ]);
    const plain = one('U kmalloc');
    expect([plain.verdict, plain.labels, plain.link]).toEqual(['blocked', ['not exported'], '/symbols/kmalloc/']);
    expect(plain.notes[0]).toContain('No function or variable named kmalloc is exported in v6.19: kmalloc is the name of a tracepoint');
    const tp = one('U __tracepoint_kmalloc');
    expect([tp.verdict, tp.exportedBy, tp.link]).toEqual(['ok', { entity: 'tracepoint', name: 'kmalloc' }, '/symbols/kmalloc/']);
    expect(one('U __SCT__might_resched').verdict).toBe('ok');
    expect(one('U might_resched').verdict).toBe('blocked');
    expect(one('U __SCK__might_resched').verdict).toBe('blocked'); // the key of a trampoline-only export stays unexported
  });

  it('fails a symbol only another architecture exports, and passes it with --arch any', () => {
    const fpu = one('U __kernel_fpu_begin');
    expect([fpu.verdict, fpu.labels, fpu.arches]).toEqual(['blocked', ['not on x86', 'removed'], ['s390']]);
    expect(fpu.notes[0]).toBe('Exported in v6.19 only by architecture code for s390: a module built for x86 cannot link against it.');
    expect(one('U __kernel_fpu_begin', 's390').verdict).toBe('ok');
    expect(one('U __kernel_fpu_begin', null).labels).toContain('only s390');
    expect(one('U __x86_indirect_thunk_rax').verdict).toBe('ok');
    expect(one('U __x86_indirect_thunk_rax', 'arm64').verdict).toBe('blocked');
  });

  it('names the modules of EXPORT_SYMBOL_FOR_KVM in words and knows wrapped GPL exports', () => {
    const kvm = one('U kvm_helper');
    expect([kvm.verdict, kvm.restrictedTo]).toEqual(['blocked', 'KVM and its vendor modules (kvm-amd, kvm-intel)']);
    expect(kvm.notes.join(' ')).not.toMatch(/\$\{|\|/);
    const iwl = one('U iwl_fn');
    expect([iwl.gplOnly, iwl.importLine]).toEqual([true, 'MODULE_IMPORT_NS("IWLWIFI");']);
  });

  it('takes --arch on the command line, with uname -m names, and refuses an unknown one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-check-module-'));
    const snap = path.join(dir, 'v6.19.tsv');
    fs.writeFileSync(snap, LINKER_SNAPSHOT);
    try {
      const nm = '                 U __kernel_fpu_begin\n                 U __x86_indirect_thunk_rax\n';
      const onX86 = runProcess(['-', '--root', FIXTURE, '--snapshot', snap, '--format', 'json'], nm);
      expect([onX86.status, JSON.parse(onX86.stdout).arch, JSON.parse(onX86.stdout).blocked]).toEqual([1, 'x86', ['__kernel_fpu_begin']]);
      const onS390 = await run(['-', '--root', FIXTURE, '--snapshot', snap, '--arch', 's390x', '--format', 'json'], nm);
      expect([onS390.status, JSON.parse(onS390.stdout).arch, JSON.parse(onS390.stdout).blocked]).toEqual([
        1,
        's390',
        ['__x86_indirect_thunk_rax'],
      ]);
      const any = await run(['-', '--root', FIXTURE, '--snapshot', snap, '--arch', 'any'], nm);
      expect([any.status, any.stdout.split('\n')[0]]).toEqual([
        0,
        'check-module: 2 symbols from nm -u output, against v6.19 (every architecture)',
      ]);
      const bad = await run(['-', '--arch', 'vax'], nm);
      expect([bad.status, bad.stderr]).toEqual([
        2,
        'check-module: --arch: unknown architecture "vax" (give a kernel arch/ name such as x86, arm64, s390, riscv, or uname -m\'s x86_64, aarch64, ppc64le; or any)\n',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run check-module', () => {
  it('prints a verdict per symbol and what to add, and exits 1 when a symbol cannot be used', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-check-module-'));
    const file = path.join(dir, 'modpost.log');
    fs.writeFileSync(file, MODPOST_LOG);
    try {
      const r = await run([file, '--root', FIXTURE]);
      expect([r.status, r.stderr]).toEqual([1, '']);
      expect(r.stdout).toBe(
        [
          'check-module: 5 symbols from a modpost log, against v6.19 for x86',
          '(2 lines of the input named no symbol: skipped)',
          '',
          '! drm_a           GPL-only',
          '    GPL-only: the module needs a GPL-compatible MODULE_LICENSE.',
          '    /symbols/drm_a/',
          '! dma_buf_get     GPL-only, namespace DMA_BUF',
          '    GPL-only: the module needs a GPL-compatible MODULE_LICENSE.',
          '    In namespace DMA_BUF: add MODULE_IMPORT_NS("DMA_BUF");',
          '    /symbols/dma_buf_get/',
          '✗ locked_fn       restricted',
          '    Restricted to KVM and its vendor modules (kvm-intel) (EXPORT_SYMBOL_FOR_MODULES): no other module may use it, and its "module:" namespace cannot be imported.',
          '    /symbols/locked_fn/',
          '✗ removed_gone    not exported, removed',
          '    Not exported in v6.19: the export was removed. Nothing modular used it. Use type_ok instead.',
          '    /symbols/removed_gone/',
          '✗ no_such_symbol  not exported',
          '    Not exported in v6.19: no module can link against it. It may be a macro or inline function in a header, exported under another name, or defined by another out-of-tree module.',
          '',
          "Add to the module's source:",
          '  MODULE_IMPORT_NS("DMA_BUF");',
          '',
          'GPL-only (the module needs a GPL-compatible MODULE_LICENSE): drm_a, dma_buf_get',
          '',
          'Cannot be used by this module: locked_fn, removed_gone, no_such_symbol',
          '',
        ].join('\n'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads standard input, checks against an older snapshot, and answers in JSON', async () => {
    const r = await run(
      ['-', '--root', FIXTURE, '--snapshot', 'v6.12', '--format', 'json'],
      '                 U dma_buf_get\n                 U gone_stable\n',
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(Object.keys(json)).toEqual(['version', 'arch', 'input', 'symbols', 'imports', 'gplOnly', 'blocked', 'ignored']);
    expect([json.version, json.arch, json.input, json.imports, json.blocked]).toEqual([
      'v6.12',
      'x86',
      'nm -u output',
      ['MODULE_IMPORT_NS(DMA_BUF);'],
      [],
    ]);
    // gone_stable has a record, so a page, though only v6.12 exports it.
    expect(json.symbols[1]).toEqual({
      symbol: 'gone_stable',
      reported: [{ form: 'nm', line: 2 }],
      exported: true,
      verdict: 'ok',
      labels: ['exported'],
      types: ['EXPORT_SYMBOL'],
      gplOnly: false,
      record: { tier: 'stable', type: 'EXPORT_SYMBOL' },
      link: '/symbols/gone_stable/',
      notes: [],
    });
    // dma_buf_get has no record and v6.19 (the latest) exports it: it has a page.
    expect(json.symbols[0].link).toBe('/symbols/dma_buf_get/');
  });

  it.each([
    [['/nonexistent/modpost.log'], '', 'check-module: /nonexistent/modpost.log: no such file\n'],
    [[FIXTURE], '', `check-module: ${FIXTURE}: is a directory, not a file (the .ko, or nm -u output)\n`],
    [
      ['-'],
      'make: Entering directory\n\n',
      "check-module: no symbols in standard input: give the .ko, nm -u output, one symbol per line, or modpost's error lines\n",
    ],
    [['-', '--root', FIXTURE, '--snapshot', 'v5.4'], 'kmalloc\n', 'check-module: no release v5.4; held: v6.12, v6.19\n'],
    [['-', '--format', 'yaml'], 'kmalloc\n', 'check-module: --format must be text or json (got "yaml")\n'],
    [
      [],
      '',
      'check-module: expected 1 argument, got 0\nusage: npm run check-module -- <file | -> [--arch x86_64|arm64|…|any] [--snapshot v6.19 | FILE.tsv] [--format text|json] [--root DIR]\n',
    ],
  ])('exits 2 on %j', async (args, stdin, stderr) => {
    const r = await run(args, stdin);
    // The usage goes on with the input forms, limits and exit codes; the first lines say what is wrong.
    expect([r.status, r.stdout, r.stderr.slice(0, stderr.length)]).toEqual([2, '', stderr]);
  });
});
