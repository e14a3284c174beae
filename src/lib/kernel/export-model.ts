// The export model: the one place that knows what an export row means. A snapshot row gives the macro
// as written at the call site (often a wrapper such as IWL_EXPORT_SYMBOL), the effective namespace as
// the scanner resolved it, and the file. From those this module says which linker symbols the row
// exports (what `nm -u` and modpost see), whether they are GPL-only, the namespace or module
// restriction, and the scope: the architecture the row is built for. Pages, the module checker, drift,
// coverage, the API and search ask here; none decides these things again. Safe in the browser.
import type { ExportRow } from './snapshot.ts';
import { compareReleases } from './versions.ts';
import { KERNEL_ARCHES, type ExportType, type KernelArch } from '../vocabulary.ts';

export type ExportedType = Exclude<ExportType, 'unexported'>;

/**
 * Wrappers whose name does not say GPL but whose definition is a GPL export. Read from their
 * definitions: IWL_EXPORT_SYMBOL is EXPORT_SYMBOL_NS_GPL(sym, "IWLWIFI") (iwl-drv.h),
 * EXPORT_SYMBOL_ACPI_LIB is EXPORT_SYMBOL_NS_GPL(x, "ACPI") (linux/acpi.h), EXPORT_SYMBOL_FWTBL_LIB
 * is that or EXPORT_SYMBOL_NS_GPL(x, "CXL") (linux/fw_table.h), CGROUP_REF_EXPORT is
 * EXPORT_SYMBOL_GPL(fn) (kernel/cgroup/cgroup.c), EXPORT_SYMBOL_FOR_KVM(_INTERNAL) is
 * EXPORT_SYMBOL_FOR_MODULES (GPL-only inside). Any other macro is GPL-only when its name says GPL.
 */
export const GPL_WRAPPERS: ReadonlySet<string> = new Set([
  'IWL_EXPORT_SYMBOL',
  'EXPORT_SYMBOL_ACPI_LIB',
  'EXPORT_SYMBOL_FWTBL_LIB',
  'CGROUP_REF_EXPORT',
]);

export function isGplMacro(macro: string): boolean {
  return /GPL/.test(macro) || GPL_WRAPPERS.has(macro);
}

// ---------------------------------------------------------------------------------------------
// Type, GPL-ness, namespace, module restriction

export interface ExportKind {
  type: ExportedType;
  gplOnly: boolean;
  /**
   * As a record writes it: the namespace for the _NS types; for EXPORT_SYMBOL_FOR_MODULES the module
   * list (comma-separated, every module any configuration allows). With namespace alternatives
   * (a|b), the first one.
   */
  namespace?: string;
  /** The effective namespaces as the kernel records them (module:… included); several when a wrapper's definition is conditional. */
  alternatives: string[];
  /** EXPORT_SYMBOL_FOR_MODULES: the modules allowed, in any configuration. */
  modules?: string[];
}

/** The alternatives of a snapshot namespace column: "a|b" lists conditional definitions. */
export function namespaceAlternatives(namespace: string): string[] {
  return namespace === ''
    ? []
    : namespace
        .split('|')
        .map((ns) => ns.trim())
        .filter((ns) => ns !== '');
}

/**
 * MODULE_IMPORT_NS takes a string literal from v6.13-rc1 (commit cdd30ebb1b9f, content/mechanisms/
 * namespace-string-literal-2024.mdx) and a bare token before: the one place that knows which.
 */
export const NAMESPACE_STRING_LITERAL_SINCE = 'v6.13-rc1';

/** The MODULE_IMPORT_NS line a module built for `release` writes to import `namespace`. */
export function moduleImportLine(namespace: string, release: string): string {
  return compareReleases(release, NAMESPACE_STRING_LITERAL_SINCE) >= 0
    ? `MODULE_IMPORT_NS("${namespace}");`
    : `MODULE_IMPORT_NS(${namespace});`;
}

/** The modules of "module:kvm,kvm-amd|module:kvm" alternatives, each once, in order. */
export function restrictedModules(alternatives: readonly string[]): string[] {
  const modules: string[] = [];
  for (const ns of alternatives) {
    if (!ns.startsWith('module:')) continue;
    for (const m of ns.slice('module:'.length).split(',')) {
      const name = m.trim();
      if (name && !modules.includes(name)) modules.push(name);
    }
  }
  return modules;
}

export function exportKind(row: Pick<ExportRow, 'macro' | 'namespace'>): ExportKind {
  const alternatives = namespaceAlternatives(row.namespace);
  const first = alternatives[0];
  if (first?.startsWith('module:')) {
    // EXPORT_SYMBOL_FOR_MODULES and its wrappers: a reserved namespace no other module can import.
    const modules = restrictedModules(alternatives);
    return { type: 'EXPORT_SYMBOL_FOR_MODULES', gplOnly: true, namespace: modules.join(','), alternatives, modules };
  }
  const gpl = isGplMacro(row.macro);
  if (first) return { type: gpl ? 'EXPORT_SYMBOL_NS_GPL' : 'EXPORT_SYMBOL_NS', gplOnly: gpl, namespace: first, alternatives };
  return { type: gpl ? 'EXPORT_SYMBOL_GPL' : 'EXPORT_SYMBOL', gplOnly: gpl, alternatives };
}

