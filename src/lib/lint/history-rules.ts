// Records against the history store (content/history): a record's `since` and the types its history
// entries give must not contradict what the releases we hold export, on the architectures the record
// is about (its `arches`, or every architecture). Only a contradiction is reported, never a silence:
// - the oldest release held is a bound, not a birth: a symbol present in it may be far older, so a
//   `since` before it is never questioned;
// - a stable point release is a branch: v5.4.286 may export what only v5.9 added (a backport), so it
//   never contradicts `since v5.9`; only a release v5.9 is built on (v5.0, or v5.9-rc1) does;
// - a claim is checked in the first release held from its version on that is built on it (v5.12.9
//   for "unexported in v5.12"), unless a later claim the record makes covers that release;
// - a version outside the held range, and a symbol no release held exports, say nothing.
// The export model decides what a row's macro amounts to and which architecture a row is built for.
import { exportKind, rowArch, rowBuiltFor } from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { compareReleases, isBuiltOn } from '../kernel/versions.ts';
import { symbolHistory } from '../history/reconstruct.ts';
import { releaseLine, type ExportInterval, type HistoryStore } from '../history/model.ts';
import type { Parsed } from '../records/parse.ts';
import type { RecordData } from '../schema.ts';
import type { ExportType } from '../vocabulary.ts';
import type { Problem } from '../problems.ts';

/** A claim a record makes about one release on: `since` (exported, any type) or a history entry's type. */
interface Claim {
  version: string;
  /** undefined: exported in some form (what `since` says). */
  type?: ExportType;
  /** Where the claim is written, for the problem's position. */
  path: (string | number)[];
  /** The history entry's index, or -1 for `since`. */
  entry: number;
}

interface Held {
  release: string;
  rows: ExportRow[];
}

/** The symbol's rows in each release held, oldest first, limited to the record's architectures. */
function heldRows(store: HistoryStore, own: ExportInterval[], symbol: string, arches: readonly string[] | undefined): Held[] {
  return symbolHistory({ releases: store.releases, intervals: own }, symbol).map(({ release, rows }) => ({
    release: release.release,
    rows: arches ? rows.filter((r) => arches.some((a) => rowBuiltFor(r.file, a))) : rows,
  }));
}

const where = (rows: readonly ExportRow[]) => [...new Set(rows.map((r) => `${exportKind(r).type} in ${r.file}`))].join('; ');

/** Does the release agree with a claim: exported at all (no type), not exported, or exported with that type? */
function agrees(held: Held, type: ExportType | undefined): boolean {
  if (type === undefined) return held.rows.length > 0;
  if (type === 'unexported') return held.rows.length === 0;
  return held.rows.some((r) => exportKind(r).type === type);
}

function describe(held: Held, symbol: string): string {
  return held.rows.length ? `exports ${symbol} as ${where(held.rows)}` : `does not export ${symbol}`;
}

