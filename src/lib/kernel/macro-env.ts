// The object-like and function-like macros visible to a file: its own #defines and those of the headers
// it includes, followed through the tree's include directories. Only read when a wrapper argument must
// be macro-expanded before substitution (cpp's rule) or a namespace is built with __stringify(X), so a
// scan reads few of these. Bounded: at most MAX_FILES headers and MAX_INCLUDE_DEPTH levels per file.
//
// Conditionals are not evaluated, except `__ASSEMBLY__`/`__ASSEMBLER__` (defined in .S files, not in .c
// files): a #define under any other #if is one alternative among the definitions of its name.
import { readDirective, atLineStart } from './c-text.ts';
import { archOf, includeCandidates } from './include-paths.ts';
import type { MacroDefinition } from './lex.ts';
import { tokenize } from './tokens.ts';

/** Name → its definitions in force: several when conditional definitions are alternatives. */
export type MacroTable = ReadonlyMap<string, readonly MacroDefinition[]>;

/** Reads a file of the tree (path relative to its root), or undefined when it is not a regular file. */
export type TreeReader = (file: string) => string | undefined;

const MAX_FILES = 400;
const MAX_INCLUDE_DEPTH = 24;

interface Directive {
  keyword: string;
  rest: string;
  line: number;
}

const ASSEMBLY = /^\s*(?:defined\s*\(?\s*)?__ASSEMBL(?:Y|ER)__\s*\)?\s*$/;

/** The directives of a text, in order (comments and strings skipped by readDirective's callers' rules). */
function directivesOf(text: string): Directive[] {
  const found: Directive[] = [];
  let line = 1;
  let counted = 0;
  for (let p = text.indexOf('#'); p >= 0; p = text.indexOf('#', p + 1)) {
    if (!atLineStart(text, p)) continue;
    for (let i = text.indexOf('\n', counted); i >= 0 && i < p; i = text.indexOf('\n', i + 1)) line++;
    counted = p;
    const { body, end } = readDirective(text, p);
    const m = /^#\s*([a-z_]+)/.exec(body);
    if (m) found.push({ keyword: m[1]!, rest: body.slice(m[0].length), line });
    p = Math.max(p, end - 1);
  }
  return found;
}

interface Frame {
  /** true/false when the condition is known (`__ASSEMBLY__`), undefined otherwise. */
  known: boolean | undefined;
  /** This branch is never compiled (a known condition is false). */
  dead: boolean;
  /** An `#ifndef GUARD` opened by the directive before: not a real condition. */
  guard: boolean;
  ifndef?: string;
}

/**
 * The include depths a lookup tries in turn: the file alone, its direct includes, everything. Most
 * answers come from the first two, which read a handful of files instead of hundreds.
 */
export const INCLUDE_DEPTHS: ReadonlyArray<number | undefined> = [0, 1, undefined];

/** Builds the macro table of files in one include order, like one cpp run. */
class TableBuilder {
  readonly table = new Map<string, MacroDefinition[]>();
  private readonly seen = new Set<string>();
  private files = 0;
  truncated = false;

  private readonly read: TreeReader;
  private readonly arches: readonly string[];
  private readonly assembly: boolean;
  /** The arch whose headers <asm/…> means; undefined: every arch's (generic code). */
  private readonly arch: string | undefined;

  private readonly parse: (file: string, text: string) => Directive[];

  constructor(
    read: TreeReader,
    arches: readonly string[],
    assembly: boolean,
    arch: string | undefined,
    parse: (file: string, text: string) => Directive[],
  ) {
    this.parse = parse;
    this.read = read;
    this.arches = arches;
    this.assembly = assembly;
    this.arch = arch;
  }

