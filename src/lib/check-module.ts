// Can an out-of-tree module use what it links against? Input: its undefined symbols, as `nm -u foo.ko`
// prints them, as a plain list, or as modpost's (or the module loader's) complaints. Each symbol is
// looked up in one snapshot's exports and the decision records: exported or not, GPL-only, which
// namespace to import (and the MODULE_IMPORT_NS line for that release), restricted to named
// modules, and the record's tier and replacement. No Node imports: the /check-module/ page runs this
// in the browser with the table it downloads; the CLI builds the same table from the snapshot.
import { exportKind, namespaceAlternatives, type ExportedType } from './kernel/export-kind.ts';
import type { ExportRow } from './kernel/snapshot.ts';
import { compareReleases } from './kernel/versions.ts';
import { isPageName } from './site/undocumented.ts';
import { sitePaths } from './urls.ts';
import { EXPORT_TYPES, TIERS, type ExportType, type Tier } from './vocabulary.ts';

// ---------------------------------------------------------------------------------------------
// Input: parsed and bounded in check-module-input.ts (text, nm -u output, modpost logs, .ko files).

export * from './check-module-input.ts';
import { describeInput, type ModuleInput, type Reported } from './check-module-input.ts';

// ---------------------------------------------------------------------------------------------
// The export table: one snapshot's exports and the records, as the check needs them.

/** One way a symbol is exported (several when architectures or configurations differ). */
export interface ExportVariant {
  type: ExportedType;
  /** The snapshot's namespace column: "", "DMA_BUF", "module:kvm", "ACPI|CXL". */
  namespace: string;
  /** The architecture when the export is in arch/<arch>/, "" in generic code. */
  arch: string;
}

/** arch/x86/lib/memcpy_64.S -> x86; generic code -> "". */
export function archOf(file: string): string {
  return file.startsWith('arch/') ? (file.split('/')[1] ?? '') : '';
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
  exports: Map<string, ExportVariant[]>;
  records: Map<string, RecordFacts>;
}

export interface TableRecord {
  symbol: string;
  status: Tier;
  type: ExportType;
  replaced_by?: string;
  reason?: string;
}

export function buildExportTable(snapshot: { version: string; rows: readonly Pick<ExportRow, 'symbol' | 'macro' | 'namespace' | 'file'>[] }, records: readonly TableRecord[]): ExportTable {
  const exports = new Map<string, ExportVariant[]>();
  for (const row of snapshot.rows) {
    const variant: ExportVariant = { type: exportKind(row).type, namespace: row.namespace, arch: archOf(row.file) };
    const list = exports.get(row.symbol);
    if (!list) exports.set(row.symbol, [variant]);
    else if (!list.some((v) => v.type === variant.type && v.namespace === variant.namespace && v.arch === variant.arch)) list.push(variant);
  }
  const table = new Map<string, RecordFacts>();
  for (const r of records) table.set(r.symbol, compact({ tier: r.status, type: r.type, replacedBy: r.replaced_by, reason: r.reason }));
  return { version: snapshot.version, exports, records: table };
}

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/**
 * The table as the site serves it (/check-module/exports.json): symbols grouped by export type,
 * namespace and architecture, each group one string of sorted names, front-coded (each name starts with how many
 * characters it shares with the one before, as one base-36 digit, 0-z). Gzip does the rest.
 */
export interface EncodedTable {
  format: 1;
  version: string;
  types: ExportedType[];
  /** [type index, namespace column, architecture or "", front-coded names joined by spaces] */
  groups: [number, string, string, string][];
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

export function encodeExportTable(table: ExportTable): EncodedTable {
  const groups = new Map<string, string[]>();
  for (const [symbol, variants] of table.exports) {
    for (const v of variants) {
      const key = `${ENCODED_TYPES.indexOf(v.type)}\t${v.namespace}\t${v.arch}`;
      const list = groups.get(key);
      if (list) list.push(symbol);
      else groups.set(key, [symbol]);
    }
  }
  const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    format: 1,
    version: table.version,
    types: ENCODED_TYPES,
    groups: [...groups]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([key, symbols]) => {
        const [type, namespace, arch] = key.split('\t') as [string, string, string];
        return [Number(type), namespace, arch, frontCode(symbols.sort(byteOrder))];
      }),
    records: [...table.records]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([symbol, r]) => [symbol, TIERS.indexOf(r.tier), EXPORT_TYPES.indexOf(r.type), r.replacedBy ?? '', r.reason ?? '']),
  };
}

