// Assembler macros whose export line names a macro parameter: s390's nospec-insn.h has
//   .macro __THUNK_EPILOG_NAME name … EXPORT_SYMBOL(\name) … .endm
// reached from arch/s390/lib/expoline.S through `.irp r1,1,…,15` / `GEN_BR_THUNK_EXTERN %r\r1` and
// `.ifc`-guarded `\expand \r1` calls. cpp leaves `\name` alone, so only gas's own expansion names the
// symbols (__s390_indirect_jump_r1 …). This is a small gas interpreter for .macro/.endm, .irp/.irpc/.endr,
// .rept, .ifc/.ifnc/.else/.endif and macro calls, bounded in depth and work.
//
// Each #if is taken as true (its #else/#elif skipped): the configuration with the options on, which is
// the one where such thunks are exported (CONFIG_EXPOLINE_EXTERN). A generated row carries the scanned
// file and the line of the top-level macro call that produced it (expoline.S's GEN_ALL_BR_THUNK_EXTERN):
// that is where the exports happen; the header's `EXPORT_SYMBOL(\name)` is only their template.
import { archOf, includeCandidates } from './include-paths.ts';
import type { TreeReader } from './macro-env.ts';

interface Line {
  text: string;
  file: string;
  line: number;
}

interface AsmMacro {
  name: string;
  params: Array<{ name: string; fallback: string; vararg: boolean }>;
  body: Line[];
}

export interface AsmExport {
  symbol: string;
  macro: string;
  /** The line of the scanned file's top-level statement that produced it. */
  line: number;
  /** Where the export line itself is (the template in a header). */
  template: { file: string; line: number };
}

const MAX_DEPTH = 24;
const MAX_STEPS = 200_000;
const MAX_INCLUDE_DEPTH = 4;
const EXPORT_CALL = /\b(_*EXPORT_\w*)\s*\(\s*([^()]*?)\s*\)/;
const SYMBOL = /^[A-Za-z_.$][\w.$]*$/;

/** Statements of a text with every #if taken, comments dropped, `label:` prefixes removed, includes inlined by `include`. */
function statements(file: string, text: string, include: (target: string, quoted: boolean) => Line[]): Line[] {
  const out: Line[] = [];
  const lines = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' ')).split('\n');
  const skipping: boolean[] = [];
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i]!;
    const number = i + 1;
    while (raw.endsWith('\\') && i + 1 < lines.length) raw = raw.slice(0, -1) + ' ' + lines[++i]!;
    const directive = /^\s*#\s*([a-z]+)\s*(.*)$/.exec(raw);
    if (directive) {
      const [, keyword, rest] = directive;
      if (keyword === 'if' || keyword === 'ifdef' || keyword === 'ifndef') skipping.push(skipping.at(-1) ?? false);
      else if (keyword === 'elif' || keyword === 'else') skipping[skipping.length - 1] = true;
      else if (keyword === 'endif') skipping.pop();
      else if (keyword === 'include' && !skipping.at(-1)) {
        const m = /^([<"])([^>"]+)/.exec(rest!);
        if (m) out.push(...include(m[2]!.trim(), m[1] === '"'));
      }
      continue;
    }
    if (skipping.at(-1)) continue;
    for (const part of raw.split(';')) {
      const text = part.replace(/^\s*(?:[\w.$\\]+:\s*)+/, '').trim();
      if (text) out.push({ text, file, line: number });
    }
  }
  return out;
}

/** The index of the line closing the block opened at `start` (`.endm` for .macro, `.endr` for .irp, …). */
function blockEnd(lines: readonly Line[], start: number, open: RegExp, close: RegExp): number {
  let depth = 0;
  for (let i = start; i < lines.length; i++) {
    if (open.test(lines[i]!.text)) depth++;
    else if (close.test(lines[i]!.text) && --depth === 0) return i;
  }
  return lines.length;
}

function substitute(lines: readonly Line[], bindings: ReadonlyMap<string, string>): Line[] {
  if (!bindings.size) return [...lines];
  return lines.map((l) => ({
    ...l,
    text: l.text.replace(/\\(\w+)|\\\(\)/g, (whole, name: string | undefined) => (name === undefined ? '' : (bindings.get(name) ?? whole))),
  }));
}

function splitArgs(text: string): string[] {
  const trimmed = text.trim();
  if (!trimmed) return [];
  return (trimmed.includes(',') ? trimmed.split(',') : trimmed.split(/\s+/)).map((a) => a.trim());
}

class Interpreter {
  readonly macros = new Map<string, AsmMacro>();
  readonly found: AsmExport[] = [];
  private steps = 0;
  exceeded = '';