  addFile(file: string, depth: number, conditional: boolean, upToLine = Infinity): void {
    if (this.seen.has(file)) return;
    if (this.files >= MAX_FILES || depth > MAX_INCLUDE_DEPTH) {
      this.truncated = true;
      return;
    }
    const text = this.read(file);
    if (text === undefined) return;
    this.seen.add(file);
    this.files++;
    const frames: Frame[] = [];
    let previous: Directive | undefined;
    for (const d of this.parse(file, text)) {
      if (d.line >= upToLine) break;
      const opened = previous;
      previous = d;
      if (this.conditional(d, frames)) continue;
      if (frames.some((f) => f.dead)) continue;
      const underCondition = conditional || frames.some((f) => !f.guard && f.known === undefined);
      if (d.keyword === 'define') this.define(d, file, underCondition, frames, opened);
      else if (d.keyword === 'undef') {
        if (!underCondition) this.table.delete(d.rest.trim());
      } else if (d.keyword === 'include') {
        const m = /^\s*([<"])([^>"]+)[>"]/.exec(d.rest);
        if (m) this.include(file, m[2]!.trim(), m[1] === '"', depth, underCondition);
      }
    }
  }

  private includeDepth = MAX_INCLUDE_DEPTH;

  /** Includes followed this many levels down (0: the file's own #defines): cheap first tries. */
  limitIncludes(depth: number): void {
    this.includeDepth = depth;
  }

  private include(includer: string, target: string, quoted: boolean, depth: number, conditional: boolean): void {
    if (depth >= this.includeDepth) return;
    // Generic code's <linux/…> is include/linux/… (an arch directory overriding one is rare): only
    // <asm/…> is looked up in every arch's include directory.
    const arches = this.arch ? [this.arch] : target.startsWith('asm/') ? this.arches : [];
    const candidates = includeCandidates(includer, target, quoted, arches);
    // In generic code an <asm/…> header is each architecture's own: all of them are alternatives. Only
    // for the file's own includes: deeper down (linux/types.h → asm/types.h …) the fan-out would read
    // every arch's headers for macros nobody asks about, so there the generic header stands in.
    const generic = !this.arch && !archOf(includer) && !quoted && target.startsWith('asm/');
    if (generic) {
      if (depth === 0) for (const c of candidates.filter((c) => c.startsWith('arch/'))) this.addFile(c, depth + 1, true);
      this.addFile(`include/asm-generic/${target.slice(4)}`, depth + 1, true);
      return;
    }
    for (const candidate of candidates) {
      if (this.seen.has(candidate)) return;
      if (this.read(candidate) !== undefined) return this.addFile(candidate, depth + 1, conditional);
    }
  }

  /** Applies a conditional directive; false when `d` is not one. */
  private conditional(d: Directive, frames: Frame[]): boolean {
    const k = d.keyword;
    if (k === 'if' || k === 'ifdef' || k === 'ifndef') {
      const arg = d.rest.trim();
      let known: boolean | undefined;
      if (k !== 'if' || /^(defined\b|\(?\s*defined)/.test(arg)) {
        if (ASSEMBLY.test(arg.replace(/^defined/, ''))) known = k === 'ifndef' ? !this.assembly : this.assembly;
      }
      if (k === 'if' && /^!\s*defined\s*\(?\s*__ASSEMBL(?:Y|ER)__\s*\)?\s*$/.test(arg)) known = !this.assembly;
      if (k === 'if' && /^0\s*$/.test(arg)) known = false;
      frames.push({ known, dead: known === false, guard: false, ifndef: k === 'ifndef' ? arg : undefined });
      return true;
    }
    if (k === 'elif' || k === 'else' || k === 'elifdef' || k === 'elifndef') {
      const top = frames[frames.length - 1];
      if (!top) return true;
      if (top.known !== undefined) {
        top.dead = k === 'else' ? top.known : true;
        if (k !== 'else') top.known = undefined;
      } else top.dead = false;
      top.guard = false;
      return true;
    }
    if (k === 'endif') {
      frames.pop();
      return true;
    }
    return false;
  }

  private define(d: Directive, file: string, conditional: boolean, frames: Frame[], opened: Directive | undefined): void {
    const m = /^\s+([A-Za-z_$][\w$]*)(\(([^)]*)\))?/.exec(d.rest);
    if (!m) return;
    const name = m[1]!;
    const top = frames[frames.length - 1];
    // `#ifndef NAME` then `#define NAME`: an include guard (or a default) does not make what follows conditional.
    if (top && top.ifndef === name && opened?.keyword === 'ifndef') {
      top.guard = true;
      conditional = frames.some((f) => !f.guard && f.known === undefined);
    }
    const params =
      m[2] === undefined
        ? null
        : m[3]!
            .split(',')
            .map((p) => p.trim())
            .filter(Boolean);
    const def: MacroDefinition = { name, params, body: tokenize(d.rest.slice(m[0].length), d.line), file, line: d.line };
    const previous = this.table.get(name);
    this.table.set(name, conditional && previous ? [...previous, def] : [def]);
  }
}

/** Macro tables of files, each read once per thread and cached by (file, arch, assembly). */
export class MacroEnvironment {
  private readonly cache = new Map<string, { table: MacroTable; truncated: boolean }>();
  /** Each file's directives, parsed once whatever table includes it. */
  private readonly parsed = new Map<string, Directive[]>();
  private readonly parse = (file: string, text: string): Directive[] => {
    let found = this.parsed.get(file);
    if (!found) this.parsed.set(file, (found = directivesOf(text)));
    return found;
  };
  private arches: string[] | undefined;

  private readonly read: TreeReader;
  private readonly listArches: () => string[];

  constructor(read: TreeReader, listArches: () => string[]) {
    this.read = read;
    this.listArches = listArches;
  }

  private readonly answers = new Map<string, unknown>();

  /** An answer computed once per tree for `key` (many uses of one wrapper ask the same question). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.answers.has(key)) this.answers.set(key, compute());
    return this.answers.get(key) as T;
  }

  /**
   * The macros in force in `file` (before `line`, if given), for `arch` (default: the file's own,
   * or every arch's headers for generic code). `.S` files see __ASSEMBLY__ defined. `includeDepth`:
   * levels of #include followed (0: the file's own #defines only).
   */
  tableFor(file: string, options: { line?: number; arch?: string; includeDepth?: number } = {}): { table: MacroTable; truncated: boolean } {
    const arch = options.arch ?? archOf(file);
    const key = `${file}\t${arch ?? ''}\t${options.line ?? ''}\t${options.includeDepth ?? ''}`;
    let found = this.cache.get(key);
    if (!found) {
      this.arches ??= this.listArches();
      const builder = new TableBuilder(this.read, this.arches, file.endsWith('.S'), arch, this.parse);
      if (options.includeDepth !== undefined) builder.limitIncludes(options.includeDepth);
      builder.addFile(file, 0, false, options.line);
      found = { table: builder.table, truncated: builder.truncated };
      this.cache.set(key, found);
    }
    return found;
  }
}
