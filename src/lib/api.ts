// The JSON API (/api/v1/): every record with its snapshot facts, one file per record, one per
// snapshot, and a JSON Schema for all of them generated from the zod schema in schema.ts (output
// side: what a parsed record is, with canonical thread links), extended with the envelope fields
// defined here. Nothing in the JSON Schema is written by hand.
import { z } from 'zod';
import { KERNEL_VERSION, recordSchema, type RecordData } from './schema.ts';
import { SNAPSHOT_COLUMNS, type Snapshot } from './kernel/snapshot.ts';
import { kindCounts, type Release, type SnapshotIndex } from './releases.ts';
import { CHANGE_KINDS, type ChangeKind, type HistoryIndex } from './history/timeline.ts';
import { symbolTimeline } from './history/timeline.ts';
import { timelineFacts } from './history/facts.ts';
import type { ReleaseEntry } from './history/model.ts';
import type { SiteRecord } from './site/model.ts';
import { absoluteUrl, isPageName, type SitePaths } from './urls.ts';

/** The format version of every /api/v1/ file; bumped when a field changes meaning or disappears. */
export const API_VERSION = 1;

const absolute = z.string().regex(/^https?:\/\/\S+$/);
const release = z.string().regex(KERNEL_VERSION);

const exportRowSchema = z.strictObject({
  macro: z.string().min(1).describe('The export macro as written in the source (EXPORT_SYMBOL_GPL, or a wrapper)'),
  namespace: z
    .string()
    .describe('The symbol namespace the export lands in; empty when none, "module:<list>" for module-restricted exports'),
  file: z.string().min(1).describe('Source file, relative to the kernel tree root'),
  line: z.number().int().positive().describe('Line of the export in that file'),
});

export const apiRecordSchema = z
  .strictObject({
    ...recordSchema.shape,
    url: absolute.describe("Absolute URL of the record's page"),
    json: absolute.describe("Absolute URL of the record's own JSON file"),
    source_path: z.string().min(1).describe('The record file in the site repository'),
    exported_in: z
      .array(
        z.strictObject({
          release: release.describe('A kernel release with a committed snapshot'),
          rows: z.array(exportRowSchema).describe('Every export of the symbol in that release; empty when it was not exported'),
        }),
      )
      .describe('The symbol in every committed snapshot, oldest release first; the last is the latest snapshot'),
  })
  .meta({
    id: 'Record',
    description: 'A decision record: its frontmatter (threads as canonical lore links), its page, and the snapshot facts',
  });

const envelope = {
  version: z.literal(API_VERSION).describe('Format version of this file'),
  site: absolute.describe("Absolute URL of the site's root"),
};

export const exportsFileSchema = z
  .strictObject({
    ...envelope,
    latest_release: release.optional().describe('The release of the latest committed snapshot'),
    snapshots: z
      .array(
        z.strictObject({
          release,
          source: z.string().describe('Where the snapshot was taken from'),
          rows: z.number().int().nonnegative().describe('Export-macro uses'),
          symbols: z.number().int().nonnegative().describe('Distinct exported symbols'),
          url: absolute.describe('Its JSON file'),
        }),
      )
      .describe('The committed snapshots, oldest first'),
    records: z.array(apiRecordSchema).describe('Every record, A–Z'),
  })
  .meta({ id: 'ExportsFile', description: '/api/v1/exports.json' });

const changeKind = z.enum(CHANGE_KINDS);

