// npm run history as a user runs it (with the repository's Node, which strips types).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import { listStoreFiles } from '../../src/lib/history/store-io.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { FIXTURES } from './helpers.ts';

const NODE = path.join(REPO_ROOT, 'node_modules/.bin/node');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-history-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** npm run history, run in this process (tests/helpers/in-process.ts). */
const history = (...args: string[]) => runCli('history.ts', args);

/** npm run history as a real process (its --help: the process-level contract). */
function historyProcess(...args: string[]) {
  const r = spawnSync(NODE, [path.join(REPO_ROOT, 'scripts/history.ts'), ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const fx = (name: string) => path.join(FIXTURES, name);

/** Every store file with its bytes and modification time, to show that nothing was written. */
function contents(store: string): Record<string, string> {
  return Object.fromEntries(
    listStoreFiles(store).map((f) => [f, `${fs.statSync(path.join(store, f)).mtimeMs} ${fs.readFileSync(path.join(store, f), 'utf8')}`]),
  );
}

describe('npm run history', () => {
  it('adds releases, lists them, and changes nothing when the same input comes again', async () => {
    const store = path.join(tmp, 'store');
    for (const release of ['v4.12', 'v4.9', 'v4.10']) {
      const r = await history('add', fx(`${release}.tsv`), '--store', store);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`^history: added ${release.replace(/\./g, '\\.')} \\(\\d+ rows, from a snapshot\\): wrote \\d+ files, removed 0; `),
      );
    }
    const before = contents(store);
    const again = await history('add', fx('v4.10.tsv'), '--store', store);
    expect([again.status, again.stderr]).toEqual([
      0,
      expect.stringMatching(
        /^history: replaced v4\.10 \(4 rows, from a snapshot\): no file changed; 3 releases, 10 intervals, \d+\.\d KB in 11 files; /,
      ),
    ]);
    expect(contents(store)).toEqual(before);

    const list = await history('list', '--store', store);
    expect(list.status).toBe(0);
    expect(list.stdout).toBe(
      'v4.9\t5 rows\tdate unknown\tgithub:example/linux-4.9 @ 111111111111\n' +
        'v4.10\t4 rows\tdate unknown\tgithub:example/linux-4.10 @ 222222222222\n' +
        'v4.12\t6 rows\tdate unknown\tgithub:example/linux-4.12 @ 444444444444\n',
    );
    expect(list.stderr).toMatch(/^history: 3 releases, 10 intervals, \d+\.\d KB in 11 files\n$/);
  });

  it.each([
    ['bad-line.tsv', [], 'bad-line.tsv:4: line must be a positive integer (got "ten")'],
    ['bad-path.tsv', [], 'bad-path.tsv:5: file: must be a relative source path (got "../mm/foo.c")'],
    ['bad.symvers', ['--release', 'v4.13'], 'bad.symvers:2: column 4 must be the export type (EXPORT_…), got "GPL_ONLY"'],
    ['Module.symvers', [], 'Module.symvers: a Module.symvers names no kernel version; pass --release (e.g. --release v6.1.20)'],
    ['v4.9.tsv', ['--release', 'v4.10'], 'v4.9.tsv:1: the snapshot is v4.9, not --release v4.10'],
  ])('refuses %s with file:line, exit 2, and writes nothing', async (name, extra, message) => {
    const store = path.join(tmp, `refused-${name}`);
    expect((await history('add', fx('v4.9.tsv'), '--store', store)).status).toBe(0);
    const before = contents(store);
    const r = await history('add', fx(name), ...extra, '--store', store);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`history: ${fx(message.split(':')[0]!)}${message.slice(message.indexOf(':'))}\n`);
    expect(contents(store)).toEqual(before);
    expect(fs.readdirSync(store, { recursive: true }).filter((f) => String(f).includes('.tmp-'))).toEqual([]);
  });

  it('refuses a tree whose kernel version it cannot order', async () => {
    const tree = path.join(tmp, 'custom-tree');
    fs.mkdirSync(tree);
    fs.writeFileSync(path.join(tree, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 8\nSUBLEVEL = 0\nEXTRAVERSION = -custom\n');
    const r = await history('add', tree, '--store', path.join(tmp, 'custom'));
    expect([r.status, r.stderr]).toEqual([
      2,
      `history: ${tree}/Makefile: kernel version v6.8-custom is not a release name the store can order (v6.19, v6.1.158, v6.13-rc1)\n`,
    ]);
  });

  it('adds a Module.symvers under the release given', async () => {
    const store = path.join(tmp, 'symvers');
    const r = await history('add', fx('Module.symvers'), '--release', 'v4.13', '--date', '2017-09-03', '--store', store);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining('history: added v4.13 (2 rows, from a symvers)')]);
    expect(fs.readFileSync(path.join(store, 'exports/vmlinux.tsv'), 'utf8')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\nfoo_alloc\tEXPORT_SYMBOL_GPL\t\tv4.13\t\tvmlinux\n',
    );
    expect((await history('list', '--store', store)).stdout).toMatch(
      /^v4\.13\t2 rows\t2017-09-03\t.*Module\.symvers \(Module\.symvers\)\n$/,
    );
  });

  it('scans a kernel tree given as a folder', async () => {
    const store = path.join(tmp, 'tree');
    const commit = '16b95dcdf5854cf4ec57625ac3609b774ea0e1c5';
    const tree = path.join(REPO_ROOT, 'tests/fixtures/kernel/modern');
    const r = await history('add', tree, '--store', store, '--source', 'github:example/linux', '--commit', commit);
    expect([r.status, r.stderr]).toEqual([0, expect.stringContaining('history: added v6.19 (70 rows, from a tree)')]);
    // The tree's origin is the release's repository and commit, as `npm run scan` writes them.
    const v619 = fs.readFileSync(path.join(store, 'releases.tsv'), 'utf8').split('\n')[1]!.split('\t');
    expect(v619.slice(0, 5)).toEqual(['v6.19', '6.19', '', 'github:example/linux', commit]);
    expect((await history('add', tree, '--store', store, '--commit', 'HEAD')).stderr).toBe(
      'history: --commit must be a commit hash (got "HEAD")\n',
    );
    expect((await history('add', fx('v4.9.tsv'), '--store', store, '--source', 'github:example/linux')).stderr).toContain(
      "history: --source and --commit name a kernel tree's origin;",
    );
  });

  it('stops with exit 1 on a malformed store, naming its file:line', async () => {
    const store = path.join(tmp, 'malformed');
    expect((await history('add', fx('v4.9.tsv'), '--store', store)).status).toBe(0);
    fs.appendFileSync(path.join(store, 'exports/mm.tsv'), 'x\tEXPORT_SYMBOL\t\tv9.9\t\tmm/x.c\n');
    const r = await history('list', '--store', store);
    expect([r.status, r.stderr]).toEqual([1, `history: ${store}/exports/mm.tsv:3: first: "v9.9" is not a release of releases.tsv\n`]);
    expect((await history('add', fx('v4.10.tsv'), '--store', store)).status).toBe(1);
  });

  it('prints usage with --help (exit 0) and on a usage error (exit 2)', async () => {
    const help = historyProcess('--help');
    expect([help.status, help.stdout]).toEqual([
      0,
      expect.stringContaining('usage: npm run history -- add <snapshot.tsv | Module.symvers | kernel-tree>'),
    ]);
    expect((await history('frobnicate')).status).toBe(2);
    expect((await history('add')).status).toBe(2);
    expect((await history('add', fx('v4.9.tsv'), '--date', 'yesterday')).stderr).toBe(
      'history: --date must be YYYY-MM-DD (got "yesterday")\n',
    );
    expect((await history('add', path.join(tmp, 'missing.tsv'))).stderr).toBe(
      `history: ${path.join(tmp, 'missing.tsv')}: no such file or directory\n`,
    );
  });
});
