// Turns one lexed file into snapshot rows: expands each export-macro use through the wrappers, names the
// symbol and the effective namespace, and lists the uses that give no single symbol as unresolved.
import { isCoreMacro, MACHINERY_FILES, namespaceSource } from './core-macros.ts';
import { EXPORT_MARKER, type CallSite, type FileLex, type Include, type MacroDefinition } from './lex.ts';
import { archOf } from './include-paths.ts';
import { INCLUDE_DEPTHS, type MacroEnvironment, type MacroTable, type TreeReader } from './macro-env.ts';
import { moduleListUnion, namespaceNeedsMacros, namespaceText } from './namespaces.ts';
import { resolveAlias } from './object-aliases.ts';
import type { ExportRow } from './snapshot.ts';
import { createExpander, ExpansionLimit } from './preexpand.ts';
import { callText, isSymbolToken, type Token } from './tokens.ts';
import {
  discoverWrappers,
  expand,
  innerCalls,
  MAX_DEPTH,
  pastesSymbol,
  type ExpandOptions,
  type Expansion,
  type WrapperTable,
} from './wrappers.ts';
import { findXMacroUses } from './x-macros.ts';
import { asmMacroExports } from './asm-macros.ts';

export type UnresolvedReason =
  | 'token-paste-in-define'
  | 'token-paste'
  | 'non-identifier-argument'
  | 'if0-dead'
  | 'symbol-is-overridable-macro'
  | 'unknown-macro'
  | 'unclosed-call'
  | 'wrapper-chain-too-deep'
  | 'expansion-limit'
  | 'namespace-macro-undefined';

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
  /** `file:line` of assembler-macro export lines this file's macro calls turned into rows. */
  expandedTemplates?: string[];
  /** Wrappers and generators this file's uses expanded through (a header's pasting #define used here is no hole). */
  usedMacros?: string[];
}

