// The scan and import-symvers scripts as a user runs them (with the repository's Node, which strips types).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import { sampleFiles } from '../../src/lib/kernel/bench.ts';
import { snapshotKernelVersion } from '../../src/lib/kernel/makefile-version.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { writeSyntheticTree } from '../../src/lib/kernel/synthetic-tree.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';

const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const USAGE =
  'usage: npm run scan -- <kernel-tree> [--format tsv|json] [--out FILE] [--snapshot [--force]] [--workers N] [--source github:owner/repo] [--commit SHA]';
const MODERN = path.join(REPO_ROOT, 'tests/fixtures/kernel/modern');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ked-scan-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The script as a real process: for --help and the checks that must not hang (a FIFO is never read). */
function spawn(script: string, ...args: string[]) {
  const r = spawnSync(NODE, [path.join(REPO_ROOT, 'scripts', script), ...args], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The script's code in this process (tests/helpers/in-process.ts). */
const run = (script: string, ...args: string[]) => runCli(script, args);

describe('npm run scan', () => {
  it('prints the snapshot TSV, with unresolved uses and a summary on stderr', async () => {
    const r = await run('scan.ts', MODERN);
    expect(r.status).toBe(0);
    expect(parseSnapshot(r.stdout).version).toBe('v6.19');
    expect(parseSnapshot(r.stdout).rows).toHaveLength(70);
    expect(r.stderr).toContain(
      'scan: unresolved: kernel/cgroup/cgroup-internal.h:2: token-paste-in-define: CGROUP_REF_EXPORT(cgroup_##x) (#define CGROUP_REF_PASTE(x))\n',
    );
    expect(r.stderr).toContain('scan: 70 exports of 68 symbols in 23 files (kernel 6.19.0); 9 unresolved');
  });

  it('gives rows, unresolved uses and the version as JSON', async () => {
    const json = JSON.parse((await run('scan.ts', MODERN, '--format', 'json')).stdout);
    expect(Object.keys(json)).toEqual(['version', 'kernelVersion', 'source', 'rows', 'unresolved']);
    expect([json.version, json.kernelVersion, json.rows.length, json.unresolved.length]).toEqual(['v6.19', '6.19.0', 70, 9]);
    expect(json.rows[0]).toEqual({
      symbol: 'alpha_mv',
      macro: 'EXPORT_SYMBOL',
      namespace: '',
      file: 'arch/alpha/kernel/sys_fixture.c',
      line: 7,
    });
  });

  it('scans the same with worker threads and writes --out', async () => {
    // Big enough for a worker to load its code and take jobs before this thread has done them all.
    const tree = path.join(tmp, 'big-tree');
    const data = loadSnapshots(REPO_ROOT).find((s) => s.version === 'v6.19')!;
    writeSyntheticTree(tree, {
      rows: sampleFiles(data.rows, 0.1),
      kernelVersion: snapshotKernelVersion(data.source)!,
      fillerFiles: 10_000,
      meanFillerBytes: 1500,
    });
    const out = path.join(tmp, 'workers.tsv');
    const r = await run('scan.ts', tree, '--workers', '1', '--out', out);
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toMatch(/\(\d+ of \d+ jobs on worker threads\)/);
    const alone = await run('scan.ts', tree, '--workers', '0');
    expect(alone.stderr).not.toContain('worker threads');
    expect(readFileSync(out, 'utf8')).toBe(alone.stdout);
  });

  it('writes content/snapshots/<release>.tsv, and only overwrites it with --force', async () => {
    const root = mkdtempSync(path.join(tmp, 'repo-'));
    const target = path.join(root, 'content/snapshots/v6.19.tsv');
    expect((await run('scan.ts', MODERN, '--snapshot', '--root', root)).status).toBe(0);
    expect(parseSnapshot(readFileSync(target, 'utf8')).rows).toHaveLength(70);

    writeFileSync(target, 'edited by hand\n');
    const refused = await run('scan.ts', MODERN, '--snapshot', '--root', root);
    expect([refused.status, refused.stderr]).toEqual([1, `scan: ${target} already exists; pass --force to overwrite it\n`]);
    expect(readFileSync(target, 'utf8')).toBe('edited by hand\n');

    expect((await run('scan.ts', MODERN, '--snapshot', '--force', '--root', root)).status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe((await run('scan.ts', MODERN)).stdout);
  });

  it('writes <release>.unresolved.tsv beside the snapshot, and names --source and --commit in the first line', async () => {
    const root = mkdtempSync(path.join(tmp, 'repo-'));
    const commit = '094d869456d2bb93023e0ef9bf84a0758cbe8085';
    const r = await run('scan.ts', MODERN, '--snapshot', '--root', root, '--source', 'github:owner/linux', '--commit', commit);
    expect(r.status).toBe(0);
    const snapshot = readFileSync(path.join(root, 'content/snapshots/v6.19.tsv'), 'utf8');
    expect(snapshot.split('\n')[0]).toBe(
      `# source: github:owner/linux | commit: ${commit} | kernel version: 6.19.0 (VERSION=6 PATCHLEVEL=19 SUBLEVEL=0 EXTRAVERSION=) | extracted by npm run scan`,
    );
    const unresolved = readFileSync(path.join(root, 'content/snapshots/v6.19.unresolved.tsv'), 'utf8').split('\n');
    expect(unresolved.slice(0, 3)).toEqual([
      '# unresolved export-macro uses in v6.19.0 (owner/linux), as npm run scan reported them',
      'file\tline\treason\ttext',
      'arch/sparc/lib/U1memcpy.S\t9\tsymbol-is-overridable-macro\tEXPORT_SYMBOL(FUNC_NAME) (#ifndef FUNC_NAME / #define FUNC_NAME memcpy at line 3: files including this one may export other names)',
    ]);
    expect(unresolved).toHaveLength(2 + 9 + 1);
  });

  it('prints its usage with --help', () => {
    const r = spawn('scan.ts', '--help');
    expect([r.status, r.stdout.split('\n')[0], r.stderr]).toEqual([0, USAGE, '']);
    expect(r.stdout).toContain('--snapshot');
  });

  it('caps --workers at the cores', async () => {
    const r = await run('scan.ts', MODERN, '--workers', '1000');
    expect(r.status).toBe(0);
    expect(parseSnapshot(r.stdout).rows).toHaveLength(70);
  });

  it.each([
    [[path.join(tmp, 'missing')], `scan: ${path.join(tmp, 'missing')}: no such file or directory\n`],
    [[path.join(MODERN, 'Makefile')], `scan: ${path.join(MODERN, 'Makefile')}: not a directory\n`],
    [[path.join(MODERN, 'drivers')], `scan: ${path.join(MODERN, 'drivers')}: no top-level Makefile, so not a kernel tree\n`],
    [[], expect.stringMatching(new RegExp(`^scan: expected 1 argument, got 0\n${RegExp.escape(USAGE)}\n`))],
    [[MODERN, '--format', 'xml'], 'scan: --format must be tsv or json (got "xml")\n'],
  ])('exits 2 on %j', async (args, stderr) => {
    const r = await run('scan.ts', ...args);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', stderr]);
  });
});

describe('npm run scan on hostile input', () => {
  /** A copy of the modern fixture tree with `edit` applied. */
  function treeWith(edit: (root: string) => void): string {
    const root = mkdtempSync(path.join(tmp, 'hostile-'));
    execFileSync('cp', ['-r', `${MODERN}/.`, root]);
    edit(root);
    return root;
  }
  const fifo = (file: string) => (rmSync(file, { force: true, recursive: true }), execFileSync('mkfifo', [file]));
  const dir = (file: string) => (rmSync(file, { force: true, recursive: true }), mkdirSync(file, { recursive: true }));

  it('refuses a Makefile version that is no kernel version, writing nothing', async () => {
    const root = mkdtempSync(path.join(tmp, 'repo-'));
    const tree = treeWith((t) =>
      writeFileSync(path.join(t, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 19/../../../ESCAPED\nSUBLEVEL = 0\nEXTRAVERSION =\n'),
    );
    const r = await run('scan.ts', tree, '--snapshot', '--root', root);
    expect([r.status, r.stdout, r.stderr]).toEqual([
      2,
      '',
      `scan: ${path.join(tree, 'Makefile')}: "6.19/../../../ESCAPED.0" is not a kernel version (VERSION.PATCHLEVEL.SUBLEVEL numbers, EXTRAVERSION such as -rc1)\n`,
    ]);
    expect(existsSync(path.join(root, 'content'))).toBe(false);
    expect(existsSync(path.join(tmp, 'ESCAPED.tsv'))).toBe(false);
    const extra = treeWith((t) =>
      writeFileSync(path.join(t, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 19\nSUBLEVEL = 0\nEXTRAVERSION = -rc1/../../x\n'),
    );
    expect((await run('scan.ts', extra, '--snapshot', '--root', root)).status).toBe(2);
  });

  it.each([
    ['a FIFO as the Makefile', 'Makefile', fifo, 'not a regular file (a FIFO, socket or device), expected a regular file'],
    ['a directory as the Makefile', 'Makefile', dir, 'a directory, expected a regular file'],
    ['a FIFO as .git', '.git', fifo, 'not a regular file or directory (a FIFO, socket or device)'],
    [
      'a FIFO as .git/HEAD',
      '.git/HEAD',
      (f: string) => (mkdirSync(path.dirname(f), { recursive: true }), fifo(f)),
      'not a regular file (a FIFO, socket or device), expected a regular file',
    ],
    ['a directory as .git/HEAD', '.git/HEAD', dir, 'a directory, expected a regular file'],
  ])('exits 2 on %s, naming it, without hanging', (_what, file, make, message) => {
    const tree = treeWith((t) => make(path.join(t, file)));
    const r = spawn('scan.ts', tree);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `scan: ${path.join(tree, file)}: ${message}\n`]);
  });

  it('skips a FIFO named Makefile below the top, without hanging', () => {
    const tree = treeWith((t) => fifo(path.join(t, 'drivers/usb/storage/Makefile')));
    const r = spawn('scan.ts', tree);
    expect(r.status).toBe(0);
    expect(parseSnapshot(r.stdout).rows.find((row) => row.symbol === 'usb_stor_fn')?.namespace).toBe('');
  });

  it.each([
    ['a directory', dir, 'a directory, expected a file to write'],
    ['a FIFO', fifo, 'not a regular file (a FIFO, socket or device)'],
  ])('exits 2 on %s as --out', (_what, make, message) => {
    const out = path.join(mkdtempSync(path.join(tmp, 'out-')), 'out.tsv');
    make(out);
    const r = spawn('scan.ts', MODERN, '--out', out);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', `scan: --out ${out}: ${message}\n`]);
  });

  it('exits 2 on an --out in a missing directory', async () => {
    const out = path.join(tmp, 'no-such-dir', 'out.tsv');
    const r = await run('scan.ts', MODERN, '--out', out);
    expect([r.status, r.stderr]).toEqual([2, `scan: --out ${out}: no such directory ${path.dirname(out)}\n`]);
  });

  it('exits 2 on an unknown flag, without a stack trace', async () => {
    const r = await run('scan.ts', MODERN, '--bogus');
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('    at ');
  });
});

describe('npm run import-symvers', () => {
  const symvers = path.join(tmp, 'Module.symvers');
  writeFileSync(
    symvers,
    '0x1\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n0x2\tusb_fn\tdrivers/usb/storage/usb-storage\tEXPORT_SYMBOL_GPL\tUSB_STORAGE\n',
  );

  it('prints snapshot rows', async () => {
    const r = await run('import-symvers.ts', symvers);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(1).join('\n')).toBe(
      'symbol\tmacro\tnamespace\tfile\tline\nusb_fn\tEXPORT_SYMBOL_GPL\tUSB_STORAGE\tdrivers/usb/storage/usb-storage\t2\nprintk\tEXPORT_SYMBOL\t\tvmlinux\t1\n',
    );
    expect(r.stderr).toBe('import-symvers: 2 exports (1 in vmlinux)\n');
  });

  it('gives JSON with --format json', async () => {
    expect(JSON.parse((await run('import-symvers.ts', symvers, '--format', 'json')).stdout).rows[1]).toEqual({
      symbol: 'usb_fn',
      macro: 'EXPORT_SYMBOL_GPL',
      namespace: 'USB_STORAGE',
      file: 'drivers/usb/storage/usb-storage',
      line: 2,
    });
  });

  it('exits 1 with file:line on a malformed line and 2 on a missing file', async () => {
    const bad = path.join(tmp, 'bad.symvers');
    writeFileSync(bad, '0x1\tprintk\tvmlinux\tEXPORT_SYMBOL\t\n0x2\tbroken\n');
    expect(await run('import-symvers.ts', bad)).toEqual({
      status: 1,
      stdout: '',
      stderr: `import-symvers: ${bad}:2: expected 4 or 5 tab-separated columns (CRC, symbol, module, export type, namespace), got 2\n`,
    });
    expect((await run('import-symvers.ts', path.join(tmp, 'none'))).status).toBe(2);
  });
});

describe('npm run bench:scan', () => {
  it('times the scanner and git grep on a tree given by path, reading nothing else', () => {
    const r = spawn('bench-scan.ts', MODERN, '--runs', '1');
    // A tiny tree is grep's ground (Node starts in about 0.3 s): either verdict is a normal exit.
    expect([0, 1]).toContain(r.status);
    expect(r.stdout).toMatch(
      /^tree: .*\nmachine: .*\ngit grep: best \d+\.\d\d s of .*\nscan: {5}best \d+\.\d\d s of .*\nrows: 70\ntarget \(scan no slower than git grep\): (met|NOT met)/,
    );
  });
});
