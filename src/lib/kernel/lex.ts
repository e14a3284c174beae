// Reads one source file the way cpp would, as far as exports need: skips comments, string literals and
// `#if 0` code, and records the #defines that may be export wrappers and every use of an export-looking
// macro with its arguments and the DEFAULT_SYMBOL_NAMESPACE and object-like aliases in force there.
import { atLineStart, isIdentChar, nextIndex, readDirective, skipBlank, skipQuoted } from './c-text.ts';
import { ConditionalStack, type ConditionalFrame } from './conditionals.ts';
import { namespaceText } from './namespaces.ts';
import { AliasTracker, type AliasScope, type BranchContext } from './object-aliases.ts';
import { readParenGroup, splitArgs, tokenize, type Token } from './tokens.ts';

export interface MacroDefinition {
  name: string;
  /** null for an object-like macro. */
  params: string[] | null;
  body: Token[];
  file: string;
  line: number;
}

export interface CallSite {
  name: string;
  line: number;
  /** null when the name is not followed by `(`. */
  args: Token[][] | null;
  /** A `(` follows the name but never closes (a use cut off at the end of the file). */
  unclosed?: boolean;
  /** Never compiled: inside `#if 0`, or the `#else` of `#if 1`. */
  dead: boolean;
  /** DEFAULT_SYMBOL_NAMESPACE #defined earlier in the file. */
  defaultNamespace: string | undefined;
  aliases: AliasScope;
  context: BranchContext;
}

export interface Include {
  target: string;
  /** `#include "x.h"` rather than `<x.h>`. */
  quoted: boolean;
  line: number;
}

export interface FileLex {
  file: string;
  includes: Include[];
  /** #defines mentioning EXPORT or a generator name: the candidates for wrappers. */
  defines: MacroDefinition[];
  /** Uses of identifiers containing EXPORT or a generator name, outside comments, strings and directives. */
  calls: CallSite[];
  /** #undefs, and #defines of a name in `defines` whose new body exports nothing: where a definition ends. */
  undefs: Array<{ name: string; line: number }>;
}

/** Files whose text lacks this can hold no export (generator macros aside). */
export const EXPORT_MARKER = 'EXPORT';

const INCLUDE_TARGET = /^\s*([<"])([^>"]+)/;
const DEFINE = /^\s+([A-Za-z_$][\w$]*)(?:\(([^)]*)\))?/;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `define` for `#  define X`; empty when no lowercase word follows the `#`. */
function directiveKeyword(body: string): string {
  let start = 1;
  while (body.charCodeAt(start) === 32 || body.charCodeAt(start) === 9) start++;
  let end = start;
  for (let c = body.charCodeAt(end); (c >= 97 && c <= 122) || c === 95; c = body.charCodeAt(++end));
  return body.slice(start, end);
}