export const symbolHistorySchema = z
  .strictObject({
    first_release: release.describe('The oldest release we hold: an export seen there may be older'),
    newest_release: release.describe('The newest release we hold'),
    exported_in: z.array(release).describe('Every release we hold that exports the symbol, oldest first'),
    runs: z
      .array(
        z.strictObject({
          first: release.describe('First release of the run'),
          last: release.describe('Last release of the run'),
          macro: z.string().min(1),
          namespace: z.string().describe('As in the source; empty when none, "module:<list>" for module-restricted exports'),
          file: z.string().min(1),
          lines: z
            .array(z.strictObject({ release, line: z.number().int().positive() }))
            .describe("The line in the run's first release, then each release from which it moved"),
        }),
      )
      .describe("The export rows as unchanged runs over consecutive releases we hold (the history store's intervals)"),
    changes: z
      .array(z.strictObject({ from: release, to: release, kinds: z.array(changeKind) }))
      .describe('Each pair of consecutive releases we hold between which the export changed, and how'),
    facts: z.array(z.string()).describe('The history in sentences, as the symbol page states it'),
  })
  .meta({ id: 'SymbolHistory', description: "A symbol's export in every release of the history store" });

export const symbolFileSchema = z
  .strictObject({
    ...envelope,
    symbol: z.string().min(1),
    record: apiRecordSchema.optional().describe('The decision record, when the symbol has one'),
    history: symbolHistorySchema.optional().describe('Its export across the releases we hold, when some release exports it'),
  })
  .meta({ id: 'SymbolFile', description: '/api/v1/symbols/<symbol>.json: one symbol, its record and its history' });

export const releasesFileSchema = z
  .strictObject({
    ...envelope,
    releases: z
      .array(
        z.strictObject({
          release,
          line: z.string().describe('The release line (6.1 for v6.1.158)'),
          date: z.string().describe('Release date YYYY-MM-DD when known, else empty (never guessed)'),
          repository: z.string().describe('Where its tree came from'),
          commit: z.string(),
          rows: z.number().int().nonnegative().describe('Export-macro uses'),
          symbols: z.number().int().nonnegative().describe('Distinct exported symbols'),
          url: absolute.describe('Its page'),
          previous: release.optional().describe('The release compared with'),
          changes: z
            .strictObject(
              Object.fromEntries(CHANGE_KINDS.map((k) => [k, z.number().int().positive().optional()])) as Record<
                ChangeKind,
                z.ZodOptional<z.ZodNumber>
              >,
            )
            .describe('Symbols changed since the previous release, by kind (a symbol can change in two ways at once)'),
        }),
      )
      .describe('Every release of the history store, oldest first'),
  })
  .meta({ id: 'ReleasesFile', description: '/api/v1/releases.json' });

/** The API's snapshot files have the snapshot TSV's columns. */
export const SNAPSHOT_FILE_COLUMNS = SNAPSHOT_COLUMNS;

export const snapshotFileSchema = z
  .strictObject({
    ...envelope,
    release,
    source: z.string(),
    // The literal tuple of SNAPSHOT_COLUMNS (zod needs it spelled out for its type; snapshot files are written from SNAPSHOT_COLUMNS).
    columns: z.tuple([z.literal('symbol'), z.literal('macro'), z.literal('namespace'), z.literal('file'), z.literal('line')]),
    rows: z
      .array(z.tuple([z.string().min(1), z.string().min(1), z.string(), z.string().min(1), z.number().int().positive()]))
      .describe('One row per export-macro use, in the order of columns, sorted by file and line'),
  })
  .meta({ id: 'SnapshotFile', description: '/api/v1/snapshots/<release>.json: every export of one release' });

export type ApiRecord = z.output<typeof apiRecordSchema>;
export type ExportsFile = z.output<typeof exportsFileSchema>;
export type SymbolFile = z.output<typeof symbolFileSchema>;
export type SymbolHistoryJson = z.output<typeof symbolHistorySchema>;
export type ReleasesFile = z.output<typeof releasesFileSchema>;
export type SnapshotFile = z.output<typeof snapshotFileSchema>;

export interface ApiContext {
  paths: SitePaths;
  site: string | URL | undefined;
}

