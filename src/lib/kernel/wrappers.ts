// Export wrappers: #defines whose body hands a parameter (or a fixed symbol) to an export macro, found by
// repeating the search until nothing new appears, and expanded at call sites like a small cpp.
import { isCoreMacro, MACHINERY_FILES } from './core-macros.ts';
import { EXPORT_MARKER, type MacroDefinition } from './lex.ts';
import { matchingParen, splitArgs, type Token } from './tokens.ts';

/** Wrapper name → its exporting definitions, in definition order (several under #if alternatives). */
export type WrapperTable = ReadonlyMap<string, readonly MacroDefinition[]>;

export interface InnerCall {
  name: string;
  /** 'forward' for `#define ALIAS EXPORT_SYMBOL_GPL`, which takes the caller's arguments. */
  args: Token[][] | null | 'forward';
  line: number;
}

function isExportMacro(name: string, table: WrapperTable): boolean {
  return isCoreMacro(name) || table.has(name);
}

/** The uses of export macros in a definition's body. */
export function innerCalls(def: MacroDefinition, table: WrapperTable): InnerCall[] {
  const body = def.body;
  if (def.params === null && body.length === 1 && isExportMacro(body[0]!.text, table))
    return [{ name: body[0]!.text, args: 'forward', line: body[0]!.line }];
  const calls: InnerCall[] = [];
  for (let i = 0; i < body.length; i++) {
    const t = body[i]!;
    if (t.kind !== 'ident' || t.text === def.name || !isExportMacro(t.text, table)) continue;
    if (body[i - 1]?.text === '#' || body[i - 1]?.text === '##' || body[i + 1]?.text === '##') continue;
    if (body[i + 1]?.text === '(') {
      const end = matchingParen(body, i + 1);
      if (end < 0) continue;
      calls.push({ name: t.text, args: splitArgs(body.slice(i + 2, end - 1)), line: t.line });
      i = end - 1;
    } else if (table.get(t.text)?.some((d) => d.params === null)) calls.push({ name: t.text, args: null, line: t.line });
  }
  return calls;
}

/** An export whose symbol is built by token pasting (`EXPORT_SYMBOL(param_set_##name)`). */
export function pastesSymbol(call: InnerCall): boolean {
  return Array.isArray(call.args) && (call.args[0]?.some((t) => t.text === '##') ?? false);
}

/**
 * Adds the wrappers among `defines` to `base`. A name #defined in `defines` replaces its `base`
 * definitions (a .c file's own #define wins over a header's). Generators without EXPORT in their name
 * that paste the symbol are expanded and pasted as cpp does (kernel/params.c's STANDARD_PARAM_DEF(byte, …)
 * exports param_set_byte; powerpc's define_machine(pseries) exports mach_pseries).
 */
export function discoverWrappers(defines: readonly MacroDefinition[], base: WrapperTable = new Map()): WrapperTable {
  const table = new Map(base);
  const redefined = new Set<string>();
  const pending = defines.filter((d) => !isCoreMacro(d.name) && !MACHINERY_FILES.has(d.file));
  for (let changed = true; changed;) {
    changed = false;
    for (let i = 0; i < pending.length; i++) {
      const def = pending[i]!;
      const calls = innerCalls(def, table);
      if (!calls.length) continue;
      pending.splice(i--, 1);
      changed = true;
      const previous = redefined.has(def.name) ? table.get(def.name)! : [];
      redefined.add(def.name);
      table.set(def.name, [...previous, def]);
    }
  }
  for (const name of redefined)
    table.set(
      name,
      [...table.get(name)!].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line)),
    );
  return table;
}

function bind(params: readonly string[] | null, args: readonly Token[][]): Map<string, Token[]> {
  const bindings = new Map<string, Token[]>();
  (params ?? []).forEach((param, i) => {
    if (param.endsWith('...')) {
      const rest = args.slice(i).flatMap((a, j): Token[] => (j ? [{ kind: 'punct', text: ',', line: a[0]?.line ?? 0 }, ...a] : a));
      bindings.set(param === '...' ? '__VA_ARGS__' : param.slice(0, -3), rest);
    } else bindings.set(param, args[i] ?? []);
  });
  return bindings;
}

function pasted(text: string, line: number): Token {
  return { kind: /^[A-Za-z_$][\w$]*$/.test(text) ? 'ident' : /^\d/.test(text) ? 'number' : 'punct', text, line };
}

/**
 * Replaces parameters by arguments, with `#param` stringified and `a ## b` pasted. A parameter elsewhere
 * takes its `expanded` argument when given: cpp macro-expands such arguments before substitution.
 */
function substitute(
  tokens: readonly Token[],
  bindings: ReadonlyMap<string, Token[]>,
  expanded?: ReadonlyMap<string, Token[]>,
): { tokens: Token[]; pasted: boolean } {
  const out: Token[] = [];
  let didPaste = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1];
    if (t.text === '#' && next && bindings.has(next.text)) {
      out.push({
        kind: 'string',
        text: `"${bindings
          .get(next.text)!
          .map((u) => u.text)
          .join(' ')}"`,
        line: t.line,
      });
      i++;
    } else if (t.text === '##' && next) {
      const right = bindings.get(next.text) ?? [next];
      const left = out.pop();
      out.push(pasted((left?.text ?? '') + (right[0]?.text ?? ''), t.line), ...right.slice(1));
      didPaste ||= bindings.has(next.text);
      i++;
    } else if (next?.text === '##') out.push(...(bindings.get(t.text) ?? [t]));
    else out.push(...(expanded?.get(t.text) ?? bindings.get(t.text) ?? [t]));
  }
  return { tokens: out, pasted: didPaste };
}

