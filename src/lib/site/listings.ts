// Every exported symbol where a reader looks for it: the export-type pages, the namespace pages
// (and the module-restricted exports), the A–Z index and the home page's counts list the latest
// snapshot's symbols, not only the records. Computed once per build from the snapshots (about
// 40,000 rows) by src/data/site.ts; pages only lay the pieces out. What a row means (type, GPL,
// namespace, module list, architecture) comes from the export model.
import {
  describeModules,
  describeNamespace,
  exportKind,
  restrictedModules,
  rowArch,
  rowsBySymbol,
  type ExportedType,
} from '../kernel/export-model.ts';
import type { ExportRow, Snapshot } from '../kernel/snapshot.ts';
import { importLine } from '../check-module.ts';
import { EXPORT_TYPES, type ExportType, type Tier } from '../vocabulary.ts';
import { slugify } from '../urls.ts';
import { bySymbol, indexLetter, type SiteMechanism, type SiteRecord } from './model.ts';
import { effectiveNamespace } from '../symbols.ts';

/** How many symbols a listing page holds at most (about 20 KB of gzipped HTML at kernel scale). */
export const LISTING_PAGE_SIZE = 1000;

export const EXPORTED_TYPES = EXPORT_TYPES.filter((t): t is ExportedType => t !== 'unexported');