export function checkAgainstHistory(records: readonly Parsed<RecordData>[], store: HistoryStore | undefined): Problem[] {
  if (!store || store.releases.length === 0) return [];
  const wanted = new Set(records.flatMap((r) => (r.data ? [r.data.symbol] : [])));
  const bySymbol = new Map<string, ExportInterval[]>();
  for (const interval of store.intervals) {
    if (!wanted.has(interval.symbol)) continue;
    const list = bySymbol.get(interval.symbol);
    if (list) list.push(interval);
    else bySymbol.set(interval.symbol, [interval]);
  }
  const oldest = store.releases[0]!.release;
  const problems: Problem[] = [];
  for (const record of records) {
    const d = record.data;
    const own = d && bySymbol.get(d.symbol);
    // A symbol no release held exports: the store is silent about it.
    if (!d || !own) continue;
    const held = heldRows(store, own, d.symbol, d.arches);
    const scope = d.arches ? ` on ${d.arches.join(', ')}` : '';
    const report = (path: (string | number)[], rule: string, message: string, severity: Problem['severity'] = 'error') =>
      problems.push({ file: record.file, ...record.locate(path), severity, rule, message });
    const firstExport = held.find((h) => h.rows.length > 0);

    if (!d.since) {
      // Only a hint: the first release held that exports it bounds `since` only when an older release held does not.
      const index = firstExport ? held.indexOf(firstExport) : -1;
      if (index > 0) {
        const before = held[index - 1]!.release;
        const first = firstExport!.release;
        // Within one stable series the export came by a backport of some mainline change: say so, not guess which.
        const backport =
          releaseLine(before) === releaseLine(first) ? `, within the ${releaseLine(first)} stable series (likely a backport)` : '';
        report(
          ['symbol'],
          'since-from-history',
          `since is not given; the history store first shows the export${scope} in ${first}, not in ${before}, the release held before it: it was first exported after ${before} and no later than ${first}${backport}; set since when the release that added the export is known`,
          'warning',
        );
      }
    } else {
      // `since` after a release it is built on that already exports the symbol.
      const earlier = held.find((h) => h.rows.length > 0 && h.release !== d.since && isBuiltOn(d.since!, h.release));
      if (earlier) {
        // Like type-matches-snapshot: an export only in another architecture's code usually means arches is missing.
        const archOnly = !d.arches && earlier.rows.every((r) => rowArch(r.file) !== undefined);
        const archHint = archOnly
          ? `; if the decision concerns other architectures, name them in arches (that export is in ${[...new Set(earlier.rows.map((r) => rowArch(r.file)))].join(', ')} code)`
          : '';
        report(
          ['since'],
          'since-matches-history',
          `says since ${d.since}, but ${earlier.release}, a release ${d.since} is built on, already ${describe(earlier, d.symbol)}${scope}${firstExport && firstExport !== earlier ? ` (the first release held that exports it is ${firstExport.release})` : ''}; set since to the first release that exported it, or leave it out when that is not known (${oldest}, the oldest release held, is a bound, not the first export)${archHint}`,
        );
      }
    }

    const claims: Claim[] = [];
    if (d.since) claims.push({ version: d.since, path: ['since'], entry: -1 });
    (d.history ?? []).forEach((h, i) => {
      if (h.version && h.type) claims.push({ version: h.version, type: h.type, path: ['history', i, 'type'], entry: i });
    });
    for (const claim of claims) {
      if (compareReleases(claim.version, oldest) < 0) continue;
      const first = held.find((h) => isBuiltOn(h.release, claim.version));
      if (!first || agrees(first, claim.type)) continue;
      // A later claim covering that release speaks for it instead (a removal after the `since`, a backport).
      const covered = claims.some(
        (other) =>
          other !== claim &&
          isBuiltOn(first.release, other.version) &&
          (compareReleases(other.version, claim.version) > 0 || (other.version === claim.version && other.entry > claim.entry)),
      );
      if (covered) continue;
      const at = first.release === claim.version ? claim.version : `${first.release}, the first release held from ${claim.version} on,`;
      if (claim.entry < 0) {
        if (earlierReported(problems, record.file)) continue;
        report(
          ['since'],
          'since-matches-history',
          `says since ${claim.version}, but ${at} ${describe(first, d.symbol)}${scope}${firstExport ? ` (the first release held that exports it is ${firstExport.release})` : ''}; correct since, or add the removal to history if the export was taken away again by ${first.release}`,
        );
      } else {
        report(
          claim.path,
          'history-type-matches-history',
          `says ${claim.type} from ${claim.version}, but ${at} ${describe(first, d.symbol)}${scope}; correct the entry's type or version, or add the change ${first.release} shows to history (a stable backport is an entry whose version is the ${releaseLine(first.release)} release that took it, no later than ${first.release})`,
        );
      }
    }
  }
  return problems;
}

/** One `since` problem per record is enough: the second check would repeat the first's advice. */
function earlierReported(problems: readonly Problem[], file: string): boolean {
  return problems.some((p) => p.file === file && p.rule === 'since-matches-history');
}
