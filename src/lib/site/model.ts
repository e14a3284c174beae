// What the pages show, computed from records: listings, counts, facts. Pages only lay it out.
import { EXPORT_TYPES, EXPORT_TYPE_INFO, TIERS, type ExportType, type Tier } from '../vocabulary.ts';
import type { MechanismData, RecordData } from '../schema.ts';
import { slugify } from '../urls.ts';
import { compareSymbols, effectiveNamespace } from '../symbols.ts';
import { moduleImportLine, NAMESPACE_STRING_LITERAL_SINCE } from '../kernel/export-model.ts';

export interface SiteRecord {
  data: RecordData;
  /** Rendered body HTML. */
  html: string;
  /** Path of the source file in the repository, for "edit this record". */
  sourcePath: string;
}

export interface SiteMechanism {
  id: string;
  data: MechanismData;
  html: string;
  sourcePath: string;
}

export const bySymbol = (a: SiteRecord, b: SiteRecord) => compareSymbols(a.data.symbol, b.data.symbol);

export function indexLetter(symbol: string): string {
  const c = symbol.replace(/^_+/, '').charAt(0).toUpperCase();
  return /[A-Z]/.test(c) ? c : '#';
}

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(item);
  }
  return groups;
}

export function countBy<T, K extends string>(items: readonly T[], keys: readonly K[], key: (item: T) => K): { key: K; count: number }[] {
  const counts = new Map<K, number>(keys.map((k) => [k, 0]));
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return keys.map((k) => ({ key: k, count: counts.get(k) ?? 0 }));
}

export function tierCounts(records: readonly SiteRecord[]) {
  return countBy<SiteRecord, Tier>(records, TIERS, (r) => r.data.status);
}

export function typeCounts(records: readonly SiteRecord[]) {
  return countBy<SiteRecord, ExportType>(records, EXPORT_TYPES, (r) => r.data.type);
}

/** Most recent decisions first: the later of the decision date and the last history date. */
export function latestDecisions(records: readonly SiteRecord[], limit: number): SiteRecord[] {
  const changed = (r: SiteRecord) => r.data.history?.at(-1)?.date ?? r.data.date;
  return [...records].sort((a, b) => (changed(a) < changed(b) ? 1 : changed(a) > changed(b) ? -1 : bySymbol(a, b))).slice(0, limit);
}

export interface Subsystem {
  name: string;
  slug: string;
  records: SiteRecord[];
}

export function subsystems(records: readonly SiteRecord[]): Subsystem[] {
  return [...groupBy(records, (r) => r.data.subsystem)]
    .map(([name, list]) => ({ name, slug: slugify(name), records: list.sort(bySymbol) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface Namespace {
  name: string;
  slug: string;
  records: SiteRecord[];
  mechanisms: SiteMechanism[];
}

export function namespaces(records: readonly SiteRecord[], mechanisms: readonly SiteMechanism[]): Namespace[] {
  const map = new Map<string, Namespace>();
  const get = (name: string) => {
    let ns = map.get(name);
    if (!ns) map.set(name, (ns = { name, slug: slugify(name), records: [], mechanisms: [] }));
    return ns;
  };
  for (const r of records) {
    const ns = effectiveNamespace(r.data);
    if (ns) get(ns).records.push(r);
  }
  // Mechanism decisions name a concrete namespace only when it is an identifier (e.g. DMA_BUF).
  for (const m of mechanisms) if (m.data.namespace && /^[A-Z][A-Z0-9_]*$/.test(m.data.namespace)) get(m.data.namespace).mechanisms.push(m);
  for (const ns of map.values()) ns.records.sort(bySymbol);
  return [...map.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** What a module author has to write to use the symbol, if anything. */
export function importAdvice(data: Pick<RecordData, 'type' | 'namespace'>): { line?: string; text: string } | undefined {
  const info = EXPORT_TYPE_INFO[data.type];
  if (info.takesNamespace === 'namespace' && data.namespace) {
    return {
      line: moduleImportLine(data.namespace, NAMESPACE_STRING_LITERAL_SINCE),
      text: `Modules must import the ${data.namespace} namespace (kernels before 6.13 write the bare token: ${moduleImportLine(data.namespace, 'v6.12')}).`,
    };
  }
  if (info.takesNamespace === 'modules' && data.namespace) {
    return {
      text: `Only the module${data.namespace.includes(',') ? 's' : ''} ${data.namespace.split(',').join(', ')} may use this symbol; the "module:" namespace cannot be imported by others.`,
    };
  }
  return undefined;
}

export function licenceNote(type: ExportType): string {
  if (type === 'unexported') return 'Not available to modules.';
  return EXPORT_TYPE_INFO[type].gplOnly
    ? 'GPL-only: usable only by modules whose MODULE_LICENSE is GPL-compatible.'
    : 'Usable by modules under any licence.';
}

export function mechanismsForType(mechanisms: readonly SiteMechanism[], type: ExportType): SiteMechanism[] {
  return mechanisms.filter((m) => m.data.types.includes(type)).sort((a, b) => (a.data.date < b.data.date ? -1 : 1));
}