export function decodeExportTable(encoded: EncodedTable): ExportTable {
  if (encoded.format !== 1) throw new Error(`unknown export table format ${String(encoded.format)}`);
  const exports = new Map<string, ExportVariant[]>();
  for (const [type, namespace, arch, coded] of encoded.groups) {
    const variant: ExportVariant = { type: encoded.types[type]!, namespace, arch };
    for (const symbol of frontDecode(coded)) {
      const list = exports.get(symbol);
      if (list) list.push(variant);
      else exports.set(symbol, [variant]);
    }
  }
  const records = new Map<string, RecordFacts>();
  for (const [symbol, tier, type, replacedBy, reason] of encoded.records) {
    records.set(symbol, compact({ tier: TIERS[tier]!, type: EXPORT_TYPES[type]!, replacedBy: replacedBy || undefined, reason: reason || undefined }));
  }
  return { version: encoded.version, exports, records };
}

// ---------------------------------------------------------------------------------------------
// The check.

/** How MODULE_IMPORT_NS is written for a release: a string literal since 6.13-rc1, a bare token before. */
export function importLine(namespace: string, version: string): string {
  return compareReleases(version, 'v6.13-rc1') >= 0 ? `MODULE_IMPORT_NS("${namespace}");` : `MODULE_IMPORT_NS(${namespace});`;
}

/** ok: usable as is; action: usable after a change (import a namespace, a GPL-compatible licence); blocked: not usable. */
export type Verdict = 'ok' | 'action' | 'blocked';

export interface SymbolCheck {
  symbol: string;
  reported: Reported[];
  exported: boolean;
  verdict: Verdict;
  /** Short labels: "GPL-only", "namespace DMA_BUF", "restricted", "not exported", "obsolete". */
  labels: string[];
  /** The export types the snapshot gives it (several when architectures differ). */
  types: ExportedType[];
  gplOnly: boolean;
  /** The namespace to import, when it has one that can be imported. */
  namespace?: string;
  importLine?: string;
  /** The modules it is restricted to (EXPORT_SYMBOL_FOR_MODULES). */
  restrictedTo?: string;
  /** Set when only architecture code exports it: those architectures. */
  arches?: string[];
  record?: RecordFacts;
  /** Its page on this site, when it has one. */
  link?: string;
  /** What to know, one sentence each. */
  notes: string[];
}

export interface ModuleCheck {
  version: string;
  input: string;
  symbols: SymbolCheck[];
  /** Each MODULE_IMPORT_NS line the module needs, once. */
  imports: string[];
  gplOnly: string[];
  blocked: string[];
  ignored: number;
}

export interface CheckOptions {
  /** The site's base path, for links. */
  base?: string;
  /** Which symbols have a page; default: a record, or exported in the table's snapshot (right when it is the latest). */
  hasPage?: (symbol: string) => boolean;
}

/**
 * The exported name behind an ELF symbol a module links against: a tracepoint's __tracepoint_<name>,
 * __traceiter_<name> and static-call keys, and a static call's __SCK__/__SCT__<name>, come from the
 * export of <name> (the snapshot lists EXPORT_TRACEPOINT_SYMBOL and EXPORT_STATIC_CALL under it).
 */
export function exportedName(symbol: string, exports: ReadonlyMap<string, unknown>): string {
  if (exports.has(symbol)) return symbol;
  const m = /^(?:__tracepoint_|__traceiter_|__SC[KT]__tp_func_|__SC[KT]__)(.+)$/.exec(symbol);
  return m && exports.has(m[1]!) ? m[1]! : symbol;
}