export interface Expansion {
  /** Macro names from the call site's down to the core macro. */
  chain: string[];
  core: string;
  /** The core macro's arguments. */
  args: Token[][];
  /** Some wrapper pasted an argument into a new token (its arguments' pre-expansion then matters). */
  pasted: boolean;
}

/** Macro-expands an argument (alternatives when a macro has #if alternatives); see preexpand.ts. */
export type ArgumentExpander = (tokens: readonly Token[]) => Token[][];

export interface ExpandOptions {
  preexpand?: ArgumentExpander;
  /** Set when a chain went deeper than MAX_DEPTH and was cut there. */
  tooDeep?: boolean;
}

export const MAX_DEPTH = 16;

/** The bindings of every parameter to its pre-expanded argument, one map per combination of alternatives. */
function expandedBindings(bindings: ReadonlyMap<string, Token[]>, preexpand: ArgumentExpander): Map<string, Token[]>[] {
  let combos: Map<string, Token[]>[] = [new Map()];
  for (const [param, arg] of bindings) {
    const alternatives = arg.some((t) => t.kind === 'ident') ? preexpand(arg) : [arg];
    combos = combos.flatMap((combo) => alternatives.map((alt) => new Map(combo).set(param, alt)));
  }
  return combos;
}

function resplit(args: Token[][]): Token[][] {
  if (!args.some((a) => a.some((t) => t.text === ','))) return args;
  return splitArgs(args.flatMap((a, i): Token[] => (i ? [{ kind: 'punct', text: ',', line: a[0]?.line ?? 0 }, ...a] : a)));
}

/** Every core export a use of `name` can expand to (several when a wrapper has #if alternatives). */
export function expand(name: string, args: Token[][], table: WrapperTable, options: ExpandOptions = {}, depth = 0): Expansion[] {
  if (isCoreMacro(name)) return [{ chain: [name], core: name, args, pasted: false }];
  if (depth > MAX_DEPTH) {
    options.tooDeep = true;
    return [];
  }
  const expansions: Expansion[] = [];
  for (const def of table.get(name) ?? []) {
    const bindings = bind(def.params, args);
    const alternatives = options.preexpand ? expandedBindings(bindings, options.preexpand) : [undefined];
    for (const expanded of alternatives) {
      for (const call of innerCalls(def, table)) {
        const substituted = call.args === 'forward' ? [] : (call.args ?? []).map((a) => substitute(a, bindings, expanded));
        // Commas an argument brings in (__VA_ARGS__ forwarded as `F(__VA_ARGS__)`) separate arguments once
        // substituted, as in cpp's rescan.
        const innerArgs = call.args === 'forward' ? args : resplit(substituted.map((s) => s.tokens));
        const pastedHere = substituted.some((s) => s.pasted);
        for (const e of expand(call.name, innerArgs, table, options, depth + 1))
          expansions.push({ ...e, chain: [name, ...e.chain], pasted: e.pasted || pastedHere });
      }
    }
  }
  return expansions;
}

/** A wrapper without EXPORT in its name, and the part of the tree that can use it. */
export interface Generator {
  name: string;
  /** A path prefix such as `arch/alpha/`, or '' for the whole tree. */
  scope: string;
}

/**
 * Where a header's macros can be used: anywhere for include/ and arch/<arch>/include/ (which generic
 * code includes as <asm/…>); near it for a private header (arch/alpha/kernel/machvec_impl.h: arch/alpha/).
 */
function headerScope(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'include' || (parts[0] === 'arch' && parts[2] === 'include')) return '';
  return `${parts.slice(0, Math.min(2, parts.length - 1)).join('/')}/`;
}

/**
 * Where a pasting generator of an arch header is used: its own arch (define_machine in
 * arch/powerpc/include/asm/machdep.h serves arch/powerpc/). Each generator name costs a search of every
 * file in its scope, and these are never used by generic code.
 */
function pastingScope(file: string): string {
  const arch = /^arch\/[^/]+\//.exec(file)?.[0];
  return arch ?? headerScope(file);
}

/** The header wrappers whose uses a search for EXPORT would miss (ALIAS_MV, DECLARE_VM_GET_PAGE_PROT). */
export function generatorsOf(table: WrapperTable): Generator[] {
  const generators: Generator[] = [];
  for (const [name, defs] of table) {
    if (name.includes(EXPORT_MARKER)) continue;
    const scopes = new Set(defs.map((d) => (innerCalls(d, table).some(pastesSymbol) ? pastingScope(d.file) : headerScope(d.file))));
    if (scopes.has('')) generators.push({ name, scope: '' });
    else for (const scope of scopes) generators.push({ name, scope });
  }
  return generators;
}

/** The generator names usable in `file`. */
export function generatorsFor(file: string, generators: readonly Generator[]): string[] {
  const names: string[] = [];
  for (const g of generators) if (g.scope === '' || file.startsWith(g.scope)) if (!names.includes(g.name)) names.push(g.name);
  return names;
}
