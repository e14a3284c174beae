// npm run history -- scan as a user (or the weekly workflow) runs it, on the fixture repository of
// git-fixture.ts, a blobless clone of it, and malformed inputs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/in-process.ts';
import { snapshotOf } from '../../src/lib/history/reconstruct.ts';
import { readStore, listStoreFiles } from '../../src/lib/history/store-io.ts';
import { scanTree } from '../../src/lib/kernel/scan.ts';
import { buildFixtureRepo, gitIn } from './git-fixture.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-history-scan-'));
const repo = path.join(tmp, 'linux');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => buildFixtureRepo(repo), 60_000);

/** npm run history, run in this process (tests/helpers/in-process.ts). */
const history = (...args: string[]) => runCli('history.ts', args);

/** Every store file with its bytes and modification time, to show that nothing was written. */
function contents(store: string): Record<string, string> {
  return Object.fromEntries(
    listStoreFiles(store).map((f) => [f, `${fs.statSync(path.join(store, f)).mtimeMs} ${fs.readFileSync(path.join(store, f), 'utf8')}`]),
  );
}

const bytes = (store: string) => Object.fromEntries(listStoreFiles(store).map((f) => [f, fs.readFileSync(path.join(store, f), 'utf8')]));

describe('npm run history -- scan', () => {
  it('adds the mainline tags, each equal to a full scan of its checkout, and skips them the second time', async () => {
    const store = path.join(tmp, 'store');
    const r = await history('scan', repo, '--source', 'github:fixture/linux', '--store', store);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^history: \[1\/6\] v6\.1: \d+ rows; read \d+ of \d+ files, resolved \d+ of \d+ with exports, /m);
    expect(r.stderr).toMatch(/^history: scanned 6 tags: wrote \d+ files, removed 0; 6 releases, /m);
    const held = readStore(store);
    expect(held.releases.map((x) => x.release)).toEqual(['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.5', 'v6.6']);
    expect(held.releases[0]).toMatchObject({
      repository: 'github:fixture/linux',
      commit: gitIn(repo, 'rev-parse', 'v6.1^{commit}').trim(),
      date: '2025-01-01',
    });
    for (const tag of ['v6.3', 'v6.6']) {
      const dir = path.join(tmp, `checkout-${tag}`);
      fs.mkdirSync(dir);
      gitIn(repo, `--work-tree=${dir}`, 'checkout', '-q', tag, '--', '.');
      expect(snapshotOf(held, tag)!.rows).toEqual((await scanTree(dir)).rows);
    }

    const before = contents(store);
    const again = await history('scan', repo, '--source', 'github:fixture/linux', '--store', store);
    expect([again.status, again.stderr]).toEqual([
      0,
      expect.stringMatching(/^history: scanned 0 tags, skipped 6 already in the store: no file changed; /),
    ]);
    expect(contents(store)).toEqual(before);

    // Stable point releases and release candidates on request, narrowed by a glob or a range.
    const stable = await history('scan', repo, '--source', 'github:fixture/linux', '--store', store, '--stable', '--tags', 'v6.4*');
    expect(stable.status, stable.stderr).toBe(0);
    expect(stable.stderr).toMatch(/scanned 1 tag, skipped 1 already in the store/);
    const rc = await history('scan', repo, '--source', 'github:fixture/linux', '--store', store, '--rc', '--tags', 'v6.5-rc1..v6.5');
    expect(rc.stderr).toMatch(/scanned 1 tag, skipped 1 already in the store/);
    expect(readStore(store).releases.map((x) => x.release)).toEqual(['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.4.1', 'v6.5-rc1', 'v6.5', 'v6.6']);
  }, 120_000);

  it('--new takes only the tags after what the store holds, and stable points of the lines it holds', async () => {
    const store = path.join(tmp, 'store-new');
    const scan = (...args: string[]) => history('scan', repo, '--source', 'github:fixture/linux', '--store', store, ...args);
    expect((await scan('--tags', 'v6.1..v6.4')).status).toBe(0);
    const added = await scan('--new');
    expect(added.stderr).toMatch(/^history: scanned 2 tags: /m);
    expect(readStore(store).releases.map((x) => x.release)).toEqual(['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.5', 'v6.6']);
    // v6.4.1 comes before v6.6, but after v6.4, the newest held of its line.
    expect((await scan('--new', '--stable')).stderr).toMatch(/^history: scanned 1 tag: /m);
    const none = await scan('--new', '--stable');
    expect([none.status, none.stderr]).toEqual([0, expect.stringMatching(/^history: scanned 0 tags: no file changed; 7 releases/m)]);
  }, 120_000);

  it('reads a blobless bare clone, without a work tree, to the same store', async () => {
    gitIn(repo, 'config', 'uploadpack.allowFilter', 'true');
    const clone = path.join(tmp, 'blobless.git');
    const c = spawnSync('git', ['clone', '-q', '--bare', '--filter=blob:none', `file://${repo}`, clone], { encoding: 'utf8' });
    expect(c.status, c.stderr).toBe(0);
    // No blob came with the clone: each one the scan reads is fetched.
    expect(
      gitIn(clone, 'rev-list', '--objects', '--missing=print', '--all')
        .split('\n')
        .filter((l) => l.startsWith('?')).length,
    ).toBeGreaterThan(50);
    const fromRepo = path.join(tmp, 'store-repo');
    const fromClone = path.join(tmp, 'store-clone');
    for (const [source, store] of [
      [repo, fromRepo],
      [clone, fromClone],
    ] as const) {
      const r = await history('scan', source, '--source', 'github:fixture/linux', '--store', store, '--stable');
      expect(r.status, r.stderr).toBe(0);
    }
    expect(bytes(fromClone)).toEqual(bytes(fromRepo));
    expect(Object.keys(bytes(fromClone)).length).toBeGreaterThan(3);
  }, 120_000);

  it('refuses malformed input with exit 2 and leaves the store untouched', async () => {
    const store = path.join(tmp, 'store-kept');
    expect((await history('scan', repo, '--store', store, '--tags', 'v6.1..v6.2')).status).toBe(0);
    const before = contents(store);
    const cases: Array<[string[], RegExp]> = [
      [[path.join(tmp, 'nowhere')], /not a git repository/],
      [[repo, '--tags', 'v6.9..v6.1'], /--tags v6\.9\.\.v6\.1: v6\.9 comes after v6\.1/],
      [[repo, '--tags', 'v6.1..six'], /"six" is not a release name/],
      [[repo, '--tags', 'v7.*'], /no release tag matches --tags v7\.\*/],
    ];
    // A tag whose Makefile names another release.
    const wrong = path.join(tmp, 'wrong');
    spawnSync('git', ['clone', '-q', repo, wrong]);
    gitIn(wrong, 'tag', 'v6.7', 'v6.6');
    cases.push([[wrong, '--tags', 'v6.6..v6.7'], /@v6\.7:Makefile: the Makefile says v6\.6, the tag says v6\.7/]);
    for (const [args, message] of cases) {
      const r = await history('scan', ...args, '--store', store);
      expect([r.status, r.stderr]).toEqual([2, expect.stringMatching(message)]);
      expect(contents(store)).toEqual(before);
    }
  }, 120_000);
});
