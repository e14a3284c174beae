// The module checker's export table: one release's exports keyed by the linker symbols a module
// links against (what `nm -u` prints), each with the export's type, namespace, architecture and what
// kind of thing exports it (a function or variable, a tracepoint, a static call), plus the records'
// tiers. The export model decides all of it; the site ships the table compactly to the browser.
import {
  entityLinkerSymbols,
  EXPORT_ENTITIES,
  exportEntity,
  exportKind,
  rowArch,
  type ExportEntity,
  type ExportedType,
} from './kernel/export-model.ts';
import type { ExportRow } from './kernel/snapshot.ts';
import type { RecordData } from './schema.ts';
import { EXPORT_TYPES, TIERS, type ExportType, type Tier } from './vocabulary.ts';

/** One way a linker symbol is exported (several when architectures or configurations differ). */
export interface ExportVariant {
  type: ExportedType;
  /** The snapshot's namespace column: "", "DMA_BUF", "module:kvm", "ACPI|CXL". */
  namespace: string;
  /** The architecture when the export is in arch/<arch>/, "" in generic code. */
  arch: string;
  /** What exports it: the symbol itself, or a tracepoint or static call of name `name`. */
  entity: ExportEntity;
  /** The name in the export macro (the tracepoint's name for __tracepoint_X). */
  name: string;
  /** Set when only some builds export this linker symbol (a static-call trampoline). */
  condition?: string;
}

export interface RecordFacts {
  tier: Tier;
  type: ExportType;
  replacedBy?: string;
  reason?: string;
}

export interface ExportTable {
  /** The snapshot's release, e.g. v6.19. */
  version: string;
  /** By linker symbol. */
  exports: Map<string, ExportVariant[]>;
  /** By the name in the export macro, for names that are only tracepoints or static calls (kmalloc). */
  entities: Map<string, ExportVariant[]>;
  records: Map<string, RecordFacts>;
}

/** A record as the table needs it. */
export type TableRecord = Pick<RecordData, 'symbol' | 'status' | 'type' | 'replaced_by' | 'reason'>;

function sameVariant(a: ExportVariant, b: ExportVariant): boolean {
  return a.type === b.type && a.namespace === b.namespace && a.arch === b.arch && a.entity === b.entity && a.name === b.name;
}

function add(map: Map<string, ExportVariant[]>, key: string, variant: ExportVariant): void {
  const list = map.get(key);
  if (!list) map.set(key, [variant]);
  else if (!list.some((v) => sameVariant(v, variant))) list.push(variant);
}

/** Every linker symbol of one export: what a row (or a decoded group entry, or a release of the history) contributes. */
export function addExport(table: ExportTable, base: Omit<ExportVariant, 'condition'>): void {
  for (const linker of entityLinkerSymbols(base.entity, base.name, table.version)) {
    add(table.exports, linker.name, linker.condition ? { ...base, condition: linker.condition } : base);
  }
  if (base.entity !== 'symbol') add(table.entities, base.name, base);
}

export function buildExportTable(
  snapshot: { version: string; rows: readonly Pick<ExportRow, 'symbol' | 'macro' | 'namespace' | 'file'>[] },
  records: readonly TableRecord[],
): ExportTable {
  const table: ExportTable = { version: snapshot.version, exports: new Map(), entities: new Map(), records: new Map() };
  for (const row of snapshot.rows) {
    addExport(table, {
      type: exportKind(row).type,
      namespace: row.namespace,
      arch: rowArch(row.file) ?? '',
      entity: exportEntity(row.macro),
      name: row.symbol,
    });
  }
  for (const r of records)
    table.records.set(r.symbol, compact({ tier: r.status, type: r.type, replacedBy: r.replaced_by, reason: r.reason }));
  return table;
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The table as the site serves it (/check-module/latest/<range>.json, cut by check-module-shards.ts): export names grouped by export
 * type, namespace, architecture and entity, each group one string of sorted names, front-coded (each
 * name starts with how many characters it shares with the one before, as one base-36 digit, 0-z).
 * Linker symbols are derived again on decoding, by the same export model. Gzip does the rest.
 */
export interface EncodedTable {
  format: 2;
  version: string;
  types: ExportedType[];
  entities: ExportEntity[];
  /** [type index, namespace column, architecture or "", entity index, front-coded names joined by spaces] */
  groups: [number, string, string, number, string][];
  /** [symbol, tier index, type index in EXPORT_TYPES, replaced_by or "", reason or ""] */
  records: [string, number, number, string, string][];
}

const ENCODED_TYPES = EXPORT_TYPES.filter((t): t is ExportedType => t !== 'unexported');
const MAX_SHARED = 35;

export function frontCode(sorted: readonly string[]): string {
  let previous = '';
  return sorted
    .map((name) => {
      let shared = 0;
      while (shared < MAX_SHARED && shared < name.length && shared < previous.length && name[shared] === previous[shared]) shared++;
      previous = name;
      return shared.toString(36) + name.slice(shared);
    })
    .join(' ');
}

export function frontDecode(coded: string): string[] {
  if (coded === '') return [];
  let previous = '';
  return coded.split(' ').map((item) => {
    const name = previous.slice(0, parseInt(item[0]!, 36)) + item.slice(1);
    previous = name;
    return name;
  });
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function encodeExportTable(table: ExportTable): EncodedTable {
  const groups = new Map<string, Set<string>>();
  for (const variants of table.exports.values()) {
    for (const v of variants) {
      const key = `${ENCODED_TYPES.indexOf(v.type)}\t${v.namespace}\t${v.arch}\t${EXPORT_ENTITIES.indexOf(v.entity)}`;
      const names = groups.get(key);
      if (names) names.add(v.name);
      else groups.set(key, new Set([v.name]));
    }
  }
  return {
    format: 2,
    version: table.version,
    types: ENCODED_TYPES,
    entities: [...EXPORT_ENTITIES],
    groups: [...groups]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([key, names]) => {
        const [type, namespace, arch, entity] = key.split('\t') as [string, string, string, string];
        return [Number(type), namespace, arch, Number(entity), frontCode([...names].sort(byteOrder))];
      }),
    records: [...table.records]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([symbol, r]) => [symbol, TIERS.indexOf(r.tier), EXPORT_TYPES.indexOf(r.type), r.replacedBy ?? '', r.reason ?? '']),
  };
}

export function decodeExportTable(encoded: EncodedTable): ExportTable {
  if (encoded.format !== 2) throw new Error(`unknown export table format ${String(encoded.format)}`);
  const table: ExportTable = { version: encoded.version, exports: new Map(), entities: new Map(), records: new Map() };
  for (const [type, namespace, arch, entity, coded] of encoded.groups) {
    for (const name of frontDecode(coded))
      addExport(table, { type: encoded.types[type]!, namespace, arch, entity: encoded.entities[entity]!, name });
  }
  for (const [symbol, tier, type, replacedBy, reason] of encoded.records) {
    table.records.set(
      symbol,
      compact({ tier: TIERS[tier]!, type: EXPORT_TYPES[type]!, replacedBy: replacedBy || undefined, reason: reason || undefined }),
    );
  }
  return table;
}