/** One symbol in a listing, with what a reader needs to know about it there. */
export interface ListedSymbol {
  symbol: string;
  /** Whether the symbol has a page on the site (a record, or a name usable in a URL). */
  page: boolean;
  /** Importable namespaces the listed rows put it in (type pages of the _NS types). */
  namespaces: string[];
  /** The module-restricted groups (their names, `module:a,b`) the listed rows limit it to. */
  moduleGroups: string[];
  /** Where or when this listing holds, in words: "x86 only", "depends on configuration", "GPL-only". */
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// Words

function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/**
 * Where some of a symbol's rows are built: "x86 only" when they all sit below arch/, else "generic
 * code" (with the architectures that also export it this way: "generic code, powerpc and x86").
 */
export function whereText(rows: readonly Pick<ExportRow, 'file'>[]): string {
  const arches = [...new Set(rows.map((r) => rowArch(r.file)).filter((a) => a !== undefined))].sort();
  const generic = rows.some((r) => rowArch(r.file) === undefined);
  if (!generic) return `${listText(arches)} only`;
  return arches.length ? `generic code, ${listText(arches)}` : 'generic code';
}

/** The group name of a module list: `module:kvm,kvm-amd` (never shown; pages show describeModules). */
export function moduleGroupName(modules: readonly string[]): string {
  return `module:${modules.join(',')}`;
}

/**
 * A namespace as records and feeds name it, for a reader: "DMA_BUF" stays, "module:kvm" reads "only
 * the module kvm", "ACPI|CXL" reads "ACPI or CXL (depends on configuration)" (describeNamespace).
 */
export function namespaceLabel(name: string): string {
  return name.startsWith('module:') && !name.includes('|') ? `only ${describeModules(restrictedModules([name]))}` : describeNamespace(name);
}

/** A reader's title for a module group: "Exports restricted to KVM and its vendor modules (kvm-amd)". */
export function moduleGroupTitle(modules: readonly string[]): string {
  return `Exports restricted to ${describeModules(modules)}`;
}

// ---------------------------------------------------------------------------------------------
// One symbol's rows, read once

interface SymbolRows {
  symbol: string;
  rows: ExportRow[];
  kinds: ReturnType<typeof exportKind>[];
}

/** Sorts by compareSymbols' order with each key computed once (40,000 names sort in milliseconds). */
export function sortBySymbol<T>(items: readonly T[], symbol: (item: T) => string): T[] {
  const keyed = items.map((item) => {
    const s = symbol(item);
    return { item, s, k: s.replace(/^_+/, '').toLowerCase() };
  });
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  return keyed.map((x) => x.item);
}

/** A snapshot's symbols with their rows and what each row means, A–Z (the order every listing keeps). */
function symbolRows(snapshot: Snapshot | undefined): SymbolRows[] {
  if (!snapshot) return [];
  const list = [...rowsBySymbol(snapshot.rows)].map(([symbol, rows]) => ({ symbol, rows, kinds: rows.map((r) => exportKind(r)) }));
  return sortBySymbol(list, (s) => s.symbol);
}

/** symbolRows, once per snapshot object (the listings of one build share it). */
const symbolRowsCache = new WeakMap<Snapshot, SymbolRows[]>();
function cachedSymbolRows(snapshot: Snapshot | undefined): SymbolRows[] {
  if (!snapshot) return [];
  let rows = symbolRowsCache.get(snapshot);
  if (!rows) symbolRowsCache.set(snapshot, (rows = symbolRows(snapshot)));
  return rows;
}

/** The importable namespaces and the module groups of some rows (namespace alternatives each count). */
function placesOf(s: SymbolRows, indexes: readonly number[]): { namespaces: string[]; moduleGroups: string[]; conditional: boolean } {
  const namespaces = new Set<string>();
  const moduleGroups = new Set<string>();
  let conditional = false;
  for (const i of indexes) {
    const alternatives = s.kinds[i]!.alternatives;
    const plain = alternatives.filter((a) => !a.startsWith('module:'));
    for (const ns of plain) namespaces.add(ns);
    const modules = restrictedModules(alternatives);
    if (modules.length) moduleGroups.add(moduleGroupName(modules));
    // A wrapper whose namespace depends on configuration (ACPI|CXL); module lists merge into one group.
    if (plain.length > 1 || (plain.length && modules.length)) conditional = true;
  }
  return { namespaces: [...namespaces], moduleGroups: [...moduleGroups], conditional };
}

// ---------------------------------------------------------------------------------------------
// Export types

export interface TypeListing {
  type: ExportedType;
  /** Every symbol exported with this type in some row, A–Z. */
  symbols: ListedSymbol[];
}

/**
 * Every exported symbol of a snapshot under its export type (`exportKind(row).type`). A symbol whose
 * rows differ in type (per architecture or configuration) is listed under each, with where.
 */
export function typeListings(snapshot: Snapshot | undefined, hasPage: (symbol: string) => boolean): TypeListing[] {
  const lists = new Map<ExportedType, ListedSymbol[]>(EXPORTED_TYPES.map((t) => [t, []]));
  for (const s of cachedSymbolRows(snapshot)) {
    const byType = new Map<ExportedType, number[]>();
    s.kinds.forEach((k, i) => {
      const list = byType.get(k.type);
      if (list) list.push(i);
      else byType.set(k.type, [i]);
    });
    // Generic code exporting it with two types: which one a build gets depends on its configuration.
    const genericTypes = new Set(s.rows.flatMap((r, i) => (rowArch(r.file) === undefined ? [s.kinds[i]!.type] : [])));
    const page = hasPage(s.symbol);
    for (const [type, indexes] of byType) {
      const rows = indexes.map((i) => s.rows[i]!);
      const places = placesOf(s, indexes);
      const notes: string[] = [];
      const where = whereText(rows);
      // Mark where when the symbol has other types elsewhere, or when only architecture code exports it.
      if (byType.size > 1 || !where.startsWith('generic code')) notes.push(where);
      if (places.conditional || (byType.size > 1 && genericTypes.size > 1 && rows.some((r) => rowArch(r.file) === undefined)))
        notes.push('depends on configuration');
      lists.get(type)!.push({ symbol: s.symbol, page, namespaces: places.namespaces, moduleGroups: places.moduleGroups, notes });
    }
  }
  return EXPORTED_TYPES.map((type) => ({ type, symbols: lists.get(type)! }));
}

// ---------------------------------------------------------------------------------------------
// Namespaces and module-restricted exports

export interface ImportLine {
  release: string;
  line: string;
}

export interface NamespaceListing {
  /** The namespace (DMA_BUF), or a module group's name (`module:kvm,kvm-amd`, never shown). */
  name: string;
  slug: string;
  kind: 'namespace' | 'modules';
  /** For module groups: the modules allowed, in any configuration. */
  modules?: string[];
  /** The latest snapshot's symbols in it, A–Z. */
  symbols: ListedSymbol[];
  records: SiteRecord[];
  mechanisms: SiteMechanism[];
  /** The MODULE_IMPORT_NS line in each committed release that has the namespace, oldest first (namespaces only). */
  imports: ImportLine[];
}

/** Every importable namespace of each snapshot: the releases' namespace sets, computed once. */
export function snapshotNamespaces(snapshots: readonly Snapshot[]): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  for (const snapshot of snapshots) {
    const set = new Set<string>();
    const seen = new Set<string>();
    for (const row of snapshot.rows) {
      if (row.namespace === '' || seen.has(row.namespace)) continue;
      seen.add(row.namespace);
      for (const ns of exportKind(row).alternatives) if (!ns.startsWith('module:')) set.add(ns);
    }
    sets.set(snapshot.version, set);
  }
  return sets;
}

