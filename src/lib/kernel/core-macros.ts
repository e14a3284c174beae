// The kernel's own export macros: the ends of every wrapper chain. Their definitions (export.h,
// tracepoint.h, static_call.h, percpu-defs.h …) are the export machinery, never wrappers or call sites.

/** Where a core macro's namespace comes from. */
export type NamespaceSource =
  | { from: 'none' }
  /** DEFAULT_SYMBOL_NAMESPACE of the file or its Makefile (EXPORT_SYMBOL, EXPORT_SYMBOL_GPL). */
  | { from: 'default' }
  /** An argument: a string literal from 6.13 on, a bare token before. */
  | { from: 'arg'; index: number; prefix: string };

const NONE: NamespaceSource = { from: 'none' };
const DEFAULT: NamespaceSource = { from: 'default' };
const SECOND_ARG: NamespaceSource = { from: 'arg', index: 1, prefix: '' };
const MODULES: NamespaceSource = { from: 'arg', index: 1, prefix: 'module:' };

const CORE_MACROS = new Map<string, NamespaceSource>([
  ['EXPORT_SYMBOL', DEFAULT],
  ['EXPORT_SYMBOL_GPL', DEFAULT],
  ['EXPORT_SYMBOL_NS', SECOND_ARG],
  ['EXPORT_SYMBOL_NS_GPL', SECOND_ARG],
  ['EXPORT_SYMBOL_FOR_MODULES', MODULES],
  ['EXPORT_SYMBOL_GPL_FOR_MODULES', MODULES],
  ['EXPORT_SYMBOL_GPL_FUTURE', NONE],
  ['EXPORT_UNUSED_SYMBOL', NONE],
  ['EXPORT_UNUSED_SYMBOL_GPL', NONE],
  ['EXPORT_DATA_SYMBOL', NONE],
  ['EXPORT_DATA_SYMBOL_GPL', NONE],
  ['EXPORT_TRACEPOINT_SYMBOL', NONE],
  ['EXPORT_TRACEPOINT_SYMBOL_GPL', NONE],
  ['EXPORT_PER_CPU_SYMBOL', NONE],
  ['EXPORT_PER_CPU_SYMBOL_GPL', NONE],
  ['EXPORT_STATIC_CALL', NONE],
  ['EXPORT_STATIC_CALL_GPL', NONE],
  ['EXPORT_STATIC_CALL_TRAMP', NONE],
  ['EXPORT_STATIC_CALL_TRAMP_GPL', NONE],
  ['EXPORT_STATIC_CALL_FOR_MODULES', MODULES],
]);

// export.h internals that wrappers may call directly (the *_DEV_PM_OPS family calls __EXPORT_SYMBOL).
// Their arity changed over time: __EXPORT_SYMBOL(sym, license, ns) since 6.13, (sym, sec) before.
const INTERNAL_MACROS = new Set(['_EXPORT_SYMBOL', '__EXPORT_SYMBOL', '___EXPORT_SYMBOL', '__EXPORT_SYMBOL_NS', '___EXPORT_SYMBOL_NS']);

/** Files holding the export machinery: their defines are not wrappers. */
export const MACHINERY_FILES = new Set([
  'include/linux/export.h',
  'include/linux/export-internal.h',
  'include/asm-generic/export.h',
  'include/linux/module.h',
  'include/linux/tracepoint.h',
  'include/linux/static_call.h',
  'include/linux/percpu-defs.h',
]);

export function isCoreMacro(name: string): boolean {
  return CORE_MACROS.has(name) || INTERNAL_MACROS.has(name);
}

export function namespaceSource(name: string, argCount: number): NamespaceSource {
  const known = CORE_MACROS.get(name);
  if (known) return known;
  // Internal forms: the namespace is the third argument when there is one.
  if (name.endsWith('_NS') || argCount >= 3) return { from: 'arg', index: 2, prefix: '' };
  return DEFAULT;
}
