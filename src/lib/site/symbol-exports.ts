// What a symbol page says about the export itself, from the snapshots through the export model: for
// each release, which architectures export the symbol and how; the linker symbols a module links
// against; and one plain sentence that qualifies "exported" or "GPL-only" by architecture when the
// architectures differ. Pages only lay this out.
import {
  describeNamespace,
  ENTITY_NAMES,
  exportEntity,
  exportKind,
  linkerSymbols,
  rowArch,
  type ExportEntity,
  type ExportedType,
  type LinkerAlias,
  type LinkerSymbol,
} from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import type { SnapshotIndex } from '../releases.ts';
import { EXPORT_TYPE_INFO } from '../vocabulary.ts';

// src/data/site.ts names the type through this module.
export type { LinkerAlias };

/** Generic code (every architecture) is written as this scope. */
export const ALL_ARCHES = '';

/** How one scope exports the symbol in one release. */
export interface ScopeForm {
  macro: string;
  type: ExportedType;
  /** The namespace or module restriction in words ("" for none). */
  namespace: string;
}

export interface ScopeRow {
  /** An architecture, or ALL_ARCHES for generic code. */
  scope: string;
  /** Per release of `releases`, in order; empty where that release does not export it there. */
  cells: ScopeForm[][];
}

export interface ExportsByScope {
  releases: string[];
  /** Generic code first, then architectures A–Z. */
  rows: ScopeRow[];
}

function formsOf(rows: readonly ExportRow[]): ScopeForm[] {
  const seen = new Map<string, ScopeForm>();
  for (const row of rows)
    seen.set(`${row.macro}\t${row.namespace}`, {
      macro: row.macro,
      type: exportKind(row).type,
      namespace: describeNamespace(row.namespace),
    });
  return [...seen.values()];
}

/** The arch × release table of one symbol over the committed snapshots (oldest first). */
export function exportsByScope(indexes: readonly SnapshotIndex[], symbol: string): ExportsByScope {
  const scopes = new Map<string, ExportRow[][]>();
  indexes.forEach((index, i) => {
    for (const row of index.bySymbol.get(symbol) ?? []) {
      const scope = rowArch(row.file) ?? ALL_ARCHES;
      let cells = scopes.get(scope);
      if (!cells) scopes.set(scope, (cells = indexes.map(() => [])));
      cells[i]!.push(row);
    }
  });
  const order = [...scopes.keys()].sort((a, b) => (a === ALL_ARCHES ? -1 : b === ALL_ARCHES ? 1 : a < b ? -1 : 1));
  return { releases: indexes.map((i) => i.release), rows: order.map((scope) => ({ scope, cells: scopes.get(scope)!.map(formsOf) })) };
}

/** What kind of thing the rows export: a tracepoint or static call when every row says so. */
export function entityOf(rows: readonly ExportRow[]): ExportEntity {
  const entities = new Set(rows.map((r) => exportEntity(r.macro)));
  return entities.size === 1 ? [...entities][0]! : 'symbol';
}

/** The linker symbols of the rows in a release, each once (what nm -u shows a module needing). */
export function linkerSymbolsOf(rows: readonly ExportRow[], release: string): LinkerSymbol[] {
  const seen = new Map<string, LinkerSymbol>();
  for (const row of rows) for (const l of linkerSymbols(row, release)) if (!seen.has(l.name)) seen.set(l.name, l);
  return [...seen.values()];
}

function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function licenceWords(types: ReadonlySet<ExportedType>): string {
  const gpl = [...types].map((t) => EXPORT_TYPE_INFO[t].gplOnly);
  if (gpl.every(Boolean)) return 'GPL-only';
  if (gpl.some(Boolean)) return 'GPL-only in some configurations';
  return 'to any licence';
}

/**
 * One sentence on where and how a release exports the symbol, qualified by architecture:
 * "Exported in v6.19 on every architecture, GPL-only." or "Exported in v6.19 only by architecture
 * code for loongarch and riscv, GPL-only: modules built for other architectures cannot link against it."
 */
export function exportSentence(rows: readonly ExportRow[], release: string): string {
  if (rows.length === 0) return `Not exported in ${release}.`;
  const generic = rows.filter((r) => rowArch(r.file) === undefined);
  const archRows = rows.filter((r) => rowArch(r.file) !== undefined);
  const arches = [...new Set(archRows.map((r) => rowArch(r.file)!))].sort();
  const types = (rs: readonly ExportRow[]) => new Set(rs.map((r) => exportKind(r).type));
  const entity = entityOf(rows);
  const what = entity === 'symbol' ? 'Exported' : `The ${ENTITY_NAMES[entity]} is exported`;
  if (generic.length === 0) {
    return `${what} in ${release} only by architecture code for ${list(arches)}, ${licenceWords(types(rows))}: modules built for other architectures cannot link against it.`;
  }
  const base = `${what} in ${release} on every architecture, ${licenceWords(types(generic))}`;
  if (!arches.length) return `${base}.`;
  const same = licenceWords(types(archRows)) === licenceWords(types(generic));
  return `${base}; ${list(arches)} also ${arches.length === 1 ? 'has its' : 'have their'} own export${same ? '' : `, ${licenceWords(types(archRows))}`} (which one a build uses depends on its configuration).`;
}

/**
 * The names of a release's exported functions and variables (not tracepoints or static calls), one
 * a line: a tracepoint page searches it with indexOf instead of testing 40,000 names. Built once per index.
 */
const plainNames = new WeakMap<SnapshotIndex, string>();

function plainNamesOf(index: SnapshotIndex): string {
  let names = plainNames.get(index);
  if (names === undefined) {
    const list: string[] = [];
    for (const [symbol, rows] of index.bySymbol) if (entityOf(rows) === 'symbol') list.push(symbol);
    plainNames.set(index, (names = `\n${list.join('\n')}\n`));
  }
  return names;
}

/** Exported symbols whose name contains `name` (what a module calling a header macro may link against). */
export function similarExports(index: SnapshotIndex | undefined, name: string, limit = 12): string[] {
  if (!index || name.length < 3 || name.includes('\n')) return [];
  const names = plainNamesOf(index);
  const found: string[] = [];
  for (let at = names.indexOf(name); at !== -1;) {
    const start = names.lastIndexOf('\n', at) + 1;
    const end = names.indexOf('\n', at + name.length);
    const symbol = names.slice(start, end);
    if (symbol !== name) found.push(symbol);
    // One match per name, however often it contains `name`.
    at = names.indexOf(name, end);
  }
  // Names that start with it (once leading underscores are dropped) first: __kmalloc_noprof before devm_kmalloc.
  const starts = (s: string) => (s.replace(/^_+/, '').startsWith(name.replace(/^_+/, '')) ? 0 : 1);
  return found.sort((a, b) => starts(a) - starts(b) || a.length - b.length || (a < b ? -1 : 1)).slice(0, limit);
}

/** Every linker symbol of a release that differs from the name in its export macro and has no page of its own. */
export function linkerAliases(index: SnapshotIndex | undefined, hasPage: (name: string) => boolean): LinkerAlias[] {
  if (!index) return [];
  const aliases = new Map<string, LinkerAlias>();
  for (const [symbol, rows] of index.bySymbol) {
    for (const row of rows) {
      const entity = exportEntity(row.macro);
      if (entity === 'symbol') continue;
      for (const l of linkerSymbols(row, index.release)) {
        if (l.name !== symbol && !hasPage(l.name) && !aliases.has(l.name)) aliases.set(l.name, { name: l.name, target: symbol, entity });
      }
    }
  }
  return [...aliases.values()];
}
