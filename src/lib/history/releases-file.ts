// releases.tsv: the releases of the history store, oldest first, one line each. No Node imports.
import { compareReleases, releaseName } from '../kernel/versions.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import { HistoryError, releaseLine, type ReleaseEntry } from './model.ts';

export const RELEASE_COLUMNS = ['release', 'line', 'date', 'repository', 'commit', 'rows', 'source'] as const;

const RELEASE = /^v\d+\.\d+(\.\d+)?(-rc\d+)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const COMMIT = /^[0-9a-f]{7,40}$/;

/** A release name as versions.ts writes it (v6.19, not v6.19.0)? */
export function isReleaseName(name: string): boolean {
  return RELEASE.test(name) && releaseName(name.replace(/-rc\d+$/, '')) + (/-rc\d+$/.exec(name)?.[0] ?? '') === name;
}

/** The `source:` and `commit:` parts of a snapshot's first line ("source: github:a/b | commit: 0123… | …"). */
export function sourceFacts(source: string): { repository: string; commit: string } {
  const part = (name: string) =>
    source
      .split(' | ')
      .find((p) => p.startsWith(`${name}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const commit = /^[0-9a-f]{7,40}\b/.exec(part('commit'))?.[0] ?? '';
  return { repository: part('source'), commit };
}

/** The releases.tsv entry of a snapshot. The date is only what the caller knows. */
export function releaseEntryOf(snapshot: Snapshot, date = ''): ReleaseEntry {
  const { repository, commit } = sourceFacts(snapshot.source);
  return {
    release: snapshot.version,
    line: releaseLine(snapshot.version),
    date,
    repository,
    commit,
    rows: snapshot.rows.length,
    source: snapshot.source,
  };
}

export function formatReleases(releases: readonly ReleaseEntry[]): string {
  const lines = releases.map((r) => [r.release, r.line, r.date, r.repository, r.commit, String(r.rows), r.source].join('\t'));
  return `${RELEASE_COLUMNS.join('\t')}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** Checks every field; the releases must be in compareReleases order, each once. */
export function parseReleases(text: string, file = 'releases.tsv'): ReleaseEntry[] {
  const lines = text.split('\n');
  if (lines[0] !== RELEASE_COLUMNS.join('\t'))
    throw new HistoryError(file, 1, `header must be "${RELEASE_COLUMNS.join('\\t')}" (got "${lines[0]}")`);
  const releases: ReleaseEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const fail = (field: string, message: string) => new HistoryError(file, i + 1, `${field}: ${message}`);
    const cols = lines[i]!.split('\t');
    if (cols.length !== RELEASE_COLUMNS.length)
      throw new HistoryError(
        file,
        i + 1,
        `expected ${RELEASE_COLUMNS.length} tab-separated columns (${RELEASE_COLUMNS.join(', ')}), got ${cols.length}`,
      );
    const [release, line, date, repository, commit, rows, source] = cols as [string, string, string, string, string, string, string];
    if (!isReleaseName(release)) throw fail('release', `must be a release name such as v6.19 or v6.1.158 (got "${release}")`);
    if (line !== releaseLine(release)) throw fail('line', `must be ${releaseLine(release)} for ${release} (got "${line}")`);
    if (date !== '' && !DATE.test(date)) throw fail('date', `must be YYYY-MM-DD or empty (got "${date}")`);
    if (commit !== '' && !COMMIT.test(commit)) throw fail('commit', `must be a hexadecimal commit id or empty (got "${commit}")`);
    if (!/^\d+$/.test(rows)) throw fail('rows', `must be a whole number (got "${rows}")`);
    const previous = releases.at(-1);
    if (previous && compareReleases(previous.release, release) >= 0)
      throw fail('release', `${release} must come after ${previous.release} (oldest first, each release once)`);
    releases.push({ release, line, date, repository, commit, rows: Number(rows), source });
  }
  return releases;
}