/** The JSON Schema of every /api/v1/ file: `$defs` ExportsFile, SymbolFile, SnapshotFile and Record. */
export function apiJsonSchema(ctx: ApiContext): Record<string, unknown> {
  const generated = z.toJSONSchema(z.union([exportsFileSchema, symbolFileSchema, snapshotFileSchema, releasesFileSchema]), {
    io: 'output',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: absoluteUrl(ctx.site, ctx.paths.apiSchema()),
    title: 'Kernel Export Decisions API, version 1',
    description: 'Generated from the record schema of the site (src/lib/schema.ts, output side) and the API envelope (src/lib/api.ts).',
    ...rest,
  };
}

/** The record with its keys in schema order (undefined optional fields are left out by JSON). */
export function apiRecord(record: SiteRecord, indexes: readonly SnapshotIndex[], ctx: ApiContext): ApiRecord {
  const d: RecordData = record.data;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(recordSchema.shape) as (keyof RecordData)[]) {
    const value = d[key];
    if (value === undefined) continue;
    out[key] =
      key === 'threads'
        ? d.threads.map(cleanThread)
        : key === 'history'
          ? d.history!.map((h) => (h.thread ? { ...h, thread: cleanThread(h.thread) } : h))
          : value;
  }
  return {
    ...(out as RecordData),
    url: absoluteUrl(ctx.site, ctx.paths.symbol(d.symbol)),
    json: absoluteUrl(ctx.site, ctx.paths.apiSymbol(d.symbol)),
    source_path: record.sourcePath,
    exported_in: indexes.map((index) => ({
      release: index.release,
      rows: (index.bySymbol.get(d.symbol) ?? []).map((r) => ({ macro: r.macro, namespace: r.namespace, file: r.file, line: r.line })),
    })),
  };
}

function cleanThread<T extends { messageId: string; url: string; role?: string; note?: string }>(t: T) {
  return { messageId: t.messageId, url: t.url, ...(t.role ? { role: t.role } : {}), ...(t.note ? { note: t.note } : {}) } as T;
}

export function exportsFile(
  records: readonly SiteRecord[],
  indexes: readonly SnapshotIndex[],
  ctx: ApiContext,
  order: (a: SiteRecord, b: SiteRecord) => number,
): ExportsFile {
  return {
    version: API_VERSION,
    site: absoluteUrl(ctx.site, ctx.paths.home()),
    ...(indexes.length ? { latest_release: indexes.at(-1)!.release } : {}),
    snapshots: indexes.map((index) => ({
      release: index.release,
      source: index.source,
      rows: index.rowCount,
      symbols: index.bySymbol.size,
      url: absoluteUrl(ctx.site, ctx.paths.apiSnapshot(index.release)),
    })),
    records: [...records].sort(order).map((r) => apiRecord(r, indexes, ctx)),
  };
}

export function symbolFile(record: SiteRecord, indexes: readonly SnapshotIndex[], ctx: ApiContext, history?: HistoryIndex): SymbolFile {
  const h = history && symbolHistoryJson(history, record.data.symbol);
  return {
    version: API_VERSION,
    site: absoluteUrl(ctx.site, ctx.paths.home()),
    symbol: record.data.symbol,
    record: apiRecord(record, indexes, ctx),
    ...(h ? { history: h } : {}),
  };
}

/** A symbol's history as the API gives it, or undefined when no release we hold exports it. */
export function symbolHistoryJson(index: HistoryIndex, symbol: string): SymbolHistoryJson | undefined {
  const t = symbolTimeline(index, symbol);
  if (!t) return undefined;
  const runs = [...index.bySymbol.get(symbol)!]
    .sort((a, b) => a.first - b.first || (a.interval.file < b.interval.file ? -1 : 1))
    .map(({ interval: i }) => ({ first: i.first, last: i.last, macro: i.macro, namespace: i.namespace, file: i.file, lines: i.lines }));
  return {
    first_release: index.releases[0]!.release,
    newest_release: index.releases.at(-1)!.release,
    exported_in: t.columns.filter((_, i) => t.exported[i]).map((c) => c.release),
    runs,
    changes: t.changes.map((c) => ({ from: c.from, to: c.to, kinds: c.kinds })),
    facts: timelineFacts(t).map((f) => f.text),
  };
}

