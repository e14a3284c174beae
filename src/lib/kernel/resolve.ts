// Turns one lexed file into snapshot rows: expands each export-macro use through the wrappers, names the
// symbol and the effective namespace, and lists the uses that give no single symbol as unresolved.
import { isCoreMacro, MACHINERY_FILES, namespaceSource } from './core-macros.ts';
import { EXPORT_MARKER, type CallSite, type FileLex, type Include, type MacroDefinition } from './lex.ts';
import { namespaceText } from './namespaces.ts';
import { resolveAlias } from './object-aliases.ts';
import type { ExportRow } from './snapshot.ts';
import { callText, isSymbolToken } from './tokens.ts';
import { discoverWrappers, expand, innerCalls, pastesSymbol, type Expansion, type WrapperTable } from './wrappers.ts';

export type UnresolvedReason =
  | 'token-paste-in-define'
  | 'token-paste'
  | 'non-identifier-argument'
  | 'if0-dead'
  | 'symbol-is-overridable-macro'
  | 'unknown-macro';

export interface Unresolved {
  file: string;
  line: number;
  macro: string;
  reason: UnresolvedReason;
  /** The use as written, whitespace and comments removed. */
  raw: string;
  context: string;
}

export interface FileExports {
  rows: ExportRow[];
  unresolved: Unresolved[];
  /** A .c or .S file's own wrappers, which also apply to the headers it includes after them. */
  sharedWrappers?: { defines: MacroDefinition[]; includes: Include[] };
}

// Export-looking names we do not know how to follow are reported rather than dropped.
const LOOKS_LIKE_EXPORT = /^_*EXPORT_\w*(SYMBOL|STATIC_CALL)/;

function isHeader(file: string): boolean {
  return file.endsWith('.h');
}

/** The wrappers in force in a file: a .c or .S file's own #defines apply to it alone. */
function wrappersFor(lex: FileLex, global: WrapperTable): WrapperTable {
  return isHeader(lex.file) || lex.defines.length === 0 ? global : discoverWrappers(lex.defines, global);
}

function effectiveNamespace(e: Expansion, call: CallSite, makefileNamespace: () => string | undefined): string {
  const source = namespaceSource(e.core, e.args.length);
  if (source.from === 'none') return '';
  if (source.from === 'default') return call.defaultNamespace ?? makefileNamespace() ?? '';
  return source.prefix + namespaceText(e.args[source.index] ?? []);
}

function reportedMacro(call: CallSite, e: Expansion): string {
  // A generator without EXPORT in its name (kstrto_from_user) is reported under the export macro it uses.
  if (call.name.includes(EXPORT_MARKER)) return call.name;
  return e.chain.find((name) => name.includes(EXPORT_MARKER)) ?? e.core;
}

function resolveCall(file: string, call: CallSite, table: WrapperTable, makefileNamespace: () => string | undefined, out: FileExports): void {
  const defs = table.get(call.name);
  if (!defs && !isCoreMacro(call.name)) {
    if (call.args && !call.dead && LOOKS_LIKE_EXPORT.test(call.name)) {
      out.unresolved.push({ file, line: call.line, macro: call.name, reason: 'unknown-macro', raw: callText(call.name, call.args), context: 'no #define of this macro was found' });
    }
    return;
  }
  // A name without `(` is a mention, not a use (EXPORT_SYMBOL in assembler prose), unless the macro is object-like.
  if (!call.args && !defs?.some((d) => d.params === null)) return;
  const args = call.args ?? [];
  const unresolved = (reason: UnresolvedReason, context = ''): void => {
    out.unresolved.push({ file, line: call.line, macro: call.name, reason, raw: call.args ? callText(call.name, args) : call.name, context });
  };
  if (call.dead) return unresolved('if0-dead', 'never compiled: inside #if 0 or the #else of #if 1');
  if (args.some((a) => a.some((t) => t.text === '##'))) return unresolved('token-paste');

  const found = new Map<string, { symbol: string; macro: string; namespaces: string[] }>();
  for (const e of expand(call.name, args, table)) {
    const symbolTokens = e.args[0] ?? [];
    if (!isSymbolToken(symbolTokens)) return unresolved('non-identifier-argument', e.chain.length > 1 ? `expands to ${callText(e.core, e.args)}` : '');
    const alias = resolveAlias(call.aliases, symbolTokens[0]!.text, call.context);
    const overridable = alias.definitions.find((d) => d.overridable);
    if (overridable) unresolved('symbol-is-overridable-macro', `#ifndef ${symbolTokens[0]!.text} / #define ${symbolTokens[0]!.text} ${overridable.value} at line ${overridable.line}: files including this one may export other names`);
    const macro = reportedMacro(call, e);
    const namespace = effectiveNamespace(e, call, makefileNamespace);
    for (const symbol of alias.symbols) {
      const key = `${symbol}\t${macro}`;
      const entry = found.get(key) ?? { symbol, macro, namespaces: [] };
      if (!entry.namespaces.includes(namespace)) entry.namespaces.push(namespace);
      found.set(key, entry);
    }
  }
  for (const { symbol, macro, namespaces } of found.values()) {
    // `a|b`: the conditional definitions of a wrapper disagree.
    out.rows.push({ symbol, macro, namespace: namespaces.join('|'), file, line: call.line });
  }
}

function pastedExportsInDefines(lex: FileLex, table: WrapperTable, out: FileExports, only: (macro: string) => boolean = () => true): void {
  for (const def of lex.defines) {
    if (isCoreMacro(def.name) || MACHINERY_FILES.has(def.file)) continue;
    for (const call of innerCalls(def, table)) {
      if (!pastesSymbol(call) || !Array.isArray(call.args) || !only(call.name)) continue;
      const signature = `#define ${def.name}${def.params ? `(${def.params.join(',')})` : ''}`;
      const wrapper = def.name.includes(EXPORT_MARKER) ? ' [export wrapper: its uses are rows, with the pasted symbol]' : '';
      out.unresolved.push({ file: lex.file, line: call.line, macro: call.name, reason: 'token-paste-in-define', raw: callText(call.name, call.args), context: signature + wrapper });
    }
  }
}

export function resolveFile(lex: FileLex, global: WrapperTable, makefileNamespace: () => string | undefined): FileExports {
  const table = wrappersFor(lex, global);
  const out: FileExports = { rows: [], unresolved: [] };
  pastedExportsInDefines(lex, table, out);
  for (const call of lex.calls) resolveCall(lex.file, call, table, makefileNamespace, out);
  const own = table === global ? [] : lex.defines.filter((d) => table.get(d.name)?.includes(d));
  if (own.length) {
    const first = Math.min(...own.map((d) => d.line));
    const includes = lex.includes.filter((i) => i.line > first);
    if (includes.length) out.sharedWrappers = { defines: own, includes };
  }
  return out;
}

/**
 * The uses in a header of wrappers #defined in a .c file that includes it (cgroup.c defines
 * CGROUP_REF_EXPORT, then includes cgroup_refcnt.h, which uses it). Only those uses are resolved here.
 */
export function resolveWithIncluderWrappers(
  header: FileLex,
  includerDefines: readonly MacroDefinition[],
  global: WrapperTable,
  makefileNamespace: () => string | undefined,
): FileExports {
  const table = discoverWrappers(includerDefines, global);
  const fromIncluder = (name: string) => table.get(name) !== global.get(name);
  const out: FileExports = { rows: [], unresolved: [] };
  pastedExportsInDefines(header, table, out, fromIncluder);
  for (const call of header.calls) if (fromIncluder(call.name)) resolveCall(header.file, call, table, makefileNamespace, out);
  return out;
}
