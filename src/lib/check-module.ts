// Can an out-of-tree module use what it links against? Input: its undefined symbols, as `nm -u foo.ko`
// prints them, as a plain list, or as modpost's (or the module loader's) complaints. Each symbol is
// looked up in one snapshot's exports and the decision records: exported or not, GPL-only, which
// namespace to import (and the MODULE_IMPORT_NS line for that release), restricted to named
// modules, and the record's tier and replacement. No Node imports: the /check-module/ page runs this
// in the browser with the table it downloads; the CLI builds the same table from the snapshot.
import {
  describeModules,
  ENTITY_NAMES,
  moduleImportLine,
  namespaceAlternatives,
  restrictedModules,
  type ExportedType,
} from './kernel/export-model.ts';
import type { ExportTable, ExportVariant, RecordFacts } from './check-module-table.ts';
import { isPageName, sitePaths } from './urls.ts';
import { EXPORT_TYPE_INFO } from './vocabulary.ts';

export * from './check-module-table.ts';

// ---------------------------------------------------------------------------------------------
// Input: parsed and bounded in check-module-input.ts (text, nm -u output, modpost logs, .ko files).

export * from './check-module-input.ts';
import { describeInput, type ModuleInput, type Reported } from './check-module-input.ts';

// ---------------------------------------------------------------------------------------------
// The check.

/** How MODULE_IMPORT_NS is written for a release (the export model's rule: a string literal since 6.13-rc1, a bare token before). */
export const importLine = moduleImportLine;

/** ok: usable as is; action: usable after a change (import a namespace, a GPL-compatible licence); blocked: not usable. */
export type Verdict = 'ok' | 'action' | 'blocked';

export interface SymbolCheck {
  symbol: string;
  reported: Reported[];
  /** Exported for the architecture checked. */
  exported: boolean;
  verdict: Verdict;
  /** Short labels: "GPL-only", "namespace DMA_BUF", "restricted", "not exported", "not on x86", "obsolete". */
  labels: string[];
  /** The export types that apply on the architecture checked (several when configurations differ). */
  types: ExportedType[];
  gplOnly: boolean;
  /** The namespace to import, when it has one that can be imported. */
  namespace?: string;
  importLine?: string;
  /** The modules it is restricted to (EXPORT_SYMBOL_FOR_MODULES), in words. */
  restrictedTo?: string;
  /** Set when only architecture code exports it: those architectures. */
  arches?: string[];
  /** The tracepoint or static call it belongs to, when it is one of their linker symbols. */
  exportedBy?: { entity: string; name: string };
  record?: RecordFacts;
  /** Its page on this site, when it has one. */
  link?: string;
  /** What to know, one sentence each. */
  notes: string[];
}

export interface ModuleCheck {
  version: string;
  /** The architecture checked (the kernel's name: x86, arm64), or "" for every architecture. */
  arch: string;
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
  /** The architecture the module is built for, as the kernel names it (x86, arm64); default every one. */
  arch?: string;
}

const applies = (arch: string | undefined) => (v: ExportVariant) => !arch || v.arch === '' || v.arch === arch;
const archList = (variants: readonly ExportVariant[]) => [...new Set(variants.map((v) => v.arch))].sort();