export function checkSymbol(symbol: string, reported: Reported[], table: ExportTable, options: CheckOptions = {}): SymbolCheck {
  const name = exportedName(symbol, table.exports);
  const variants = table.exports.get(name) ?? [];
  const record = table.records.get(name);
  const version = table.version;
  const check: SymbolCheck = { symbol, reported, exported: variants.length > 0, verdict: 'ok', labels: [], types: [...new Set(variants.map((v) => v.type))], gplOnly: false, notes: [] };
  if (record) check.record = record;
  const hasPage = options.hasPage ?? ((s: string) => table.records.has(s) || (table.exports.has(s) && isPageName(s)));
  if (hasPage(name)) check.link = sitePaths(options.base ?? '/').symbol(name);
  if (name !== symbol) check.notes.push(`Comes with the export of ${name} (a tracepoint or static call): what holds for ${name} holds for it.`);
  const replacement = record?.replacedBy ? ` Use ${record.replacedBy} instead.` : '';
  const reportedNs = reported.find((r) => r.namespace)?.namespace;

  if (!variants.length) {
    check.verdict = 'blocked';
    check.labels.push('not exported');
    if (record?.tier === 'removed') {
      check.labels.push('removed');
      check.notes.push(`Not exported in ${version}: the export was removed.${record.reason ? ` ${record.reason}` : ''}${replacement}`);
    } else if (record) {
      check.notes.push(`Not exported in ${version}, although its record (${record.tier}) says ${record.type}.${replacement}`);
    } else {
      check.notes.push(
        `Not exported in ${version}: no module can link against it. It may be a macro or inline function in a header, exported under another name, or defined by another out-of-tree module.`,
      );
    }
    if (reportedNs) {
      // Built against another release than the snapshot: modpost's namespace still tells what to import.
      check.namespace = reportedNs;
      check.importLine = importLine(reportedNs, version);
      check.notes.push(`modpost says your kernel exports it in namespace ${reportedNs}: add ${check.importLine}`);
    }
    return check;
  }

  if (variants.every((v) => v.arch !== '')) {
    check.arches = [...new Set(variants.map((v) => v.arch))].sort();
    check.labels.push(`only ${check.arches.join(', ')}`);
    check.notes.push(`Exported only by architecture code (${check.arches.join(', ')}): a module built for another architecture cannot link against it.`);
  }
  const restricted = variants.find((v) => v.type === 'EXPORT_SYMBOL_FOR_MODULES');
  const usable = variants.filter((v) => v.type !== 'EXPORT_SYMBOL_FOR_MODULES');
  if (restricted) {
    const modules = namespaceAlternatives(restricted.namespace).map((ns) => ns.replace(/^module:/, '')).join(' or ');
    check.restrictedTo = modules;
    check.labels.push('restricted');
    if (!usable.length) {
      check.verdict = 'blocked';
      check.notes.push(
        `Restricted to the modules ${modules} (EXPORT_SYMBOL_FOR_MODULES): no other module may use it, and its "module:" namespace cannot be imported.`,
      );
    } else {
      check.notes.push(`Restricted to the modules ${modules} in some places it is exported, open to others elsewhere (per architecture or configuration).`);
    }
  }
  if (usable.length) {
    const gpl = usable.filter((v) => v.type === 'EXPORT_SYMBOL_GPL' || v.type === 'EXPORT_SYMBOL_NS_GPL');
    if (gpl.length) {
      check.gplOnly = true;
      check.labels.push('GPL-only');
      check.verdict = 'action';
      const gplArches = gpl.every((v) => v.arch !== '') ? [...new Set(gpl.map((v) => v.arch))].sort() : [];
      const where = gplArches.length ? `on ${gplArches.join(', ')}` : 'in some places it is exported (per architecture or configuration)';
      check.notes.push(
        gpl.length === usable.length
          ? 'GPL-only: the module needs a GPL-compatible MODULE_LICENSE.'
          : `GPL-only ${where}, open to any licence elsewhere: a module that builds there needs a GPL-compatible MODULE_LICENSE.`,
      );
    }
    const namespaces = [...new Set(usable.flatMap((v) => namespaceAlternatives(v.namespace)))];
    if (namespaces.length) {
      const ns = reportedNs && namespaces.includes(reportedNs) ? reportedNs : namespaces[0]!;
      check.namespace = ns;
      check.importLine = importLine(ns, version);
      check.labels.push(`namespace ${ns}`);
      check.verdict = 'action';
      const others = namespaces.filter((n) => n !== ns);
      check.notes.push(
        `In namespace ${ns}: add ${check.importLine}${others.length ? ` (depending on the configuration it may be ${others.join(' or ')} instead)` : ''}`,
      );
      if (usable.some((v) => v.namespace === '')) check.notes.push('Exported without a namespace in some places (per architecture or configuration).');
    }
    if (reportedNs && !namespaces.includes(reportedNs)) {
      check.notes.push(`modpost named namespace ${reportedNs}, but ${version} exports it ${namespaces.length ? `in ${namespaces.join(', ')}` : 'without one'}: your kernel differs; import what modpost names.`);
    }
    if (!gpl.length && reported.some((r) => r.form === 'modpost-gpl')) {
      check.notes.push(`modpost says it is GPL-only in your kernel; ${version} exports it to any licence.`);
    }
  }
  if (record && record.tier !== 'removed') {
    if (record.tier === 'obsolete') {
      check.labels.push('obsolete');
      check.notes.push(`Its decision record is obsolete: new users are refused or removal is queued.${record.reason ? ` ${record.reason}` : ''}${replacement}`);
    } else if (record.tier === 'testing') {
      check.labels.push('testing');
      check.notes.push('Its decision record is testing: the export type or namespace may still change; follow the thread before relying on it.');
    }
  } else if (record?.tier === 'removed') {
    check.notes.push(`Its record says the export was removed, yet ${version} exports a symbol of this name.${replacement}`);
  }
  if (check.verdict === 'ok' && !check.labels.length) check.labels.push('exported');
  return check;
}