/** What resolving a file may consult besides its own text. */
export interface ResolveContext {
  makefileNamespace: () => string | undefined;
  /** The tree: X-macro includes, macros for pre-expansion and namespaces. Absent: the file's text alone. */
  tree?: { read: TreeReader; macros: MacroEnvironment; arches: () => string[] };
  /** Assembler macros leading to an export of a parameter: a .S file calling one is expanded. */
  asmMacros?: readonly string[];
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

/** The file whose macros give the core macro's namespace argument: the wrapper's that passes it. */
function namespaceOrigin(e: Expansion, table: WrapperTable, file: string): string {
  const wrapper = e.chain[e.chain.length - 2];
  return (wrapper && table.get(wrapper)?.[0]?.file) || file;
}

/** The effective namespace of one expansion; `undefinedNames` lists macros it could not expand. */
function effectiveNamespace(
  e: Expansion,
  call: CallSite,
  file: string,
  table: WrapperTable,
  context: ResolveContext,
): { text: string; undefinedNames: string[]; limit?: string } {
  const source = namespaceSource(e.core, e.args.length);
  if (source.from === 'none') return { text: '', undefinedNames: [] };
  if (source.from === 'default') return { text: call.defaultNamespace ?? context.makefileNamespace() ?? '', undefinedNames: [] };
  const tokens = e.args[source.index] ?? [];
  if (!context.tree || !namespaceNeedsMacros(tokens)) return { text: source.prefix + namespaceText(tokens), undefinedNames: [] };
  // Macros in a namespace (`"kvm," __stringify(KVM_SUB_MODULES)`) take the values of the wrapper's
  // header as the using file's arch sees it (generic code: any arch's). Many uses share one answer.
  const origin = namespaceOrigin(e, table, file);
  const key = `${origin}\t${archOf(file) ?? ''}\t${source.prefix}\t${tokens.map((t) => t.text).join(' ')}`;
  const macros = context.tree.macros;
  return macros.memo(`namespace\t${key}`, () => {
    let answer: ReturnType<typeof namespaceFromMacros> | undefined;
    for (const includeDepth of INCLUDE_DEPTHS) {
      answer = namespaceFromMacros(tokens, source.prefix, macros.tableFor(origin, { arch: archOf(file), includeDepth }).table);
      if (!answer.undefinedNames.length && !answer.limit) break;
    }
    return answer!;
  });
}

function namespaceFromMacros(
  tokens: readonly Token[],
  prefix: string,
  macros: MacroTable,
): { text: string; undefinedNames: string[]; limit?: string } {
  const expander = createExpander(macros);
  try {
    const texts = expander.expand(tokens).map(namespaceText);
    const wanted = tokens.filter((t) => t.kind === 'ident' && !t.text.startsWith('__stringify')).map((t) => t.text);
    const undefinedNames = wanted.filter((name) => expander.undefinedNames.has(name));
    const text = prefix === 'module:' ? moduleListUnion(texts) : texts.join('|');
    return { text: prefix + text, undefinedNames };
  } catch (error) {
    if (!(error instanceof ExpansionLimit)) throw error;
    return { text: prefix + namespaceText(tokens), undefinedNames: [], limit: error.message };
  }
}

function reportedMacro(call: CallSite, e: Expansion): string {
  // A generator without EXPORT in its name (kstrto_from_user) is reported under the export macro it uses.
  if (call.name.includes(EXPORT_MARKER)) return call.name;
  return e.chain.find((name) => name.includes(EXPORT_MARKER)) ?? e.core;
}

/** Where a use's rows go: its own file and line, or (X-macro calls) the including file's #include. */
interface RowPlace {
  file: string;
  line: number;
}

/** Expands a use through the wrappers; a pasted symbol is expanded again with pre-expanded arguments. */
function expansionsOf(
  call: CallSite,
  args: Token[][],
  table: WrapperTable,
  place: RowPlace,
  context: ResolveContext,
  note: (reason: UnresolvedReason, context: string) => void,
): Expansion[] {
  const options: ExpandOptions = {};
  let expansions = expand(call.name, args, table, options);
  if (context.tree && expansions.some((e) => e.pasted)) {
    // cpp macro-expands an argument before substituting it where it is not next to # or ##; it only
    // changes the symbol when a wrapper then pastes it (GENERATE_THUNK(_ASM_AX) → __x86_indirect_thunk_rax).
    // The file's own macros first; its includes only when a name is not defined there.
    const macros = context.tree.macros;
    try {
      for (const includeDepth of INCLUDE_DEPTHS) {
        const expander = createExpander(macros.tableFor(place.file, { includeDepth }).table);
        expansions = expand(call.name, args, table, { ...options, preexpand: (tokens) => expander.expand(tokens) });
        if (!expander.undefinedNames.size) break;
      }
    } catch (error) {
      if (!(error instanceof ExpansionLimit)) throw error;
      note('expansion-limit', `arguments not macro-expanded (${error.message}): the symbols are as written`);
    }
  }
  if (options.tooDeep) note('wrapper-chain-too-deep', `wrappers nested more than ${MAX_DEPTH} deep: the uses past that depth give no row`);
  return expansions;
}

/**
 * The symbols a macro call in the symbol argument gives (`EXPORT_SYMBOL_GPL(LZO_SAFE(lzo1x_1_compress))`:
 * cpp expands it before the export macro sees it), from the macros the file sees; undefined when any
 * alternative is not one identifier or rests on a macro the file does not define (an includer's).
 */
function expandedSymbols(tokens: readonly Token[], file: string, context: ResolveContext): string[] | undefined {
  // An assembler macro parameter (`\name`) is gas's business, not cpp's.
  if (!context.tree || !tokens.some((t) => t.kind === 'ident') || tokens.some((t) => t.text === '\\')) return undefined;
  const macros = context.tree.macros;
  return macros.memo(`symbol\t${file}\t${tokens.map((t) => t.text).join(' ')}`, () => {
    for (const includeDepth of INCLUDE_DEPTHS) {
      const symbols = symbolsFromMacros(tokens, macros.tableFor(file, { includeDepth }).table);
      if (symbols) return symbols;
    }
    return undefined;
  });
}

function symbolsFromMacros(tokens: readonly Token[], table: MacroTable): string[] | undefined {
  const expander = createExpander(table);
  try {
    const alternatives = expander.expand(tokens);
    if (expander.undefinedNames.size || !alternatives.every(isSymbolToken)) return undefined;
    return [...new Set(alternatives.map((alt) => alt[0]!.text))];
  } catch (error) {
    if (error instanceof ExpansionLimit) return undefined;
    throw error;
  }
}

function resolveCall(
  file: string,
  call: CallSite,
  table: WrapperTable,
  context: ResolveContext,
  out: FileExports,
  place: RowPlace = { file, line: call.line },
): Set<string> {
  const chains = new Set<string>();
  const defs = table.get(call.name);
  const unresolved = (reason: UnresolvedReason, why = ''): void => {
    out.unresolved.push({
      file: place.file,
      line: place.line,
      macro: call.name,
      reason,
      raw: call.args ? callText(call.name, call.args) : call.name,
      context: why,
    });
  };
  if (call.unclosed && !call.dead) {
    unresolved('unclosed-call', 'the ( after the macro name never closes');
    return chains;
  }
  if (!defs && !isCoreMacro(call.name)) {
    if (call.args && !call.dead && LOOKS_LIKE_EXPORT.test(call.name)) unresolved('unknown-macro', 'no #define of this macro was found');
    return chains;
  }
  // A name without `(` is a mention, not a use (EXPORT_SYMBOL in assembler prose), unless the macro is object-like.
  if (!call.args && !defs?.some((d) => d.params === null)) return chains;
  const args = call.args ?? [];
  if (call.dead) {
    unresolved('if0-dead', 'never compiled: inside #if 0 or the #else of #if 1');
    return chains;
  }
  if (args.some((a) => a.some((t) => t.text === '##'))) {
    unresolved('token-paste');
    return chains;
  }

  const found = new Map<string, { symbol: string; macro: string; namespaces: string[] }>();
  for (const e of expansionsOf(call, args, table, place, context, unresolved)) {
    for (const name of e.chain) chains.add(name);
    const symbolTokens = e.args[0] ?? [];
    const expanded = isSymbolToken(symbolTokens) ? undefined : expandedSymbols(symbolTokens, place.file, context);
    if (!isSymbolToken(symbolTokens) && !expanded) {
      unresolved('non-identifier-argument', e.chain.length > 1 ? `expands to ${callText(e.core, e.args)}` : '');
      return chains;
    }
    const alias = expanded ? { symbols: expanded, definitions: [] } : resolveAlias(call.aliases, symbolTokens[0]!.text, call.context);
    const overridable = alias.definitions.find((d) => d.overridable);
    if (overridable)
      unresolved(
        'symbol-is-overridable-macro',
        `#ifndef ${symbolTokens[0]!.text} / #define ${symbolTokens[0]!.text} ${overridable.value} at line ${overridable.line}: files including this one may export other names`,
      );
    const macro = reportedMacro(call, e);
    const namespace = effectiveNamespace(e, call, place.file, table, context);
    if (namespace.undefinedNames.length) {
      unresolved(
        'namespace-macro-undefined',
        `${namespace.undefinedNames.join(', ')} has no #define this file's architecture sees: the namespace keeps the name as written`,
      );
    }
    if (namespace.limit) unresolved('expansion-limit', `namespace not macro-expanded (${namespace.limit})`);
    for (const symbol of alias.symbols) {
      const key = `${symbol}\t${macro}`;
      const entry = found.get(key) ?? { symbol, macro, namespaces: [] };
      if (!entry.namespaces.includes(namespace.text)) entry.namespaces.push(namespace.text);
      found.set(key, entry);
    }
  }
  for (const { symbol, macro, namespaces } of found.values()) {
    // `a|b`: the conditional definitions of a wrapper disagree.
    out.rows.push({ symbol, macro, namespace: namespaces.join('|'), file: place.file, line: place.line });
  }
  return chains;
}

function pastedExportsInDefines(
  lex: FileLex,
  table: WrapperTable,
  out: FileExports,
  skip: (def: MacroDefinition) => boolean,
  only: (macro: string) => boolean = () => true,
): void {
  for (const def of lex.defines) {
    if (isCoreMacro(def.name) || MACHINERY_FILES.has(def.file) || skip(def)) continue;
    for (const call of innerCalls(def, table)) {
      if (!pastesSymbol(call) || !Array.isArray(call.args) || !only(call.name)) continue;
      const signature = `#define ${def.name}${def.params ? `(${def.params.join(',')})` : ''}`;
      const wrapper = def.name.includes(EXPORT_MARKER) ? ' [export wrapper: its uses are rows, with the pasted symbol]' : '';
      out.unresolved.push({
        file: lex.file,
        line: call.line,
        macro: call.name,
        reason: 'token-paste-in-define',
        raw: callText(call.name, call.args),
        context: signature + wrapper,
      });
    }
  }
}

/**
 * The wrappers in force at a line of a file that #undefs and #defines some of its own again (lib/atomic64.c:
 * ATOMIC64_OPS with and without _RETURN; retpoline.S's GEN): cpp uses the definition in force where the
 * macro is used. Definitions without an #undef between them stay alternatives (#ifdef / #else branches).
 */
function redefinitionsOf(lex: FileLex, table: WrapperTable): (line: number) => WrapperTable {
  const redefined = [...new Set(lex.undefs.map((u) => u.name))].filter((name) => table.get(name)?.some((d) => d.file === lex.file));
  if (!redefined.length) return () => table;
  const views = new Map<number, WrapperTable>();
  return (line) => {
    let view = views.get(line);
    if (view) return view;
    const copy = new Map(table);
    for (const name of redefined) {
      let inForce: MacroDefinition[] = [];
      let last = 0;
      for (const def of table.get(name)!.filter((d) => d.file === lex.file && d.line < line)) {
        const undone = lex.undefs.some((u) => u.name === name && u.line > last && u.line < def.line);
        inForce = undone ? [def] : [...inForce, def];
        last = def.line;
      }
      if (lex.undefs.some((u) => u.name === name && u.line > last && u.line < line)) inForce = [];
      if (inForce.length) copy.set(name, inForce);
      else copy.delete(name);
    }
    views.set(line, (view = copy));
    return view;
  };
}

/** The rows of X-macro calls in the files `lex` includes (see x-macros.ts); returns the definitions used. */
function resolveXMacros(
  lex: FileLex,
  table: WrapperTable,
  context: ResolveContext,
  out: FileExports,
  chains: Set<string>,
): Set<MacroDefinition> {
  const used = new Set<MacroDefinition>();
  if (!context.tree) return used;
  for (const use of findXMacroUses(lex, table, context.tree.read, context.tree.arches())) {
    // The definition in force at the #include, not the file's other definitions of the same name.
    const local = new Map(table).set(use.def.name, [use.def]);
    const before = out.rows.length;
    for (const call of use.calls) {
      for (const name of resolveCall(use.file, call, local, context, out, { file: lex.file, line: use.include.line })) chains.add(name);
    }
    if (out.rows.length > before) used.add(use.def);
  }
  return used;
}

/** The rows of assembler macro calls whose export line names a parameter (asm-macros.ts). */
function resolveAsmMacros(lex: FileLex, context: ResolveContext, out: FileExports): void {
  const names = context.asmMacros;
  if (!context.tree || !names?.length || !lex.file.endsWith('.S') || !lex.calls.some((c) => names.includes(c.name))) return;
  const { exports, limit } = asmMacroExports(lex.file, context.tree.read, context.tree.arches());
  const seen = new Set<string>();
  for (const e of exports) {
    const key = `${e.line}\t${e.symbol}\t${e.macro}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source = namespaceSource(e.macro, 1);
    const namespace = source.from === 'default' ? (context.makefileNamespace() ?? '') : '';
    out.rows.push({ symbol: e.symbol, macro: e.macro, namespace, file: lex.file, line: e.line });
    (out.expandedTemplates ??= []).push(`${e.template.file}:${e.template.line}`);
  }
  if (limit)
    out.unresolved.push({ file: lex.file, line: 1, macro: '', reason: 'expansion-limit', raw: '(assembler macros)', context: limit });
}

export function resolveFile(lex: FileLex, global: WrapperTable, context: ResolveContext): FileExports {
  const table = wrappersFor(lex, global);
  const out: FileExports = { rows: [], unresolved: [] };
  resolveAsmMacros(lex, context, out);
  const chains = new Set<string>();
  const xmacros = resolveXMacros(lex, table, context, out, chains);
  const atLine = redefinitionsOf(lex, table);
  for (const call of lex.calls) for (const name of resolveCall(lex.file, call, atLine(call.line), context, out)) chains.add(name);
  // A pasting definition of this file whose uses were expanded here (to rows, or to unresolved entries
  // of their own) is no hole.
  pastedExportsInDefines(lex, table, out, (def) => xmacros.has(def) || (def.file === lex.file && chains.has(def.name)));
  const usedElsewhere = [...chains].filter((name) => table.get(name)?.some((d) => d.file !== lex.file));
  if (usedElsewhere.length) out.usedMacros = usedElsewhere;
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
  context: ResolveContext,
): FileExports {
  const table = discoverWrappers(includerDefines, global);
  const fromIncluder = (name: string) => table.get(name) !== global.get(name);
  const out: FileExports = { rows: [], unresolved: [] };
  pastedExportsInDefines(header, table, out, () => false, fromIncluder);
  for (const call of header.calls) if (fromIncluder(call.name)) resolveCall(header.file, call, table, context, out);
  return out;
}
