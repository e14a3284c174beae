// npm run drift: records against a snapshot or a kernel tree, in the library and as a user runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import { computeDrift, recordAt, type DriftRecord } from '../../src/lib/drift/compare.ts';
import { formatDriftText } from '../../src/lib/drift/format.ts';
import { readDriftInput } from '../../src/lib/drift/input.ts';
import { loadDriftRecords } from '../../src/lib/drift/records.ts';
import { THREAD_PLACEHOLDER } from '../../src/lib/drift-scaffold.ts';
import { exportKind, pathSubsystem, primaryRow } from '../../src/lib/kernel/export-model.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/drift');
const SNAPSHOT = path.join(FIXTURE, 'content/snapshots/v6.19.tsv');
const MODERN = path.join(REPO_ROOT, 'tests/fixtures/kernel/modern');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-drift-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** npm run drift, run in this process (tests/helpers/in-process.ts). */
const drift = (...args: string[]) => runCli('drift.ts', args);

/** npm run drift as a real process: the exit code Node reports. */
function driftProcess(...args: string[]) {
  const r = spawnSync(NODE, [path.join(REPO_ROOT, 'scripts/drift.ts'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the fixture repository to write into. */
function copyFixture(): string {
  const root = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.cpSync(path.join(FIXTURE, 'content'), path.join(root, 'content'), { recursive: true });
  return root;
}

const exportsIn = (root: string) => fs.readdirSync(path.join(root, 'content/exports')).sort();

describe('what an export macro amounts to', () => {
  it.each([
    ['EXPORT_SYMBOL', '', 'EXPORT_SYMBOL', undefined],
    ['EXPORT_SYMBOL_GPL', '', 'EXPORT_SYMBOL_GPL', undefined],
    ['EXPORT_TRACEPOINT_SYMBOL_GPL', '', 'EXPORT_SYMBOL_GPL', undefined],
    ['EXPORT_SYMBOL_GPL', 'USB_STORAGE', 'EXPORT_SYMBOL_NS_GPL', 'USB_STORAGE'],
    ['EXPORT_SYMBOL_IF_KUNIT', 'EXPORTED_FOR_KUNIT_TESTING', 'EXPORT_SYMBOL_NS', 'EXPORTED_FOR_KUNIT_TESTING'],
    ['IWL_EXPORT_SYMBOL', 'IWLWIFI', 'EXPORT_SYMBOL_NS_GPL', 'IWLWIFI'],
    ['CGROUP_REF_EXPORT', '', 'EXPORT_SYMBOL_GPL', undefined],
    ['EXPORT_SYMBOL_FWTBL_LIB', 'ACPI|CXL', 'EXPORT_SYMBOL_NS_GPL', 'ACPI'],
    ['EXPORT_SYMBOL_FOR_MODULES', 'module:kvm,kvm-intel', 'EXPORT_SYMBOL_FOR_MODULES', 'kvm,kvm-intel'],
    ['EXPORT_SYMBOL_FOR_KVM', 'module:kvm,${KVM_SUB_MODULES}|module:kvm', 'EXPORT_SYMBOL_FOR_MODULES', 'kvm,${KVM_SUB_MODULES}'],
  ])('%s with namespace "%s" is %s', (macro, namespace, type, ns) => {
    const kind = exportKind({ macro, namespace });
    expect([kind.type, kind.namespace]).toEqual([type, ns]);
  });

  it('derives a subsystem from the path and prefers generic code over arch/', () => {
    expect(['drivers/gpu/drm/drm_a.c', 'mm/slub.c', 'arch/x86/kernel/fpu/core.c', 'Makefile.c'].map(pathSubsystem)).toEqual([
      'drivers/gpu',
      'mm',
      'arch/x86',
      '(top level)',
    ]);
    const rows = parseSnapshot(
      'symbol\tmacro\tnamespace\tfile\tline\nm\tEXPORT_SYMBOL\t\tarch/alpha/lib/m.S\t1\nm\tEXPORT_SYMBOL\t\tlib/m.c\t2\n',
    ).rows;
    expect(primaryRow(rows).file).toBe('lib/m.c');
  });
});

describe('drift in the library', () => {
  const snapshot = parseSnapshot(fs.readFileSync(SNAPSHOT, 'utf8'));
  const { records, unreadable } = loadDriftRecords(FIXTURE);
  const result = computeDrift(snapshot.rows, records, snapshot.version);

  it('reads the valid records and lists the broken one apart', () => {
    expect(records.map((r) => r.symbol).sort()).toEqual(
      [
        'arch_file',
        'arch_nofile',
        'arrives_later',
        'back_again',
        'gone_obsolete',
        'gone_stable',
        'iwl_wrapped',
        'later_gone',
        'mods_ok',
        'mods_wrong',
        'ns_wrong',
        'removed_gone',
        'type_ok',
        'type_wrong',
      ].sort(),
    );
    expect(unreadable).toEqual(['content/exports/broken.mdx']);
  });

  it('finds each kind of mismatch, and nothing where record and code agree', () => {
    expect(result.mismatches.map((m) => [m.kind, m.symbol])).toEqual([
      ['type', 'arch_nofile'],
      ['re-exported', 'back_again'],
      ['not-exported', 'gone_stable'],
      ['namespace', 'mods_wrong'],
      ['namespace', 'ns_wrong'],
      ['type', 'type_wrong'],
    ]);
    expect(result.counts).toEqual({ type: 2, namespace: 2, 'not-exported': 1, 're-exported': 1 });
  });

  it("says what differs, and which rows, preferring the rows in the record's file", () => {
    const by = (symbol: string) => result.mismatches.find((m) => m.symbol === symbol)!;
    expect(by('type_wrong').message).toBe('the record says EXPORT_SYMBOL_GPL; the code has EXPORT_SYMBOL');
    expect(by('type_wrong').rows.map((r) => [r.file, r.line, r.macro, r.type, r.agrees])).toEqual([
      ['lib/wrong.c', 3, 'EXPORT_SYMBOL', 'EXPORT_SYMBOL', false],
    ]);
    expect(by('arch_nofile').message).toBe(
      'the record says EXPORT_SYMBOL_GPL; the code has EXPORT_SYMBOL in 1 of 2 places; give the record a file: to compare the definition it is about',
    );
    expect(by('arch_nofile').rows.map((r) => [r.file, r.agrees])).toEqual([
      ['arch/alpha/kernel/process.c', false],
      ['arch/x86/kernel/process_64.c', true],
    ]);
    // arch_file names arch/x86/kernel/arch_file.c: alpha's plain export there is not compared.
    expect(result.mismatches.some((m) => m.symbol === 'arch_file')).toBe(false);
    expect(by('ns_wrong').message).toBe("the record's namespace is FOO; the code has BAR in drivers/bar/bar.c");
    expect(by('mods_wrong').message).toBe("the record's module list is vfio; the code has module:kvm");
    expect(by('gone_stable').message).toBe(
      'the record is stable (EXPORT_SYMBOL) but v6.19 does not export gone_stable: move it to obsolete or removed and say why in reason',
    );
    expect(by('back_again').message).toBe(
      "the record is removed (unexported) but v6.19 exports back_again again (not in kernel/old.c, the record's file), EXPORT_SYMBOL: record the new decision",
    );
  });

  it('accepts wrappers and namespace alternatives that amount to the recorded type', () => {
    // iwl_wrapped: IWL_EXPORT_SYMBOL is NS_GPL IWLWIFI; mods_ok: kvm is one alternative of EXPORT_SYMBOL_FOR_KVM.
    for (const ok of ['type_ok', 'arch_file', 'iwl_wrapped', 'mods_ok', 'gone_obsolete', 'removed_gone', 'arrives_later', 'later_gone']) {
      expect(
        result.mismatches.some((m) => m.symbol === ok),
        ok,
      ).toBe(false);
    }
  });

  it('counts exported symbols without a record per subsystem, most first', () => {
    expect(result.exportedSymbols).toBe(18);
    expect(result.undocumentedCount).toBe(8);
    expect(result.undocumented.map((s) => [s.subsystem, s.count, s.symbols.map((u) => u.symbol)])).toEqual([
      ['drivers/gpu', 3, ['drm_a', 'drm_b', 'host1x_x']],
      ['arch/parisc', 1, ['$$divI']],
      ['drivers/dma-buf', 1, ['dma_buf_get']],
      ['kernel/locking', 1, ['locked_fn']],
      ['mm', 1, ['kmalloc_fixture']],
      ['net/9p', 1, ['9p_fid_ref']],
    ]);
    expect(result.undocumented[3]!.symbols[0]).toEqual({
      symbol: 'locked_fn',
      type: 'EXPORT_SYMBOL_FOR_MODULES',
      namespace: 'kvm,kvm-intel',
      macro: 'EXPORT_SYMBOL_FOR_MODULES',
      file: 'kernel/locking/x.c',
      line: 8,
      places: 1,
    });
  });

  it("compares an older release with what the record's dated history says held then", () => {
    const old = parseSnapshot(fs.readFileSync(path.join(FIXTURE, 'content/snapshots/v6.12.tsv'), 'utf8'));
    const earlier = computeDrift(old.rows, records, old.version);
    // later_gone was removed in v6.15 and was EXPORT_SYMBOL from v6.1; arrives_later is exported since v6.15.
    expect(earlier.mismatches.filter((m) => m.symbol === 'later_gone').map((m) => [m.kind, m.message])).toEqual([
      ['type', 'its history says EXPORT_SYMBOL from v6.1; the code has EXPORT_SYMBOL_GPL'],
    ]);
    expect(earlier.mismatches.some((m) => m.symbol === 'arrives_later')).toBe(false);
    const record = records.find((r) => r.symbol === 'later_gone')!;
    expect([recordAt(record, 'v6.0'), recordAt(record, 'v6.12'), recordAt(record, 'v6.19')]).toEqual([
      undefined,
      { type: 'EXPORT_SYMBOL', status: 'stable', namespace: undefined, asOf: 'v6.1' },
      { type: 'unexported', status: 'removed', namespace: undefined },
    ]);
    expect(
      recordAt(
        records.find((r) => r.symbol === 'arrives_later')!,
        'v6.12',
      ),
    ).toBeUndefined();
  });

  it('reads a stable backport in history as part of its own line only (find_module: v5.12, and v5.10.220)', () => {
    const record: DriftRecord = {
      symbol: 'find_module',
      type: 'unexported',
      status: 'removed',
      source: 'content/exports/find_module.mdx',
      history: [
        { version: 'v5.12', type: 'unexported', status: 'removed' },
        { version: 'v5.10.220', type: 'unexported', status: 'removed' },
      ],
    };
    const removed = { type: 'unexported', status: 'removed', namespace: undefined, asOf: 'v5.12' };
    // v5.11 and v5.10.89 are not built on either removal: the record says nothing about them.
    expect([recordAt(record, 'v5.10.89'), recordAt(record, 'v5.11')]).toEqual([undefined, undefined]);
    expect(recordAt(record, 'v5.10.220')).toEqual({ ...removed, asOf: 'v5.10.220' });
    expect([recordAt(record, 'v5.12.9'), recordAt(record, 'v6.1.158')]).toEqual([removed, removed]);
  });

  it("compares only the rows built for the record's arches (s390's __kernel_fpu_begin is not x86's)", () => {
    const rows = [{ symbol: '__kernel_fpu_begin', macro: 'EXPORT_SYMBOL', namespace: '', file: 'arch/s390/kernel/fpu.c', line: 61 }];
    const record: DriftRecord = {
      symbol: '__kernel_fpu_begin',
      type: 'unexported',
      status: 'removed',
      source: 'content/exports/__kernel_fpu_begin.mdx',
    };
    expect(computeDrift(rows, [{ ...record, arches: ['x86'] }], 'v6.19').mismatches).toEqual([]);
    expect(computeDrift(rows, [record], 'v6.19').mismatches.map((m) => m.kind)).toEqual(['re-exported']);
  });

  it('lists the top subsystems in text and says how to see the rest', () => {
    const many: DriftRecord[] = [];
    const rows = Array.from({ length: 25 }, (_, i) => ({
      symbol: `s${i}`,
      macro: 'EXPORT_SYMBOL',
      namespace: '',
      file: `drivers/d${String(i).padStart(2, '0')}/x.c`,
      line: 1,
    }));
    const text = formatDriftText({
      ...computeDrift(rows, many, 'v6.19'),
      input: { kind: 'snapshot', path: 'x.tsv', version: 'v6.19', rows: 25 },
      records: 0,
      unreadable: [],
    });
    expect(text).toContain('Exported without a record: 25 symbols in 25 subsystems\n  drivers/d00       1\n');
    expect(text).toContain('  … 5 more subsystems; --all lists every subsystem and symbol\n');
    expect(text.endsWith('No mismatches; 25 exported symbols without a record.\n')).toBe(true);
  });
});

describe('npm run drift', () => {
  it('prints the report grouped by kind, with counts, and exits 0 without --strict', async () => {
    const r = await drift(SNAPSHOT, '--root', FIXTURE);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`drift: 14 records against v6.19 (snapshot ${SNAPSHOT}: 20 exports of 18 symbols)\n`);
    expect(r.stdout).toContain('Skipped 1 record with problems (npm run validate says what): content/exports/broken.mdx\n');
    expect(r.stdout).toContain(
      'Export type differs (2)\n  arch_nofile (content/exports/arch_nofile.mdx): the record says EXPORT_SYMBOL_GPL; the code has EXPORT_SYMBOL in 1 of 2 places; give the record a file: to compare the definition it is about\n      ≠ arch/alpha/kernel/process.c:10  EXPORT_SYMBOL\n        arch/x86/kernel/process_64.c:30  EXPORT_SYMBOL_GPL\n',
    );
    expect(r.stdout).toContain('Namespace differs (2)\n');
    expect(r.stdout).toContain('No longer exported, but the record is testing or stable (1)\n');
    expect(r.stdout).toContain('Removed, but exported again (1)\n');
    expect(r.stdout).toContain(
      'Exported without a record: 8 symbols in 6 subsystems\n  drivers/gpu           3\n  arch/parisc           1\n',
    );
    expect(r.stdout).toContain('  --all lists the symbols\n');
    expect(r.stdout).not.toContain('drm_a');
    expect(
      r.stdout.endsWith('\n6 mismatches (2 type, 2 namespace, 1 not-exported, 1 re-exported); 8 exported symbols without a record.\n'),
    ).toBe(true);
  });

  it("lists every symbol without a record with --all, and only a subsystem's with --subsystem", async () => {
    const all = (await drift(SNAPSHOT, '--root', FIXTURE, '--all')).stdout;
    expect(all).toContain(
      '  drivers/gpu           3\n      drm_a     EXPORT_SYMBOL_GPL  drivers/gpu/drm/drm_a.c:5\n      drm_b     EXPORT_SYMBOL  drivers/gpu/drm/drm_a.c:9\n      host1x_x  EXPORT_SYMBOL_NS_GPL HOST1X  drivers/gpu/host1x/x.c:3\n',
    );
    expect(all).toContain('      9p_fid_ref  EXPORT_SYMBOL (EXPORT_TRACEPOINT_SYMBOL)  net/9p/client.c:773\n');
    const drivers = (await drift(SNAPSHOT, '--root', FIXTURE, '--subsystem', 'drivers')).stdout;
    expect(drivers).toContain(
      'Exported without a record: 4 symbols in 2 subsystems\n  drivers/gpu           3\n  drivers/dma-buf       1\n',
    );
  });

  it('exits 1 with --strict when a record disagrees, and 0 when only records are missing', async () => {
    expect(driftProcess(SNAPSHOT, '--root', FIXTURE, '--strict').status).toBe(1);
    const root = copyFixture();
    for (const f of ['arch_nofile', 'back_again', 'gone_stable', 'mods_wrong', 'ns_wrong', 'type_wrong'])
      fs.rmSync(path.join(root, `content/exports/${f}.mdx`));
    const clean = await drift(SNAPSHOT, '--root', root, '--strict');
    expect(clean.status).toBe(0);
    expect(clean.stdout).toContain('\nNo mismatches; 13 exported symbols without a record.\n');
  });

  it('gives the same report as JSON, listing symbols only with --all', async () => {
    const json = JSON.parse((await drift(SNAPSHOT, '--root', FIXTURE, '--format', 'json')).stdout);
    expect(Object.keys(json)).toEqual(['input', 'records', 'unreadable', 'exportedSymbols', 'counts', 'mismatches', 'undocumented']);
    expect(json.input).toEqual({ kind: 'snapshot', path: SNAPSHOT, version: 'v6.19', rows: 20 });
    expect(json.counts).toEqual({ type: 2, namespace: 2, 'not-exported': 1, 're-exported': 1 });
    expect(json.mismatches[5]).toEqual({
      kind: 'type',
      symbol: 'type_wrong',
      record: 'content/exports/type_wrong.mdx',
      recorded: { type: 'EXPORT_SYMBOL_GPL', status: 'stable' },
      message: 'the record says EXPORT_SYMBOL_GPL; the code has EXPORT_SYMBOL',
      rows: [
        { symbol: 'type_wrong', macro: 'EXPORT_SYMBOL', namespace: '', file: 'lib/wrong.c', line: 3, type: 'EXPORT_SYMBOL', agrees: false },
      ],
    });
    expect(json.undocumented.count).toBe(8);
    expect(json.undocumented.subsystems[0]).toEqual({ subsystem: 'drivers/gpu', count: 3 });
    const all = JSON.parse((await drift(SNAPSHOT, '--root', FIXTURE, '--format', 'json', '--all')).stdout);
    expect(all.undocumented.subsystems[0].symbols.map((s: { symbol: string }) => s.symbol)).toEqual(['drm_a', 'drm_b', 'host1x_x']);
  });

  it('scans a kernel tree given as a directory', async () => {
    const root = fs.mkdtempSync(path.join(tmp, 'tree-records-'));
    fs.mkdirSync(path.join(root, 'content/exports'), { recursive: true });
    const record = (symbol: string, type: string, ns: string) =>
      `---\nsymbol: ${symbol}\nsummary: Test.\ntype: ${type}\nnamespace: ${ns}\nstatus: stable\nsubsystem: misc\ndate: 2024-01-02\nthreads:\n  - t@example.invalid\n---\n`;
    fs.writeFileSync(path.join(root, 'content/exports/iwl_util_fn.mdx'), record('iwl_util_fn', 'EXPORT_SYMBOL_NS_GPL', 'IWLWIFI'));
    fs.writeFileSync(path.join(root, 'content/exports/ns_string.mdx'), record('ns_string', 'EXPORT_SYMBOL_NS_GPL', 'WRONG'));
    expect((await readDriftInput(MODERN)).kind).toBe('tree');
    const r = await drift(MODERN, '--root', root, '--format', 'json');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect([json.input.kind, json.input.version]).toEqual(['tree', 'v6.19']);
    expect(json.mismatches.map((m: { kind: string; symbol: string; message: string }) => [m.kind, m.symbol, m.message])).toEqual([
      ['namespace', 'ns_string', "the record's namespace is WRONG; the code has TRAPS"],
    ]);
  });

  it.each([
    [[path.join(tmp, 'missing')], `drift: ${path.join(tmp, 'missing')}: no such file or directory\n`],
    [
      [path.join(MODERN, 'Makefile')],
      `drift: ${path.join(MODERN, 'Makefile')}: expected a kernel tree (a directory) or a snapshot (a .tsv file)\n`,
    ],
    [[path.join(MODERN, 'drivers')], `drift: ${path.join(MODERN, 'drivers')}: no top-level Makefile, so not a kernel tree\n`],
    [[SNAPSHOT, '--format', 'xml'], 'drift: --format must be text or json (got "xml")\n'],
    [[SNAPSHOT, '--limit', '3'], 'drift: --limit only applies to --write\n'],
    [
      [SNAPSHOT, '--root', FIXTURE, '--write'],
      'drift: --write would write 8 records: pass --limit N to write the first N listed, or --all to write every one\n',
    ],
  ])('exits 2 on %j', async (args, stderr) => {
    const r = await drift(...args);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });

  it('says which line of a bad snapshot is wrong', async () => {
    const bad = path.join(tmp, 'bad.tsv');
    fs.writeFileSync(bad, 'symbol\tmacro\tnamespace\tfile\tline\nfoo\tEXPORT_SYMBOL\t\tlib/foo.c\n');
    expect(await drift(bad)).toEqual({ status: 2, stdout: '', stderr: `drift: ${bad}:2: expected 5 tab-separated columns, got 4\n` });
  });
});

describe('npm run drift -- --release', () => {
  /** The fixture repository with a history store made from its two snapshots by `npm run history -- add`, once. */
  let stored = '';
  beforeAll(async () => {
    stored = copyFixture();
    for (const release of ['v6.12', 'v6.19']) {
      const snapshot = path.join(FIXTURE, `content/snapshots/${release}.tsv`);
      const r = await runCli('history.ts', ['add', snapshot, '--store', path.join(stored, 'content/history')]);
      expect(r.status, r.stderr).toBe(0);
    }
  });
  /** A copy of it to write into. */
  function withStore(): string {
    const root = fs.mkdtempSync(path.join(tmp, 'repo-'));
    fs.cpSync(stored, root, { recursive: true });
    return root;
  }

  it("compares with the store's newest release exactly as with its snapshot", async () => {
    const root = withStore();
    const fromStore = await drift('--release', 'v6.19', '--root', root);
    const fromSnapshot = await drift(SNAPSHOT, '--root', root);
    expect(fromStore.status).toBe(0);
    expect(fromStore.stdout.split('\n')[0]).toBe(
      'drift: 14 records against v6.19 (history store content/history: 20 exports of 18 symbols)',
    );
    expect(fromStore.stdout.split('\n').slice(1)).toEqual(fromSnapshot.stdout.split('\n').slice(1));
  });

  it('compares an older release with what dated history and since say held then, never with undated current fields', async () => {
    const root = withStore();
    const json = JSON.parse((await drift('--release', 'v6.12', '--root', root, '--format', 'json')).stdout);
    expect(json.input).toEqual({ kind: 'release', path: 'content/history', version: 'v6.12', rows: 3 });
    // The v6.12 snapshot given as a file is read with the current fields (records not yet exported then
    // are "not exported"); the store's older release is not.
    expect(json.mismatches.map((m: { kind: string; symbol: string }) => [m.kind, m.symbol])).toEqual([['type', 'later_gone']]);
  });

  it.each([
    [
      ['--release', 'v6.1'],
      'drift: --release v6.1: the history store holds no such release (2 releases, v6.12 to v6.19: npm run history -- list)\n',
    ],
    [
      ['--release', 'v6.19.3'],
      'drift: --release v6.19.3: the history store holds no such release (2 releases, v6.12 to v6.19: npm run history -- list); of the 6.19 line it holds v6.19\n',
    ],
    [
      ['--release', 'v6.19', SNAPSHOT],
      'drift: give one input: a kernel tree, a snapshot (.tsv), or --release with a release of the history store\n',
    ],
    [[], 'drift: give one input: a kernel tree, a snapshot (.tsv), or --release with a release of the history store\n'],
  ])('exits 2 on %j', async (args, stderr) => {
    const r = await drift(...args, '--root', withStore());
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });

  it('exits 2 naming file and line when the store is malformed', async () => {
    const root = withStore();
    const releases = path.join(root, 'content/history/releases.tsv');
    fs.writeFileSync(releases, fs.readFileSync(releases, 'utf8').replace('v6.12\t6.12', 'v6.12\t6.1'));
    const r = await drift('--release', 'v6.19', '--root', root);
    expect([r.status, r.stderr]).toEqual([2, 'drift: content/history/releases.tsv:2: line: must be 6.12 for v6.12 (got "6.1")\n']);
  });
});

describe('npm run drift -- --write', () => {
  it('writes testing records filled from the code, never replacing a file, up to --limit', async () => {
    const root = copyFixture();
    // A broken file for drm_a: drift cannot read it, so drm_a counts as undocumented, but it stays.
    fs.writeFileSync(path.join(root, 'content/exports/drm_a.mdx'), 'junk\n');
    const before = exportsIn(root);
    const r = await drift(SNAPSHOT, '--root', root, '--write', '--limit', '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      [
        'Wrote 3 records (status testing, facts from the code):',
        '  content/exports/drm_b.mdx',
        '  content/exports/host1x_x.mdx',
        '  content/exports/dma_buf_get.mdx',
        `3 records have the thread placeholder ${THREAD_PLACEHOLDER}: npm run validate (and the build) refuse them until each names the message where its export was decided; pass --thread to give one.`,
        'Skipped 2 symbols:',
        '  drm_a: content/exports/drm_a.mdx (or a name differing only in case) already exists',
        '  $$divI: not a C identifier, so it cannot be a record file name',
        'Not written (--limit): 3 more symbols.',
      ].join('\n'),
    );
    expect(exportsIn(root)).toEqual([...before, 'dma_buf_get.mdx', 'drm_b.mdx', 'host1x_x.mdx'].sort());
    expect(fs.readFileSync(path.join(root, 'content/exports/drm_a.mdx'), 'utf8')).toBe('junk\n');
    // Nothing was written into the fixture itself.
    expect(exportsIn(FIXTURE)).not.toContain('drm_b.mdx');

    const text = fs.readFileSync(path.join(root, 'content/exports/host1x_x.mdx'), 'utf8');
    expect(text.split('---\n')[1]).toBe(
      `symbol: host1x_x\nsummary: Exported with EXPORT_SYMBOL_NS_GPL in drivers/gpu/host1x/x.c; the decision behind the export is not described yet.\ntype: EXPORT_SYMBOL_NS_GPL\nnamespace: HOST1X\nstatus: testing\nsubsystem: drivers/gpu\nfile: drivers/gpu/host1x/x.c\ndate: ${new Date().toISOString().slice(0, 10)}\nthreads:\n  - ${THREAD_PLACEHOLDER}\n`,
    );
    expect(text).toContain('## What was decided\n');
    // The placeholder is the one thing the validator refuses.
    const problems = parseRecordFile('content/exports/host1x_x.mdx', Buffer.from(text), sitePaths('/')).problems;
    expect(problems.map((p) => p.rule)).toEqual(['thread-message-id']);

    // A second run skips what exists and writes the rest.
    const again = await drift(SNAPSHOT, '--root', root, '--write', '--all');
    expect(again.stdout).toContain(
      'Wrote 2 records (status testing, facts from the code):\n  content/exports/locked_fn.mdx\n  content/exports/kmalloc_fixture.mdx\n',
    );
    expect(again.stdout).toContain('  drm_b: content/exports/drm_b.mdx (or a name differing only in case) already exists\n');
  });

  it('writes valid records when given the thread, and reports them as JSON', async () => {
    const root = copyFixture();
    const r = await drift(
      SNAPSHOT,
      '--root',
      root,
      '--write',
      '--all',
      '--subsystem',
      'kernel',
      '--thread',
      'https://lore.kernel.org/all/locked-fn@example.invalid/',
      '--format',
      'json',
    );
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.written).toEqual({
      written: [{ symbol: 'locked_fn', file: 'content/exports/locked_fn.mdx', valid: true }],
      skipped: [],
      notAttempted: 0,
    });
    const text = fs.readFileSync(path.join(root, 'content/exports/locked_fn.mdx'));
    expect(parseRecordFile('content/exports/locked_fn.mdx', text, sitePaths('/')).problems).toEqual([]);
    expect(text.toString()).toContain("type: EXPORT_SYMBOL_FOR_MODULES\nnamespace: 'kvm,kvm-intel'\n");
    expect(text.toString()).toContain("threads:\n  - 'https://lore.kernel.org/r/locked-fn@example.invalid'\n");
  });
});