export function checkSymbol(symbol: string, reported: Reported[], table: ExportTable, options: CheckOptions = {}): SymbolCheck {
  const all = table.exports.get(symbol) ?? [];
  const variants = all.filter(applies(options.arch));
  const owner = variants[0] ?? all[0];
  // A tracepoint's or static call's linker symbols are explained on the page of their name.
  const name = owner && owner.entity !== 'symbol' ? owner.name : symbol;
  const record = table.records.get(name);
  const version = table.version;
  const check: SymbolCheck = {
    symbol,
    reported,
    exported: variants.length > 0,
    verdict: 'ok',
    labels: [],
    types: [...new Set(variants.map((v) => v.type))],
    gplOnly: false,
    notes: [],
  };
  if (record) check.record = record;
  const hasPage =
    options.hasPage ?? ((s: string) => table.records.has(s) || ((table.exports.has(s) || table.entities.has(s)) && isPageName(s)));
  if (hasPage(name)) check.link = sitePaths(options.base ?? '/').symbol(name);
  if (owner && owner.entity !== 'symbol') {
    check.exportedBy = { entity: ENTITY_NAMES[owner.entity], name: owner.name };
    check.notes.push(`A linker symbol of the ${ENTITY_NAMES[owner.entity]} ${owner.name}: exported with it, on the same terms.`);
    const condition = variants.find((v) => v.condition)?.condition;
    if (condition) check.notes.push(`Exported ${condition}.`);
  }
  const replacement = record?.replacedBy ? ` Use ${record.replacedBy} instead.` : '';
  const reportedNs = reported.find((r) => r.namespace)?.namespace;
  const onArch = options.arch ? ` on ${options.arch}` : '';

  if (!variants.length) {
    check.verdict = 'blocked';
    if (all.length) {
      check.arches = archList(all);
      check.labels.push(`not on ${options.arch}`);
      check.notes.push(
        `Exported in ${version} only by architecture code for ${check.arches.join(', ')}: a module built for ${options.arch} cannot link against it.`,
      );
    } else check.labels.push('not exported');
    const entities = table.entities.get(symbol);
    if (!all.length && entities?.length) {
      const entity = entities[0]!;
      check.notes.push(
        `No function or variable named ${symbol} is exported in ${version}: ${symbol} is the name of a ${ENTITY_NAMES[entity.entity]}, whose exported linker symbols have other names (see its page). A call to ${symbol}() links against whatever the kernel headers make of it.`,
      );
    }
    if (record?.tier === 'removed') {
      check.labels.push('removed');
      check.notes.push(
        `Not exported${all.length ? onArch : ''} in ${version}: the export was removed.${record.reason ? ` ${record.reason}` : ''}${replacement}`,
      );
    } else if (record) {
      check.notes.push(
        `Not exported${all.length ? onArch : ''} in ${version}, although its record (${record.tier}) says ${record.type}.${replacement}`,
      );
    } else if (!all.length && !entities?.length) {
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
    check.arches = archList(variants);
    if (!options.arch) {
      check.labels.push(`only ${check.arches.join(', ')}`);
      check.notes.push(
        `Exported only by architecture code (${check.arches.join(', ')}): a module built for another architecture cannot link against it.`,
      );
    }
  }
  const restricted = variants.filter((v) => v.type === 'EXPORT_SYMBOL_FOR_MODULES');
  const usable = variants.filter((v) => v.type !== 'EXPORT_SYMBOL_FOR_MODULES');
  if (restricted.length) {
    const modules = describeModules(restrictedModules(restricted.flatMap((v) => namespaceAlternatives(v.namespace))));
    check.restrictedTo = modules;
    check.labels.push('restricted');
    if (!usable.length) {
      check.verdict = 'blocked';
      check.notes.push(
        `Restricted to ${modules} (EXPORT_SYMBOL_FOR_MODULES): no other module may use it, and its "module:" namespace cannot be imported.`,
      );
    } else {
      check.notes.push(
        `Restricted to ${modules} in some places it is exported, open to others elsewhere (per architecture or configuration).`,
      );
    }
  }
  if (usable.length) {
    const gpl = usable.filter((v) => EXPORT_TYPE_INFO[v.type].gplOnly);
    if (gpl.length) {
      check.gplOnly = true;
      check.labels.push('GPL-only');
      check.verdict = 'action';
      const gplArches = gpl.every((v) => v.arch !== '') ? archList(gpl) : [];
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
      if (usable.some((v) => v.namespace === ''))
        check.notes.push('Exported without a namespace in some places (per architecture or configuration).');
    }
    if (reportedNs && !namespaces.includes(reportedNs)) {
      check.notes.push(
        `modpost named namespace ${reportedNs}, but ${version} exports it ${namespaces.length ? `in ${namespaces.join(', ')}` : 'without one'}: your kernel differs; import what modpost names.`,
      );
    }
    if (!gpl.length && reported.some((r) => r.form === 'modpost-gpl')) {
      check.notes.push(`modpost says it is GPL-only in your kernel; ${version} exports it to any licence.`);
    }
  }
  if (record && record.tier !== 'removed') {
    if (record.tier === 'obsolete') {
      check.labels.push('obsolete');
      check.notes.push(
        `Its decision record is obsolete: new users are refused or removal is queued.${record.reason ? ` ${record.reason}` : ''}${replacement}`,
      );
    } else if (record.tier === 'testing') {
      check.labels.push('testing');
      check.notes.push(
        'Its decision record is testing: the export type or namespace may still change; follow the thread before relying on it.',
      );
    }
  } else if (record?.tier === 'removed') {
    check.notes.push(
      `Its record says the export was removed; ${version} still exports a symbol of this name${onArch} (a release before the removal, or another symbol of the same name).${replacement}`,
    );
  }
  if (check.verdict === 'ok' && !check.labels.length) check.labels.push('exported');
  return check;
}

export function checkModule(input: ModuleInput, table: ExportTable, options: CheckOptions = {}): ModuleCheck {
  const symbols = input.symbols.map((s) => checkSymbol(s.symbol, s.reported, table, options));
  return {
    version: table.version,
    arch: options.arch ?? '',
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
  out.push(
    `check-module: ${count(result.symbols.length, 'symbol')} from ${result.input}, against ${result.version}${result.arch ? ` for ${result.arch}` : ' (every architecture)'}`,
  );
  if (result.ignored) out.push(`(${count(result.ignored, 'line')} of the input named no symbol: skipped)`);
  out.push('');
  const width = Math.min(
    40,
    result.symbols.reduce((w, s) => Math.max(w, s.symbol.length), 0),
  );
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