/** Module lists compare without the spaces a wrapper's definition may put after commas. */
export function normalizeNamespace(namespace: string): string {
  return namespace.replace(/\s*,\s*/g, ',');
}

// ---------------------------------------------------------------------------------------------
// Notation a reader understands (never `${…}` or `a|b` raw)

function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "kvm-amd" for a module name; `${KVM_SUB_MODULES}` (an unresolved macro) as words. */
function moduleText(name: string): string {
  const placeholder = /^\$\{(\w+)\}$/.exec(name);
  return placeholder ? `the modules that ${placeholder[1]} lists in the build's configuration` : name;
}

/**
 * The modules an EXPORT_SYMBOL_FOR_MODULES row allows, in words: "KVM and its vendor modules
 * (kvm-amd, kvm-intel)" for EXPORT_SYMBOL_FOR_KVM's list, else "the modules a, b and c".
 */
export function describeModules(modules: readonly string[]): string {
  if (modules.length === 0) return 'no module named in the export';
  const [head, ...rest] = modules;
  if (head === 'kvm' && rest.length && rest.every((m) => m.startsWith('kvm-'))) return `KVM and its vendor modules (${rest.join(', ')})`;
  if (head === 'kvm' && rest.length === 1 && rest[0]!.startsWith('${')) return `KVM and its vendor modules (${moduleText(rest[0]!)})`;
  if (modules.length === 1) return head!.startsWith('${') ? moduleText(head!) : `the module ${head}`;
  return `the modules ${listText(modules.map(moduleText))}`;
}

/**
 * A snapshot namespace column for a reader: "" stays empty, "DMA_BUF" stays, "ACPI|CXL" reads
 * "ACPI or CXL (depends on configuration)", "module:kvm,kvm-amd" reads "only KVM and its vendor
 * modules (kvm-amd)".
 */