/** /api/v1/releases.json: the store's releases with their size and their changes by kind. */
export function releasesFile(entries: readonly ReleaseEntry[], releases: readonly Release[], ctx: ApiContext): ReleasesFile {
  const pages = new Map(releases.map((r) => [r.release, r]));
  return {
    version: API_VERSION,
    site: absoluteUrl(ctx.site, ctx.paths.home()),
    releases: entries.map((e) => {
      const r = pages.get(e.release);
      return {
        release: e.release,
        line: e.line,
        date: e.date,
        repository: e.repository,
        commit: e.commit,
        rows: e.rows,
        symbols: r?.snapshot?.symbols ?? 0,
        url: absoluteUrl(ctx.site, ctx.paths.release(e.release)),
        ...(r?.diff ? { previous: r.diff.from } : {}),
        changes: Object.fromEntries((r?.diff ? kindCounts(r.diff) : []).map((k) => [k.kind, k.count])),
      };
    }),
  };
}

/** The text of an /api/v1/ JSON file: one space of indent, a final newline. */
export const apiJson = (file: unknown): string => JSON.stringify(file, null, 1) + '\n';

/**
 * Every symbol of the history store with its history as the API gives it, as JSON text: derived
 * apart from the symbol files (on another thread during a build, src/lib/site/api-history-thread.ts).
 */
export function symbolHistoryTexts(index: HistoryIndex): Map<string, string> {
  const texts = new Map<string, string>();
  for (const symbol of index.bySymbol.keys()) {
    const h = symbolHistoryJson(index, symbol);
    if (h) texts.set(symbol, JSON.stringify(h));
  }
  return texts;
}

/** The start every symbol file shares with exports.json. */
export type SymbolFileHead = Pick<ExportsFile, 'version' | 'site'>;

/**
 * /api/v1/symbols/<symbol>.json: compact, as 54,000 of these are read by programs (exports.json keeps
 * the indented form). `history` (symbolHistoryTexts) goes last as its own JSON text: what JSON.stringify
 * gives with it in the object.
 */
export function symbolFileText(head: SymbolFileHead, symbol: string, record: ApiRecord | undefined, history: string | undefined): string {
  const file: SymbolFile = { version: head.version, site: head.site, symbol, ...(record ? { record } : {}) };
  const json = history === undefined ? JSON.stringify(file) : `${JSON.stringify(file).slice(0, -1)},"history":${history}}`;
  return `${json}\n`;
}

/** The symbols with a symbol file: those with a record, and those the history store gives a page. */
export function symbolFileNames(records: Iterable<string>, histories?: ReadonlyMap<string, string>): Set<string> {
  return new Set([...records, ...(histories ? [...histories.keys()].filter(isPageName) : [])]);
}

/**
 * Every /api/v1/symbols/<symbol>.json, split out of exports.json: the same record objects, so the
 * two files cannot disagree, and 40,000 small files cost a write each instead of a page render.
 * `histories`: symbolHistoryTexts of the history store, when there is one.
 */
export function symbolFilesOf(exports: ExportsFile, histories?: ReadonlyMap<string, string>): { symbol: string; json: string }[] {
  const records = new Map(exports.records.map((r) => [r.symbol, r]));
  return [...symbolFileNames(records.keys(), histories)].map((symbol) => ({
    symbol,
    json: symbolFileText(exports, symbol, records.get(symbol), histories?.get(symbol)),
  }));
}

/** A snapshot as JSON, one row per line (about the size of the TSV, and as easy to diff). */
export function snapshotFileJson(snapshot: Snapshot, ctx: ApiContext): string {
  const head: Omit<SnapshotFile, 'rows'> = {
    version: API_VERSION,
    site: absoluteUrl(ctx.site, ctx.paths.home()),
    release: snapshot.version,
    source: snapshot.source,
    columns: [...SNAPSHOT_FILE_COLUMNS],
  };
  const rows = snapshot.rows.map((r) => JSON.stringify(SNAPSHOT_COLUMNS.map((c) => r[c])));
  return `${JSON.stringify(head).slice(0, -1)},"rows":[\n${rows.join(',\n')}\n]}\n`;
}