  run(lines: readonly Line[], origin: number | undefined, depth: number): void {
    if (depth > MAX_DEPTH) {
      this.exceeded = `assembler macros nested more than ${MAX_DEPTH} deep`;
      return;
    }
    for (let i = 0; i < lines.length && !this.exceeded; i++) {
      if (++this.steps > MAX_STEPS) {
        this.exceeded = `more than ${MAX_STEPS} assembler statements`;
        return;
      }
      const line = lines[i]!;
      const at = origin ?? line.line;
      const text = line.text;
      let m: RegExpExecArray | null;
      if ((m = /^\.macro\s+([\w.$]+)\s*,?\s*(.*)$/.exec(text))) {
        const end = blockEnd(lines, i, /^\.macro\b/, /^\.endm\b/);
        const params = splitArgs(m[2]!).map((p) => {
          const [name, fallback = ''] = p.split('=');
          return { name: name!.replace(/:\w+$/, ''), fallback, vararg: /:vararg$/.test(name!) };
        });
        this.macros.set(m[1]!, { name: m[1]!, params, body: lines.slice(i + 1, end) });
        i = end;
      } else if ((m = /^\.(irpc?)\s+(\w+)\s*,?\s*(.*)$/.exec(text))) {
        const end = blockEnd(lines, i, /^\.(irpc?|rept)\b/, /^\.endr\b/);
        const body = lines.slice(i + 1, end);
        const values = m[1] === 'irpc' ? [...m[3]!.trim()] : splitArgs(m[3]!);
        for (const value of values.length ? values : ['']) this.run(substitute(body, new Map([[m[2]!, value]])), at, depth + 1);
        i = end;
      } else if (/^\.rept\b/.test(text)) {
        const end = blockEnd(lines, i, /^\.(irpc?|rept)\b/, /^\.endr\b/);
        this.run(lines.slice(i + 1, end), at, depth + 1);
        i = end;
      } else if ((m = /^\.if(\w*)\s*(.*)$/.exec(text))) {
        const end = blockEnd(lines, i, /^\.if/, /^\.endif\b/);
        let elseAt = -1;
        for (let j = i + 1, nest = 0; j < end; j++) {
          if (/^\.if/.test(lines[j]!.text)) nest++;
          else if (/^\.endif\b/.test(lines[j]!.text)) nest--;
          else if (nest === 0 && /^\.else\b/.test(lines[j]!.text)) elseAt = j;
        }
        const [a, b] = (m[2]!.split(',') as [string, string?]).map((s) => s?.trim());
        // .ifc/.ifnc compare strings; any other .if is taken as true (the configuration with options on).
        const holds = m[1] === 'c' ? a === b : m[1] === 'nc' ? a !== b : true;
        const then = lines.slice(i + 1, elseAt < 0 ? end : elseAt);
        const otherwise = elseAt < 0 ? [] : lines.slice(elseAt + 1, end);
        this.run(holds ? then : otherwise, at, depth + 1);
        i = end;
      } else if ((m = EXPORT_CALL.exec(text))) {
        if (SYMBOL.test(m[2]!) && origin !== undefined)
          this.found.push({ symbol: m[2]!, macro: m[1]!, line: at, template: { file: line.file, line: line.line } });
      } else {
        const call = /^([\w.$]+)\s*(.*)$/.exec(text);
        const macro = call && this.macros.get(call[1]!);
        if (!macro) continue;
        const args = splitArgs(call[2]!);
        const bindings = new Map<string, string>();
        macro.params.forEach((p, k) => bindings.set(p.name, p.vararg ? args.slice(k).join(',') : args[k] || p.fallback));
        this.run(substitute(macro.body, bindings), at, depth + 1);
      }
    }
  }
}

/**
 * The exports `file` makes by calling assembler macros whose export line uses a parameter. The file's
 * #includes are followed (its arch's headers first, MAX_INCLUDE_DEPTH levels) for their .macro definitions.
 */
export function asmMacroExports(file: string, read: TreeReader, arches: readonly string[]): { exports: AsmExport[]; limit: string } {
  const seen = new Set<string>();
  const own = archOf(file);
  const load = (path: string, depth: number): Line[] => {
    if (seen.has(path) || depth > MAX_INCLUDE_DEPTH) return [];
    const text = read(path);
    if (text === undefined) return [];
    seen.add(path);
    // Headers without assembler macros add nothing but work.
    if (depth > 0 && !text.includes('.macro')) return [];
    return statements(path, text, (target, quoted) => {
      const found = includeCandidates(path, target, quoted, own ? [own] : arches).find((c) => read(c) !== undefined);
      return found ? load(found, depth + 1) : [];
    });
  };
  const lines = load(file, 0);
  const interpreter = new Interpreter();
  // Statements of included headers define macros; only the file's own top-level statements are calls
  // whose exports count (a header's own top level is marked -1 and dropped).
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    const boundary = i === lines.length || (lines[i]!.file === file) !== (lines[start]!.file === file);
    if (!boundary) continue;
    const chunk = lines.slice(start, i);
    if (chunk.length) interpreter.run(chunk, chunk[0]!.file === file ? undefined : -1, 0);
    start = i;
  }
  return { exports: interpreter.found.filter((e) => e.line > 0), limit: interpreter.exceeded };
}

/**
 * The assembler macro names that lead to an export of a parameter, from a header's text: the macro with
 * the export line, and every macro whose body names one of those (as a call or as an argument such as
 * `__DECODE_R __THUNK_EPILOG_BR,\reg`). A .S file mentioning one of them must be expanded.
 */
export function asmExportMacroNames(file: string, text: string): string[] {
  const lines = statements(file, text, () => []);
  const bodies = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    const m = /^\.macro\s+([\w.$]+)/.exec(lines[i]!.text);
    if (!m) continue;
    const end = blockEnd(lines, i, /^\.macro\b/, /^\.endm\b/);
    bodies.set(
      m[1]!,
      (bodies.get(m[1]!) ?? '') +
        '\n' +
        lines
          .slice(i + 1, end)
          .map((l) => l.text)
          .join('\n'),
    );
    i = end;
  }
  const names = new Set([...bodies].filter(([, body]) => /\b_*EXPORT_\w*\s*\(\s*\\\w+/.test(body)).map(([name]) => name));
  for (let grew = true; grew;) {
    grew = false;
    for (const [name, body] of bodies) {
      if (names.has(name)) continue;
      if ([...names].some((n) => new RegExp(`(^|[^\\w.$])${n.replace(/[.$]/g, '\\$&')}($|[^\\w.$])`).test(body))) {
        names.add(name);
        grew = true;
      }
    }
  }
  return [...names].sort();
}