export function checkModule(input: ModuleInput, table: ExportTable, options: CheckOptions = {}): ModuleCheck {
  const symbols = input.symbols.map((s) => checkSymbol(s.symbol, s.reported, table, options));
  return {
    version: table.version,
    input: describeInput(input),
    symbols,
    imports: [...new Set(symbols.flatMap((s) => (s.importLine ? [s.importLine] : [])))],
    gplOnly: symbols.filter((s) => s.gplOnly).map((s) => s.symbol),
    blocked: symbols.filter((s) => s.verdict === 'blocked').map((s) => s.symbol),
    ignored: input.ignored,
  };
}

export function formatModuleCheckText(result: ModuleCheck): string {
  const out: string[] = [];
  const count = (k: number, one: string, many = `${one}s`) => `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
  out.push(`check-module: ${count(result.symbols.length, 'symbol')} from ${result.input}, against ${result.version}`);
  if (result.ignored) out.push(`(${count(result.ignored, 'line')} of the input named no symbol: skipped)`);
  out.push('');
  const width = Math.min(40, result.symbols.reduce((w, s) => Math.max(w, s.symbol.length), 0));
  for (const s of result.symbols) {
    out.push(`${s.verdict === 'ok' ? ' ' : s.verdict === 'action' ? '!' : '✗'} ${s.symbol.padEnd(width)}  ${s.labels.join(', ')}`);
    for (const note of s.notes) out.push(`    ${note}`);
    if (s.link) out.push(`    ${s.link}`);
  }
  if (result.imports.length) out.push('', "Add to the module's source:", ...result.imports.map((l) => `  ${l}`));
  if (result.gplOnly.length) out.push('', `GPL-only (the module needs a GPL-compatible MODULE_LICENSE): ${result.gplOnly.join(', ')}`);
  if (result.blocked.length) out.push('', `Cannot be used by this module: ${result.blocked.join(', ')}`);
  return `${out.join('\n')}\n`;
}
