// Preprocessor-level tokens: enough of C's lexical rules to read macro bodies and macro call arguments.

export type TokenKind = 'ident' | 'number' | 'string' | 'punct';

export interface Token {
  kind: TokenKind;
  text: string;
  line: number;
}

// Whitespace and comments are skipped; `$` is an identifier character (GCC allows it, parisc uses it).
// Unterminated quotes end at the line end, as cpp does in assembler files (`don't` in a .S comment).
const TOKEN =
  /\s+|\/\*[\s\S]*?(?:\*\/|$)|\/\/[^\n]*|([A-Za-z_$][\w$]*)|(\.?\d(?:[eEpP][+-]|[\w$.])*)|("(?:[^"\\\n]|\\[\s\S])*"?|'(?:[^'\\\n]|\\[\s\S])*'?)|(##|\.\.\.|[^\s])/y;

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function tokenAt(text: string, pos: number, line: number): { token: Token | null; end: number; line: number } | null {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m) return null;
  const end = TOKEN.lastIndex;
  if (m[1] !== undefined) return { token: { kind: 'ident', text: m[1], line }, end, line };
  if (m[2] !== undefined) return { token: { kind: 'number', text: m[2], line }, end, line };
  if (m[3] !== undefined) return { token: { kind: 'string', text: m[3], line }, end, line };
  if (m[4] !== undefined) return { token: { kind: 'punct', text: m[4], line }, end, line };
  return { token: null, end, line: line + countNewlines(m[0]) };
}

/** All tokens of `text`; `line` is the line number of its first character. */
export function tokenize(text: string, line = 1): Token[] {
  const tokens: Token[] = [];
  for (let pos = 0; pos < text.length;) {
    const t = tokenAt(text, pos, line);
    if (!t) break;
    if (t.token) tokens.push(t.token);
    pos = t.end;
    line = t.line;
  }
  return tokens;
}

/**
 * Reads a parenthesised group of `text` starting at `open` (which holds `(`).
 * Returns the tokens between the parentheses and the offset after `)`, or null if the group never closes.
 */
export function readParenGroup(text: string, open: number, line: number): { tokens: Token[]; end: number } | null {
  const tokens: Token[] = [];
  let depth = 0;
  for (let pos = open; pos < text.length;) {
    const t = tokenAt(text, pos, line);
    if (!t) return null;
    pos = t.end;
    line = t.line;
    if (!t.token) continue;
    if (t.token.text === '(' && depth++ === 0) continue;
    if (t.token.text === ')' && --depth === 0) return { tokens, end: pos };
    tokens.push(t.token);
  }
  return null;
}

/** Splits tokens at top-level commas: `a, f(b, c)` gives [[a], [f ( b , c )]]. */
export function splitArgs(tokens: readonly Token[]): Token[][] {
  const args: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (t.text === ',' && depth === 0) {
      args.push([]);
      continue;
    }
    args[args.length - 1]!.push(t);
  }
  return args.length === 1 && args[0]!.length === 0 ? [] : args;
}

/** Index after the `)` matching the `(` at `open`, or -1. */
export function matchingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++;
    else if (tokens[i]!.text === ')' && --depth === 0) return i + 1;
  }
  return -1;
}

const WORDLIKE = /^[\w$"']/;

/** Tokens back to compact source text: `DOMAIN_NS(map_pages)`, `"kvm," __stringify(X)`, `xor_##flavor##_2`. */
export function tokensText(tokens: readonly Token[]): string {
  let out = '';
  let prev: Token | undefined;
  for (const t of tokens) {
    if (prev && WORDLIKE.test(prev.text.slice(-1)) && WORDLIKE.test(t.text)) out += ' ';
    out += t.text;
    prev = t;
  }
  return out;
}

export function callText(name: string, args: readonly Token[][]): string {
  return `${name}(${args.map(tokensText).join(',')})`;
}

export function isSymbolToken(tokens: readonly Token[]): boolean {
  return tokens.length === 1 && (tokens[0]!.kind === 'ident' || tokens[0]!.kind === 'number') && /^[\w$]+$/.test(tokens[0]!.text);
}
