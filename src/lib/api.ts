// The JSON API (/api/v1/): every record with its snapshot facts, one file per record, one per
// snapshot, and a JSON Schema for all of them generated from the zod schema in schema.ts (output
// side: what a parsed record is, with canonical thread links), extended with the envelope fields
// defined here. Nothing in the JSON Schema is written by hand.
import { z } from 'zod';
import { KERNEL_VERSION, recordSchema, type RecordData } from './schema.ts';
import { SNAPSHOT_COLUMNS, type Snapshot } from './kernel/snapshot.ts';
import type { SnapshotIndex } from './releases.ts';
import type { SiteRecord } from './site/model.ts';
import { absoluteUrl, type SitePaths } from './urls.ts';

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

export const symbolFileSchema = z
  .strictObject({ ...envelope, record: apiRecordSchema })
  .meta({ id: 'SymbolFile', description: '/api/v1/symbols/<symbol>.json' });

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
export type SnapshotFile = z.output<typeof snapshotFileSchema>;

export interface ApiContext {
  paths: SitePaths;
  site: string | URL | undefined;
}

/** The JSON Schema of every /api/v1/ file: `$defs` ExportsFile, SymbolFile, SnapshotFile and Record. */
export function apiJsonSchema(ctx: ApiContext): Record<string, unknown> {
  const generated = z.toJSONSchema(z.union([exportsFileSchema, symbolFileSchema, snapshotFileSchema]), {
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

export function symbolFile(record: SiteRecord, indexes: readonly SnapshotIndex[], ctx: ApiContext): SymbolFile {
  return { version: API_VERSION, site: absoluteUrl(ctx.site, ctx.paths.home()), record: apiRecord(record, indexes, ctx) };
}

/** The text of an /api/v1/ JSON file: one space of indent, a final newline. */
export const apiJson = (file: unknown): string => JSON.stringify(file, null, 1) + '\n';

/**
 * Every /api/v1/symbols/<symbol>.json, split out of exports.json: the same record objects, so the
 * two files cannot disagree, and 40,000 small files cost a write each instead of a page render.
 */
export function symbolFilesOf(exports: ExportsFile): { symbol: string; json: string }[] {
  return exports.records.map((record) => ({
    symbol: record.symbol,
    json: apiJson({ version: exports.version, site: exports.site, record } satisfies SymbolFile),
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
