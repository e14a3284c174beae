// A long `history scan` stopped midway keeps what it scanned: the store is saved after each release,
// each write is whole or absent even when the process dies in it, and `--new` resumes to the store an
// uninterrupted run makes. On the fixture repository of git-fixture.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryStore } from '../../src/lib/history/model.ts';
import { scanRepository } from '../../src/lib/history/scan-repository.ts';
import { finishInterruptedWrite, listStoreFiles, readStore, WRITE_JOURNAL, writeStore } from '../../src/lib/history/store-io.ts';
import { buildFixtureRepo } from './git-fixture.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-history-resume-'));
const repo = path.join(tmp, 'linux');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => buildFixtureRepo(repo), 60_000);
afterEach(() => vi.restoreAllMocks());

const EMPTY: HistoryStore = readStore(path.join(tmp, 'absent'));
const options = { source: 'github:fixture/linux' };
const bytes = (store: string) => Object.fromEntries(listStoreFiles(store).map((f) => [f, fs.readFileSync(path.join(store, f), 'utf8')]));
/** Every file under `dir`, store files or not (a journal or temporary file left behind would show). */
const allFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.relative(dir, path.join(e.parentPath, e.name))] : []));

describe('a scan stopped midway', () => {
  it('keeps the releases scanned before the failure, and a rerun with --new makes the uninterrupted store', async () => {
    const whole = path.join(tmp, 'whole');
    const wholeRun = await scanRepository(repo, EMPTY, { ...options, save: (s) => writeStore(whole, s) });
    expect(wholeRun.added).toEqual(['v6.1', 'v6.2', 'v6.3', 'v6.4', 'v6.5', 'v6.6']);

    const stopped = path.join(tmp, 'stopped');
    // A failure injected as the fourth tag starts, after three releases were added.
    const failing = scanRepository(repo, EMPTY, {
      ...options,
      save: (s) => writeStore(stopped, s),
      onTag: ({ index, stats }) => {
        if (index === 4 && !stats) throw new Error('injected failure');
      },
    });
    await expect(failing).rejects.toThrow('injected failure');
    const kept = readStore(stopped);
    expect(kept.releases.map((r) => r.release)).toEqual(['v6.1', 'v6.2', 'v6.3']);
    // The same three releases as the uninterrupted run's store holds (rows, intervals, sources).
    const firstThree = await scanRepository(repo, EMPTY, { ...options, tags: 'v6.1..v6.3' });
    expect(kept).toEqual(firstThree.store);

    const resumed = await scanRepository(repo, kept, { ...options, onlyNew: true, save: (s) => writeStore(stopped, s) });
    expect(resumed.added).toEqual(['v6.4', 'v6.5', 'v6.6']);
    expect(bytes(stopped)).toEqual(bytes(whole));
    expect(allFiles(stopped).sort()).toEqual(allFiles(whole).sort());
  }, 120_000);
});

describe('a store write stopped midway', () => {
  async function twoStores() {
    const older = (await scanRepository(repo, EMPTY, { ...options, tags: 'v6.1..v6.2' })).store;
    const newer = (await scanRepository(repo, older, { ...options, tags: 'v6.3..v6.6' })).store;
    return { older, newer };
  }

  it('is finished by the next write or CLI start when it stopped after its journal', async () => {
    const { older, newer } = await twoStores();
    const dir = path.join(tmp, 'journal');
    writeStore(dir, older);
    const reference = path.join(tmp, 'journal-reference');
    writeStore(reference, newer);
    // The process dies after the journal and one file are renamed into place.
    const rename = fs.renameSync;
    let renames = 0;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (++renames > 2) throw new Error('killed');
      rename(from, to);
    });
    expect(() => writeStore(dir, newer)).toThrow('killed');
    vi.restoreAllMocks();
    expect(fs.existsSync(path.join(dir, WRITE_JOURNAL))).toBe(true);
    // Half renamed: neither the old store nor the new one.
    expect(bytes(dir)).not.toEqual(bytes(reference));

    expect(finishInterruptedWrite(dir)).toBe(true);
    expect(bytes(dir)).toEqual(bytes(reference));
    expect(allFiles(dir).sort()).toEqual(allFiles(reference).sort());
    expect(readStore(dir)).toEqual(newer);
    expect(finishInterruptedWrite(dir)).toBe(false);
  }, 120_000);

  it('leaves the old store when it stopped before its journal, and the next write clears its temporary files', async () => {
    const { older, newer } = await twoStores();
    const dir = path.join(tmp, 'before-journal');
    writeStore(dir, older);
    const before = bytes(dir);
    // A killed process leaves its staged files behind (a thrown error would remove them).
    const rename = fs.renameSync;
    vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
      if (String(to).endsWith(WRITE_JOURNAL)) {
        // Dies as it would rename the journal into place: keep the temporary files it wrote.
        throw new Error('killed');
      }
      rename(from, to);
    });
    expect(() => writeStore(dir, newer)).toThrow('killed');
    vi.restoreAllMocks();
    expect(bytes(dir)).toEqual(before);
    expect(readStore(dir)).toEqual(older);
    expect(allFiles(dir).some((f) => /\.tmp-\d+$/.test(f))).toBe(true);

    writeStore(dir, newer);
    expect(readStore(dir)).toEqual(newer);
    expect(allFiles(dir).some((f) => /\.tmp-\d+$/.test(f) || f.endsWith(WRITE_JOURNAL))).toBe(false);
  }, 120_000);
});