/**
 * Every namespace of the latest snapshot, and every namespace a record or mechanism names, with their
 * symbols, records, mechanisms and import lines; then the module-restricted exports grouped by
 * module list. Namespaces first (A–Z), then module groups.
 */
export function namespaceListings(
  snapshots: readonly Snapshot[],
  records: readonly SiteRecord[],
  mechanisms: readonly SiteMechanism[],
  hasPage: (symbol: string) => boolean,
): NamespaceListing[] {
  const map = new Map<string, NamespaceListing>();
  const get = (name: string): NamespaceListing => {
    let ns = map.get(name);
    if (!ns) {
      const modules = name.startsWith('module:') ? restrictedModules([name]) : undefined;
      map.set(
        name,
        (ns = {
          name,
          slug: slugify(name),
          kind: modules ? 'modules' : 'namespace',
          modules,
          symbols: [],
          records: [],
          mechanisms: [],
          imports: [],
        }),
      );
    }
    return ns;
  };
  for (const s of cachedSymbolRows(snapshots.at(-1))) {
    const indexes = s.kinds.map((_, i) => i).filter((i) => s.kinds[i]!.alternatives.length > 0);
    if (indexes.length === 0) continue;
    const page = hasPage(s.symbol);
    const members = new Map<string, number[]>();
    for (const i of indexes) {
      const { namespaces, moduleGroups } = placesOf(s, [i]);
      for (const name of [...namespaces, ...moduleGroups]) {
        const list = members.get(name);
        if (list) list.push(i);
        else members.set(name, [i]);
      }
    }
    for (const [name, idx] of members) {
      const rows = idx.map((i) => s.rows[i]!);
      const notes: string[] = [];
      const where = whereText(rows);
      if (!where.startsWith('generic code') || idx.length < s.rows.length) notes.push(where);
      if (placesOf(s, idx).conditional) notes.push('depends on configuration');
      const gpl = idx.filter((i) => s.kinds[i]!.gplOnly).length;
      if (!name.startsWith('module:')) notes.unshift(gpl === idx.length ? 'GPL-only' : gpl > 0 ? 'GPL-only in some places' : 'any licence');
      get(name).symbols.push({ symbol: s.symbol, page, namespaces: [], moduleGroups: [], notes });
    }
  }
  for (const r of records) {
    const ns = effectiveNamespace(r.data);
    if (!ns) continue;
    get(ns.startsWith('module:') ? moduleGroupName(restrictedModules([ns])) : ns).records.push(r);
  }
  // Mechanism decisions name a concrete namespace only when it is an identifier (e.g. DMA_BUF).
  for (const m of mechanisms) if (m.data.namespace && /^[A-Z][A-Z0-9_]*$/.test(m.data.namespace)) get(m.data.namespace).mechanisms.push(m);

  const perRelease = snapshotNamespaces(snapshots);
  for (const ns of map.values()) {
    ns.records.sort(bySymbol);
    ns.mechanisms.sort((a, b) => (a.data.date < b.data.date ? -1 : 1));
    if (ns.kind === 'namespace')
      ns.imports = snapshots
        .filter((s) => perRelease.get(s.version)?.has(ns.name))
        .map((s) => ({ release: s.version, line: importLine(ns.name, s.version) }));
  }
  const list = [...map.values()].sort((a, b) =>
    a.kind !== b.kind
      ? a.kind === 'namespace'
        ? -1
        : 1
      : a.kind === 'namespace'
        ? a.name.localeCompare(b.name)
        : describeModules(a.modules!).localeCompare(describeModules(b.modules!)),
  );
  const slugs = new Map<string, string>();
  for (const ns of list) {
    const other = slugs.get(ns.slug);
    if (other !== undefined) throw new Error(`namespaces ${other} and ${ns.name} would share the page /namespaces/${ns.slug}/`);
    slugs.set(ns.slug, ns.name);
  }
  return list;
}

/** The import line for a namespace no committed snapshot has, in both syntaxes. */
export function importLines(namespace: string): { since: string; line: string }[] {
  return [
    { since: 'v6.13', line: importLine(namespace, 'v6.13-rc1') },
    { since: 'before v6.13', line: importLine(namespace, 'v6.12') },
  ];
}

