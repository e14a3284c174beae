// A small cpp macro expander for the few places where a scan needs cpp's own result: the arguments of a
// wrapper that are fully macro-expanded before substitution (cpp does so for every parameter not next to
// # or ##: GENERATE_THUNK(_ASM_AX) hands `rax` on 64-bit and `eax` on 32-bit to a pasting wrapper), and
// namespaces built with __stringify(X). A macro with several definitions (#if alternatives) gives one
// result per alternative. Bounded in depth, alternatives and work; past a bound the caller is told.
import type { MacroDefinition } from './lex.ts';
import type { MacroTable } from './macro-env.ts';
import { matchingParen, splitArgs, tokensText, type Token } from './tokens.ts';

const MAX_DEPTH = 16;
const MAX_ALTERNATIVES = 16;
const MAX_STEPS = 20_000;

export class ExpansionLimit extends Error {
  constructor(what: string) {
    super(what);
    this.name = 'ExpansionLimit';
  }
}

export interface Expander {
  /** Every way `tokens` expands; throws ExpansionLimit past a bound. */
  expand(tokens: readonly Token[]): Token[][];
  /** Names looked up and not defined: a result that still holds them is only partly known. */
  readonly undefinedNames: Set<string>;
}

/** `__stringify(x...)` is `#x` after expansion; used when the table lacks linux/stringify.h. */
const STRINGIFY = '__stringify';

function stringLiteral(tokens: readonly Token[], line: number): Token {
  return { kind: 'string', text: `"${tokensText(tokens).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`, line };
}

function pasted(left: Token | undefined, right: Token | undefined, line: number): Token[] {
  const text = (left?.text ?? '') + (right?.text ?? '');
  if (!text) return [];
  return [{ kind: /^[A-Za-z_$][\w$]*$/.test(text) ? 'ident' : /^\d/.test(text) ? 'number' : 'punct', text, line }];
}

/** The distinct token lists, in first-seen order. */
export function distinct(alternatives: readonly Token[][]): Token[][] {
  const seen = new Set<string>();
  return alternatives.filter((alt) => {
    const key = alt.map((t) => t.text).join(' ');
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** Every combination of one alternative per part, concatenated. */
export function product(parts: readonly Token[][][]): Token[][] {
  let outs: Token[][] = [[]];
  for (const alternatives of parts) {
    const next: Token[][] = [];
    for (const out of outs) for (const alt of alternatives) next.push([...out, ...alt]);
    outs = distinct(next);
    if (outs.length > MAX_ALTERNATIVES) throw new ExpansionLimit(`more than ${MAX_ALTERNATIVES} alternatives`);
  }
  return outs;
}

export function createExpander(table: MacroTable): Expander {
  let steps = 0;
  const undefinedNames = new Set<string>();

  function bind(def: MacroDefinition, args: Token[][]): Map<string, Token[]> {
    const bindings = new Map<string, Token[]>();
    (def.params ?? []).forEach((param, i) => {
      if (param.endsWith('...')) {
        const rest = args.slice(i).flatMap((a, j): Token[] => (j ? [{ kind: 'punct', text: ',', line: a[0]?.line ?? 0 }, ...a] : a));
        bindings.set(param === '...' ? '__VA_ARGS__' : param.slice(0, -3), rest);
      } else bindings.set(param, args[i] ?? []);
    });
    return bindings;
  }

  /** The body with parameters replaced: `#p` stringified, `a ## b` pasted raw, others pre-expanded. */
  function substitute(def: MacroDefinition, args: Token[][], disabled: ReadonlySet<string>, depth: number): Token[][] {
    const bindings = bind(def, args);
    const body = def.body;
    const parts: Token[][][] = [];
    for (let i = 0; i < body.length; i++) {
      const t = body[i]!;
      const arg = bindings.get(t.text);
      if (t.text === '#' && body[i + 1] && bindings.has(body[i + 1]!.text)) {
        parts.push([[stringLiteral(bindings.get(body[++i]!.text)!, t.line)]]);
      } else if (t.text === '##' && body[i + 1]) {
        const right = bindings.get(body[i + 1]!.text) ?? [body[i + 1]!];
        i++;
        // Paste onto the last token of every alternative so far.
        const left = parts.pop() ?? [[]];
        parts.push(left.map((alt) => [...alt.slice(0, -1), ...pasted(alt[alt.length - 1], right[0], t.line), ...right.slice(1)]));
      } else if (arg && body[i + 1]?.text !== '##') parts.push(expandAll(arg, disabled, depth + 1));
      else parts.push([arg ?? [t]]);
    }
    return product(parts);
  }

  function expandAll(tokens: readonly Token[], disabled: ReadonlySet<string>, depth: number): Token[][] {
    if (depth > MAX_DEPTH) throw new ExpansionLimit(`macros nested more than ${MAX_DEPTH} deep`);
    const parts: Token[][][] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (++steps > MAX_STEPS) throw new ExpansionLimit(`more than ${MAX_STEPS} expansion steps`);
      const t = tokens[i]!;
      if (t.kind !== 'ident' || disabled.has(t.text)) {
        parts.push([[t]]);
        continue;
      }
      const defs = table.get(t.text);
      const called = tokens[i + 1]?.text === '(';
      const end = called ? matchingParen(tokens as Token[], i + 1) : -1;
      if (!defs?.length) {
        if (t.text === STRINGIFY && end > 0) {
          const inner = expandAll(tokens.slice(i + 2, end - 1), disabled, depth + 1);
          parts.push(inner.map((alt) => [stringLiteral(alt, t.line)]));
          i = end - 1;
        } else {
          if (/^[A-Z_][A-Z0-9_]*$/.test(t.text)) undefinedNames.add(t.text);
          parts.push([[t]]);
        }
        continue;
      }
      const inner = new Set(disabled).add(t.text);
      const alternatives: Token[][] = [];
      let consumed = i;
      for (const def of defs) {
        if (def.params === null) alternatives.push(...expandAll(def.body, inner, depth + 1));
        else if (end > 0) {
          const args = splitArgs(tokens.slice(i + 2, end - 1));
          for (const alt of substitute(def, args, disabled, depth)) alternatives.push(...expandAll(alt, inner, depth + 1));
          consumed = end - 1;
        } else alternatives.push([t]);
      }
      const unique = distinct(alternatives);
      if (unique.length > MAX_ALTERNATIVES) throw new ExpansionLimit(`more than ${MAX_ALTERNATIVES} alternatives`);
      parts.push(unique);
      i = consumed;
    }
    return product(parts);
  }

  return { expand: (tokens) => expandAll(tokens, new Set(), 0), undefinedNames };
}
