// Object-like #defines whose value is one identifier (`#define TAPE_DBF_AREA tape_34xx_dbf`): an export of
// the macro name exports the value. Under a conditional, each alternative is a possible export.
import type { ConditionalFrame } from './conditionals.ts';

export interface AliasDefinition {
  value: string;
  line: number;
  /** The conditional enclosing the #define, or null if only include guards enclose it. */
  frame: ConditionalFrame | null;
  branch: number;
  /** `#ifndef NAME` / `#define NAME value`: a default that files including this one override. */
  overridable: boolean;
}

/** A #define (or, with `def` null, an #undef) of an alias name, numbered in file order. */
interface AliasEvent {
  seq: number;
  def: AliasDefinition | null;
}

/** The aliases in force at one point of a file: the file's alias events before `upTo`. */
export interface AliasScope {
  events: ReadonlyMap<string, readonly AliasEvent[]>;
  upTo: number;
}

/** Records the alias #defines and #undefs of a file; a scope is taken in constant time. */
export class AliasTracker {
  private readonly events = new Map<string, AliasEvent[]>();
  private seq = 0;

  snapshot(): AliasScope {
    return { events: this.events, upTo: this.seq };
  }

  define(name: string, def: AliasDefinition): void {
    this.record(name, def);
  }

  undefine(name: string): void {
    if (this.events.has(name)) this.record(name, null);
  }

  private record(name: string, def: AliasDefinition | null): void {
    const list = this.events.get(name);
    const event = { seq: this.seq++, def };
    if (list) list.push(event);
    else this.events.set(name, [event]);
  }
}

/** The definitions of `name` in force in `scope`: a conditional #define adds an alternative, an unconditional one replaces. */
function definitionsInScope(scope: AliasScope, name: string): AliasDefinition[] {
  let defs: AliasDefinition[] = [];
  for (const { seq, def } of scope.events.get(name) ?? []) {
    if (seq >= scope.upTo) break;
    defs = !def ? [] : def.frame ? [...defs, def] : [def];
  }
  return defs;
}

export interface AliasResolution {
  symbols: string[];
  /** The definitions the symbols came from (empty when the name is not an alias). */
  definitions: readonly AliasDefinition[];
}

/** The branches a call site sits in, innermost last. */
export type BranchContext = ReadonlyArray<{ frame: ConditionalFrame; branch: number }>;

/**
 * The symbols an exported name can stand for. The name itself stays possible unless one #define is
 * unconditional (or in the call's own branch) or the #defines cover every branch of an #if … #else.
 */
export function resolveAlias(scope: AliasScope, name: string, context: BranchContext): AliasResolution {
  const defs = definitionsInScope(scope, name);
  if (!defs.length) return { symbols: [name], definitions: [] };
  const inCallBranch = defs.filter((d) => context.some((c) => c.frame === d.frame && c.branch === d.branch));
  if (inCallBranch.length) return { symbols: [inCallBranch[inCallBranch.length - 1]!.value], definitions: inCallBranch };
  const values = [...new Set(defs.map((d) => d.value))];
  const frame = defs[0]!.frame;
  const covered =
    frame === null ||
    defs.some((d) => d.frame === null || d.overridable) ||
    (frame.hasElse && defs.every((d) => d.frame === frame) && new Set(defs.map((d) => d.branch)).size === frame.branch + 1);
  return { symbols: covered ? values : [...new Set([...values, name])], definitions: defs };
}