export function describeNamespace(column: string): string {
  const alternatives = namespaceAlternatives(column);
  if (alternatives.length === 0) return '';
  const modules = restrictedModules(alternatives);
  const plain = alternatives.filter((ns) => !ns.startsWith('module:'));
  const parts: string[] = [];
  if (modules.length) parts.push(`only ${describeModules(modules)}`);
  if (plain.length) parts.push(listText(plain, 'or'));
  const conditional = alternatives.length > 1 && !(modules.length && plain.length === 0);
  return `${parts.join(' or ')}${conditional || (modules.length && plain.length) ? ' (depends on configuration)' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// What a row exports to the linker

/** What a row exports: a function or variable (per-CPU ones included), a tracepoint or a static call. */
export const EXPORT_ENTITIES = ['symbol', 'tracepoint', 'static-call', 'static-call-trampoline'] as const;
export type ExportEntity = (typeof EXPORT_ENTITIES)[number];

export function exportEntity(macro: string): ExportEntity {
  if (/^EXPORT_TRACEPOINT_SYMBOL/.test(macro)) return 'tracepoint';
  if (/^EXPORT_STATIC_CALL_TRAMP/.test(macro)) return 'static-call-trampoline';
  if (/^EXPORT_STATIC_CALL/.test(macro)) return 'static-call';
  return 'symbol';
}

export const ENTITY_NAMES: Record<ExportEntity, string> = {
  symbol: 'function or variable',
  tracepoint: 'tracepoint',
  'static-call': 'static call',
  'static-call-trampoline': 'static call (trampoline only)',
};

export interface LinkerSymbol {
  name: string;
  /** Set when only some builds export it. */
  condition?: string;
}

/** A linker symbol with a page of its own that leads to the symbol it comes from (__tracepoint_kmalloc → kmalloc). */
export interface LinkerAlias {
  name: string;
  target: string;
  entity: ExportEntity;
}

/** Static calls became real trampolines with CONFIG_HAVE_STATIC_CALL; elsewhere only the key exists. */
const STATIC_CALL_TRAMP_CONDITION = 'only where the architecture implements static calls, CONFIG_HAVE_STATIC_CALL, as x86 does';
/** include/linux/tracepoint.h gained __traceiter_ and the tp_func_ static call in v5.10 (read from v5.9.4 and v5.10.89). */
const TRACEPOINT_STATIC_CALLS_SINCE = 'v5.10';

/**
 * The linker symbols a row exports in a release, as that release's macros define them:
 * - EXPORT_TRACEPOINT_SYMBOL(X): __tracepoint_X; from v5.10 also __traceiter_X and the static call
 *   tp_func_X (__SCK__tp_func_X, and __SCT__tp_func_X where static calls are implemented);
 * - EXPORT_STATIC_CALL(X): __SCK__X and __SCT__X (the trampoline where static calls are implemented);
 * - EXPORT_STATIC_CALL_TRAMP(X): __SCT__X only (the key stays unexported so modules cannot retarget it);
 * - everything else, per-CPU variables included: X itself.
 * An empty release means the newest definitions.
 */
export function linkerSymbols(row: Pick<ExportRow, 'symbol' | 'macro'>, release = ''): LinkerSymbol[] {
  return entityLinkerSymbols(exportEntity(row.macro), row.symbol, release);
}

/** linkerSymbols for an entity already known (the module checker's download stores entities, not macros). */
export function entityLinkerSymbols(entity: ExportEntity, x: string, release = ''): LinkerSymbol[] {
  switch (entity) {
    case 'tracepoint':
      if (release && compareReleases(release, TRACEPOINT_STATIC_CALLS_SINCE) < 0) return [{ name: `__tracepoint_${x}` }];
      return [
        { name: `__tracepoint_${x}` },
        { name: `__traceiter_${x}` },
        { name: `__SCK__tp_func_${x}` },
        { name: `__SCT__tp_func_${x}`, condition: STATIC_CALL_TRAMP_CONDITION },
      ];
    case 'static-call':
      return [{ name: `__SCK__${x}` }, { name: `__SCT__${x}`, condition: STATIC_CALL_TRAMP_CONDITION }];
    case 'static-call-trampoline':
      return [{ name: `__SCT__${x}` }];
    default:
      return [{ name: x }];
  }
}

/** Prefixes entityLinkerSymbols puts before an export's name, longest first. */
const LINKER_PREFIXES = ['__SCK__tp_func_', '__SCT__tp_func_', '__tracepoint_', '__traceiter_', '__SCK__', '__SCT__'];

/**
 * The export names whose linker symbols may include `linker` (entityLinkerSymbols backwards, a
 * superset): the name itself, and the name after a tracepoint or static-call prefix.
 */
export function exportNamesOf(linker: string): string[] {
  const names = [linker];
  for (const prefix of LINKER_PREFIXES)
    if (linker.startsWith(prefix) && linker.length > prefix.length) names.push(linker.slice(prefix.length));
  return [...new Set(names)];
}

// ---------------------------------------------------------------------------------------------
// Scope: which architecture a row is built for

/** arch/x86/lib/memcpy_64.S → x86; anything outside arch/ → undefined (built for every architecture). */
export function rowArch(file: string): KernelArch | undefined {
  if (!file.startsWith('arch/')) return undefined;
  const name = file.split('/')[1] ?? '';
  return (KERNEL_ARCHES as readonly string[]).includes(name) ? (name as KernelArch) : undefined;
}

/** Whether a row is built for an architecture: generic code always, arch/<a>/ only for <a>. */
export function rowBuiltFor(file: string, arch: string): boolean {
  const own = rowArch(file);
  return own === undefined || own === arch;
}

/** The architectures some rows are confined to, or undefined when one of them is generic code. */
export function rowsArches(rows: readonly Pick<ExportRow, 'file'>[]): KernelArch[] | undefined {
  const arches = new Set<KernelArch>();
  for (const row of rows) {
    const arch = rowArch(row.file);
    if (arch === undefined) return undefined;
    arches.add(arch);
  }
  return [...arches].sort();
}

// ---------------------------------------------------------------------------------------------
// Where a row sits in the tree

/**
 * A kernel area from a path: its first two directories (drivers/gpu, arch/x86, fs/ext4), or the one
 * directory of a file at the second level (mm/slub.c -> mm).
 */
export function pathSubsystem(file: string): string {
  const dirs = file.split('/').slice(0, -1);
  return dirs.length === 0 ? '(top level)' : dirs.slice(0, 2).join('/');
}

/** Rows grouped by symbol, in the order symbols first appear. */
export function rowsBySymbol<R extends Pick<ExportRow, 'symbol'>>(rows: readonly R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
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
export function primaryRow<R extends Pick<ExportRow, 'file'>>(rows: readonly R[]): R {
  return rows.find((r) => !r.file.startsWith('arch/')) ?? rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// Module licences

/** The MODULE_LICENSE strings the kernel takes for GPL-compatible (license_is_gpl_compatible, include/linux/license.h). */
export const GPL_COMPATIBLE_LICENSES = [
  'GPL',
  'GPL v2',
  'GPL and additional rights',
  'Dual BSD/GPL',
  'Dual MIT/GPL',
  'Dual MPL/GPL',
] as const;

export function isGplCompatibleLicense(license: string): boolean {
  return (GPL_COMPATIBLE_LICENSES as readonly string[]).includes(license);
}
