// What an export-macro use amounts to, in the records' vocabulary: a snapshot row gives the macro as
// written (often a wrapper such as IWL_EXPORT_SYMBOL) and the effective namespace; this maps it to
// one of the export types. Shared by drift, check-module and coverage, and safe in the browser.
import type { ExportRow } from './snapshot.ts';
import type { ExportType } from '../vocabulary.ts';

export type ExportedType = Exclude<ExportType, 'unexported'>;

/**
 * Wrappers whose name does not say GPL but whose definition is a GPL export. Read from their
 * definitions: IWL_EXPORT_SYMBOL is EXPORT_SYMBOL_NS_GPL(sym, "IWLWIFI") (iwl-drv.h),
 * EXPORT_SYMBOL_ACPI_LIB is EXPORT_SYMBOL_NS_GPL(x, "ACPI") (linux/acpi.h), EXPORT_SYMBOL_FWTBL_LIB
 * is that or EXPORT_SYMBOL_NS_GPL(x, "CXL") (linux/fw_table.h), CGROUP_REF_EXPORT is
 * EXPORT_SYMBOL_GPL(fn) (kernel/cgroup/cgroup.c). Any other macro is GPL-only when its name says GPL.
 */
export const GPL_WRAPPERS: ReadonlySet<string> = new Set(['IWL_EXPORT_SYMBOL', 'EXPORT_SYMBOL_ACPI_LIB', 'EXPORT_SYMBOL_FWTBL_LIB', 'CGROUP_REF_EXPORT']);

export interface ExportKind {
  type: ExportedType;
  gplOnly: boolean;
  /**
   * As a record writes it: the namespace for the _NS types, the module list (without "module:")
   * for EXPORT_SYMBOL_FOR_MODULES. When the snapshot gives alternatives (a|b), the first one.
   */
  namespace?: string;
  /** The effective namespaces as the kernel records them (module:… included); several when a wrapper's definition is conditional. */
  alternatives: string[];
}

export function isGplMacro(macro: string): boolean {
  return /GPL/.test(macro) || GPL_WRAPPERS.has(macro);
}

/** The alternatives of a snapshot namespace column: "a|b" lists conditional definitions. */
export function namespaceAlternatives(namespace: string): string[] {
  return namespace === '' ? [] : namespace.split('|').map((ns) => ns.trim()).filter((ns) => ns !== '');
}

export function exportKind(row: Pick<ExportRow, 'macro' | 'namespace'>): ExportKind {
  const alternatives = namespaceAlternatives(row.namespace);
  const first = alternatives[0];
  if (first?.startsWith('module:')) {
    // EXPORT_SYMBOL_FOR_MODULES and its wrappers: a reserved namespace no other module can import.
    return { type: 'EXPORT_SYMBOL_FOR_MODULES', gplOnly: true, namespace: first.slice('module:'.length), alternatives };
  }
  const gpl = isGplMacro(row.macro);
  if (first) return { type: gpl ? 'EXPORT_SYMBOL_NS_GPL' : 'EXPORT_SYMBOL_NS', gplOnly: gpl, namespace: first, alternatives };
  return { type: gpl ? 'EXPORT_SYMBOL_GPL' : 'EXPORT_SYMBOL', gplOnly: gpl, alternatives };
}

/** Module lists compare without the spaces a wrapper's definition may put after commas. */
export function normalizeNamespace(namespace: string): string {
  return namespace.replace(/\s*,\s*/g, ',');
}

/**
 * A kernel area from a path: its first two directories (drivers/gpu, arch/x86, fs/ext4), or the one
 * directory of a file at the second level (mm/slub.c -> mm).
 */
export function pathSubsystem(file: string): string {
  const dirs = file.split('/').slice(0, -1);
  return dirs.length === 0 ? '(top level)' : dirs.slice(0, 2).join('/');
}

/** Rows grouped by symbol, in the order symbols first appear. */
export function rowsBySymbol(rows: readonly ExportRow[]): Map<string, ExportRow[]> {
  const map = new Map<string, ExportRow[]>();
  for (const row of rows) {
    const list = map.get(row.symbol);
    if (list) list.push(row);
    else map.set(row.symbol, [row]);
  }
  return map;
}

/**
 * The row that speaks for a symbol exported in several places: the first outside arch/ (generic code
 * is what most modules link against), else the first. Rows are in snapshot order (by file).
 */
export function primaryRow(rows: readonly ExportRow[]): ExportRow {
  return rows.find((r) => !r.file.startsWith('arch/')) ?? rows[0]!;
}