// ---------------------------------------------------------------------------------------------
// A–Z index

export interface AzEntry {
  symbol: string;
  page: boolean;
  /** Its export types in the latest snapshot (several when rows differ). */
  types: ExportedType[];
  /** When it has a record: the record's tier and type. */
  tier?: Tier;
  recordType?: ExportType;
}

export interface LetterListing {
  /** "A"… "Z", or "#" for names starting with a digit or another character. */
  letter: string;
  entries: AzEntry[];
}

/** Every symbol of the latest snapshot and every record, by first letter (leading underscores ignored), A–Z. */
export function azIndex(
  snapshot: Snapshot | undefined,
  records: readonly SiteRecord[],
  hasPage: (symbol: string) => boolean,
): LetterListing[] {
  const entries = new Map<string, AzEntry>();
  for (const s of cachedSymbolRows(snapshot)) {
    const types = EXPORTED_TYPES.filter((t) => s.kinds.some((k) => k.type === t));
    entries.set(s.symbol, { symbol: s.symbol, page: hasPage(s.symbol), types });
  }
  for (const r of records) {
    const entry = entries.get(r.data.symbol) ?? { symbol: r.data.symbol, page: true, types: [] };
    entry.page = true;
    entry.tier = r.data.status;
    entry.recordType = r.data.type;
    entries.set(r.data.symbol, entry);
  }
  const letters = new Map<string, AzEntry[]>();
  for (const e of sortBySymbol([...entries.values()], (x) => x.symbol)) {
    const letter = indexLetter(e.symbol);
    const list = letters.get(letter);
    if (list) list.push(e);
    else letters.set(letter, [e]);
  }
  return [...letters]
    .map(([letter, list]) => ({ letter, entries: list }))
    .sort((a, b) => (a.letter === '#' ? 1 : b.letter === '#' ? -1 : a.letter < b.letter ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------
// Pages

export interface ListingPage<T> {
  /** 1-based. */
  number: number;
  items: T[];
  /** The first and last symbol on the page, for the links between pages. */
  first: string;
  last: string;
}

/**
 * Splits a listing into pages of at most `size` items, as even as possible (3 pages of 700, not
 * 1,000 + 1,000 + 100). An empty listing is one empty page.
 */
export function paginate<T>(items: readonly T[], size: number, symbol: (item: T) => string): ListingPage<T>[] {
  const count = Math.max(1, Math.ceil(items.length / size));
  const per = Math.ceil(items.length / count);
  return Array.from({ length: count }, (_, i) => {
    const slice = items.slice(i * per, (i + 1) * per);
    return { number: i + 1, items: slice, first: slice.length ? symbol(slice[0]!) : '', last: slice.length ? symbol(slice.at(-1)!) : '' };
  });
}

/** The count of each export type in the latest snapshot beside the records of that type: the home page's table. */
export interface TypeCount {
  type: ExportType;
  /** Symbols exported with this type in the latest snapshot (undefined for "unexported"). */
  exported?: number;
  records: number;
}

export function typeCountTable(types: readonly TypeListing[], records: readonly SiteRecord[]): TypeCount[] {
  const exported = new Map(types.map((t) => [t.type as ExportType, t.symbols.length]));
  return EXPORT_TYPES.map((type) => ({
    type,
    exported: type === 'unexported' ? undefined : (exported.get(type) ?? 0),
    records: records.filter((r) => r.data.type === type).length,
  }));
}

/** Everything the listing pages show, computed once per build. */
export interface Listings {
  /** The latest snapshot's release ("" without snapshots). */
  release: string;
  /** Distinct symbols the latest snapshot exports. */
  symbolCount: number;
  types: TypeListing[];
  namespaces: NamespaceListing[];
  letters: LetterListing[];
}

export function buildListings(
  snapshots: readonly Snapshot[],
  records: readonly SiteRecord[],
  mechanisms: readonly SiteMechanism[],
  hasPage: (symbol: string) => boolean,
): Listings {
  const latest = snapshots.at(-1);
  return {
    release: latest?.version ?? '',
    symbolCount: latest ? new Set(latest.rows.map((r) => r.symbol)).size : 0,
    types: typeListings(latest, hasPage),
    namespaces: namespaceListings(snapshots, records, mechanisms, hasPage),
    letters: azIndex(latest, records, hasPage),
  };
}
