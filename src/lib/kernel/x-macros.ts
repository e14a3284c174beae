// X-macro exports: a file #defines a macro whose body exports (often a pasted symbol), then #includes a
// file that only calls that macro, then #undefs it. arch/x86/lib/retpoline.S since 5.8:
//   #define GEN(reg) __EXPORT_THUNK(__x86_indirect_thunk_ ## reg)
//   #include <asm/GEN-for-each-reg.h>        (GEN(rax) GEN(rcx) … under CONFIG_64BIT, GEN(eax) … else)
//   #undef GEN
// The #include must follow the #define closely (MAX_LINES_BETWEEN). Each call in the included file is one
// row. Every #if branch of the included file counts (the 64-bit and 32-bit register sets are alternatives
// of one build each; rows are per use).
//
// A generated row carries the including file and the line of its #include: that is the line a reader opens
// to find the export (the #define just above it names the macro, the #include is where cpp emits the
// exports), and the included header itself exports nothing unless a file defines the macro first.
import { includeCandidates } from './include-paths.ts';
import { EXPORT_MARKER, lexFile, type FileLex, type Include, type MacroDefinition } from './lex.ts';
import type { TreeReader } from './macro-env.ts';
import { innerCalls, type WrapperTable } from './wrappers.ts';

/** Levels of includes followed from one #include (an included file may include the calls in turn). */
const MAX_NESTED_INCLUDES = 2;

export interface XMacroUse {
  /** The definition in force at the #include. */
  def: MacroDefinition;
  include: Include;
  /** The file holding the calls. */
  file: string;
  /** The calls of `def.name` in that file, as lexed (arguments, dead code). */
  calls: FileLex['calls'];
}

/** The local definition of each name in force at `line`: the last #define before it, unless #undef'd since. */
function definitionsAt(lex: FileLex, line: number): MacroDefinition[] {
  const inForce = new Map<string, MacroDefinition>();
  for (const def of lex.defines) if (def.file === lex.file && def.line < line) inForce.set(def.name, def);
  for (const { name, line: undefLine } of lex.undefs) {
    const def = inForce.get(name);
    if (def && undefLine > def.line && undefLine < line) inForce.delete(name);
  }
  return [...inForce.values()];
}

/**
 * An X-macro's #include follows its #define closely (retpoline.S, cgroup.c's SUBSYS, ps3's LV1_CALL: the
 * next line). Looking only there keeps a scan from reading every header a file includes after some
 * local generator.
 */
const MAX_LINES_BETWEEN = 8;

function closeAbove(def: MacroDefinition, include: Include): boolean {
  const end = def.body.length ? def.body[def.body.length - 1]!.line : def.line;
  return include.line > def.line && include.line - end <= MAX_LINES_BETWEEN;
}

/** The first file an #include names that the tree holds (each architecture's, for generic code). */
function includedFiles(includer: string, include: Include, read: TreeReader, arches: readonly string[]): string[] {
  const found: string[] = [];
  const generic = !includer.startsWith('arch/');
  for (const candidate of includeCandidates(includer, include.target, include.quoted, include.target.startsWith('asm/') ? arches : [])) {
    if (read(candidate) === undefined) continue;
    found.push(candidate);
    // The first found wins, except that generic code may see any arch's header: it keeps every arch's.
    if (!(generic && candidate.startsWith('arch/'))) break;
  }
  return found;
}

/**
 * The uses of a file's exporting #defines inside the files it #includes while they are defined.
 * `table` holds the wrappers in force in the file; a definition exports when its body calls one.
 */
export function findXMacroUses(lex: FileLex, table: WrapperTable, read: TreeReader, arches: readonly string[]): XMacroUse[] {
  const uses: XMacroUse[] = [];
  for (const include of lex.includes) {
    // A macro with EXPORT in its name is found by the search for EXPORT in the included file itself (and
    // resolved there with its includer's wrappers: include-wrappers.ts); only the others need this.
    const defs = definitionsAt(lex, include.line).filter(
      (d) => d.params !== null && !d.name.includes(EXPORT_MARKER) && closeAbove(d, include) && innerCalls(d, table).length > 0,
    );
    if (!defs.length) continue;
    const names = defs.map((d) => d.name);
    const pending: Array<{ includer: string; include: Include; depth: number }> = [{ includer: lex.file, include, depth: 0 }];
    const seen = new Set<string>();
    while (pending.length) {
      const next = pending.shift()!;
      for (const file of includedFiles(next.includer, next.include, read, arches)) {
        if (seen.has(file)) continue;
        seen.add(file);
        const included = lexFile(file, read(file)!, names);
        for (const def of defs) {
          const calls = included.calls.filter((c) => c.name === def.name && c.args);
          if (calls.length) uses.push({ def, include, file, calls });
        }
        if (next.depth + 1 < MAX_NESTED_INCLUDES)
          for (const inner of included.includes) pending.push({ includer: file, include: inner, depth: next.depth + 1 });
      }
    }
  }
  return uses;
}