export function lexFile(file: string, text: string, generatorNames: readonly string[] = []): FileLex {
  const defines: MacroDefinition[] = [];
  const calls: CallSite[] = [];
  const includes: Include[] = [];
  const undefs: FileLex['undefs'] = [];
  const conditionals = new ConditionalStack();
  const aliases = new AliasTracker();
  let defaultNamespace: string | undefined;
  let freshIfndef: ConditionalFrame | undefined;

  // The text is walked by jumping between occurrences of these needles (indexOf runs at memchr speed),
  // not character by character: the first five start comments, strings, directives and EXPORT names.
  const needles = ['/', '"', "'", '#', EXPORT_MARKER, ...generatorNames];
  const nextAt = needles.map((n) => nextIndex(text, n, 0));
  const FIRST_GENERATOR = 5;
  const generators = needles.slice(FIRST_GENERATOR);

  let countedPos = 0;
  let countedLine = 1;
  const lineAt = (pos: number): number => {
    for (let i = text.indexOf('\n', countedPos); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) countedLine++;
    countedPos = pos;
    return countedLine;
  };

  const mentionsExport = (s: string) => s.includes(EXPORT_MARKER) || generators.some((n) => s.includes(n));

  /** `previous` is the frame opened by the directive just before, if that was an #ifndef. */
  function define(rest: string, pos: number, previous: ConditionalFrame | undefined): void {
    const m = DEFINE.exec(rest);
    if (!m) return;
    const name = m[1]!;
    const bodyText = rest.slice(m[0].length);
    // `#ifndef NAME` then `#define NAME`: an include guard, or a default value (`FUNC_NAME memcpy`).
    const ifndef = previous?.ifndef === name ? previous : undefined;
    if (name === 'DEFAULT_SYMBOL_NAMESPACE') {
      defaultNamespace = namespaceText(tokenize(bodyText));
      return;
    }
    if (m[2] === undefined) {
      const value = bodyText.trim();
      if (ifndef && !IDENTIFIER.test(value)) ifndef.guard = true;
      else if (IDENTIFIER.test(value)) {
        const frame = conditionals.innermostCondition();
        aliases.define(name, { value, line: lineAt(pos), frame, branch: frame?.branch ?? 0, overridable: ifndef !== undefined });
      }
    }
    if (!mentionsExport(rest)) {
      if (defines.some((d) => d.name === name)) undefs.push({ name, line: lineAt(pos) });
      return;
    }
    const line = lineAt(pos);
    const params =
      m[2] === undefined
        ? null
        : m[2]
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    defines.push({ name, params, body: tokenize(bodyText, line + m[0].split('\n').length - 1), file, line });
    if (!name.includes(EXPORT_MARKER) && !generators.includes(name)) {
      // A local generator (kstrto_from_user): look for its uses too from here on.
      generators.push(name);
      needles.push(name);
      nextAt.push(nextIndex(text, name, pos));
    }
  }

  function directive(body: string, pos: number): void {
    const opened = freshIfndef;
    freshIfndef = undefined;
    const keyword = directiveKeyword(body);
    const rest = body.slice(body.indexOf(keyword) + keyword.length);
    if (keyword === 'include') {
      const include = INCLUDE_TARGET.exec(rest);
      if (include && !conditionals.dead) includes.push({ target: include[2]!.trim(), quoted: include[1] === '"', line: lineAt(pos) });
      return;
    }
    if (conditionals.apply(keyword, rest)) {
      if (keyword === 'ifndef') freshIfndef = conditionals.top;
      return;
    }
    if (conditionals.dead) return;
    if (keyword === 'define') define(rest, pos, opened);
    else if (keyword === 'undef') {
      const name = rest.trim();
      undefs.push({ name, line: lineAt(pos) });
      if (name === 'DEFAULT_SYMBOL_NAMESPACE') defaultNamespace = undefined;
      aliases.undefine(name);
    }
  }

  /** A use of a watched name at `p`; returns where scanning resumes. */
  function use(p: number, needle: string): number {
    let start = p;
    let end = p + needle.length;
    if (needle === EXPORT_MARKER) while (start > 0 && isIdentChar(text.charCodeAt(start - 1))) start--;
    else if (p > 0 && isIdentChar(text.charCodeAt(p - 1))) return p + 1;
    while (end < text.length && isIdentChar(text.charCodeAt(end))) end++;
    // A longer name found by a generator's needle (ATOMIC64_OPS by ATOMIC64_OP) counts only if it is a generator too.
    if (needle !== EXPORT_MARKER && end !== p + needle.length && !generators.includes(text.slice(start, end))) return end;
    const line = lineAt(start);
    let args: Token[][] | null = null;
    let resume = end;
    let unclosed = false;
    const open = skipBlank(text, end);
    if (text.charCodeAt(open) === 40) {
      const group = readParenGroup(text, open, line);
      if (group) {
        args = splitArgs(group.tokens);
        resume = group.end;
      } else unclosed = true;
    }
    calls.push({
      name: text.slice(start, end),
      line,
      args,
      ...(unclosed ? { unclosed } : {}),
      dead: conditionals.dead,
      defaultNamespace,
      aliases: aliases.snapshot(),
      context: conditionals.frames.filter((f) => !f.guard).map((frame) => ({ frame, branch: frame.branch })),
    });
    return resume;
  }

  for (;;) {
    let k = 0;
    for (let j = 1; j < nextAt.length; j++) if (nextAt[j]! < nextAt[k]!) k = j;
    const p = nextAt[k]!;
    if (p >= text.length) break;
    let end = p + 1;
    if (k === 0) {
      const c = text.charCodeAt(p + 1);
      if (c === 42) end = nextIndex(text, '*/', p + 2) + 2;
      else if (c === 47) end = nextIndex(text, '\n', p);
    } else if (k === 1 || k === 2) end = skipQuoted(text, p);
    else if (k === 3) {
      if (atLineStart(text, p)) {
        const d = readDirective(text, p);
        end = d.end;
        directive(d.body, p);
      }
    } else end = use(p, needles[k]!);
    for (let j = 0; j < nextAt.length; j++) if (nextAt[j]! < end) nextAt[j] = nextIndex(text, needles[j]!, end);
  }
  return { file, includes, defines, calls, undefs };
}
