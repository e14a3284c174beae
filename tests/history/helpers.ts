// Fixture snapshots for tests/history (tests/fixtures/history, described in its README.md).
import fs from 'node:fs';
import path from 'node:path';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { EMPTY_STORE, type HistoryStore } from '../../src/lib/history/model.ts';
import { parseSnapshot, type Snapshot } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

export const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/history');
export const RELEASES = ['v4.9', 'v4.10', 'v4.10.5', 'v4.12'] as const;

export function fixture(release: string): Snapshot {
  return parseSnapshot(fs.readFileSync(path.join(FIXTURES, `${release}.tsv`), 'utf8'), `${release}.tsv`);
}

export function storeOf(releases: readonly string[]): HistoryStore {
  return releases.reduce((store, r) => addRelease(store, fixture(r)), EMPTY_STORE);
}

/** Every ordering of a list. */
export function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}
