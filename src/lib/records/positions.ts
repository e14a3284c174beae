// Finds where a frontmatter path (['threads', 1, 'id']) is written, so a problem can name its line
// and column. Records use block-style YAML; for flow style the nearest key found is reported.

export interface Place {
  line: number; // 1-based, in the whole file
  column: number; // 1-based
}

/** Lines [from, to) of the frontmatter; keyIndent is where this block's keys start (undefined: first line's). */
interface Scope {
  from: number;
  to: number;
  keyIndent: number | undefined;
}

/**
 * A `key: value` line (optionally a `- key: value` list item): the indentation (with the dash), the
 * key up to the first colon, the blank space after the colon and the value. Read without a
 * backtracking pattern, so a 200,000-character line costs one pass.
 */
function keyLine(text: string): { prefix: string; key: string; gap: string; value: string } | undefined {
  const prefix = /^\s*(?:-\s+)?/.exec(text)![0];
  const colon = text.indexOf(':', prefix.length);
  if (colon < 0) return undefined;
  const key = text.slice(prefix.length, colon).trimEnd();
  if (key === '' || /^[\s:#]/.test(key)) return undefined;
  const after = text.slice(colon + 1);
  const gap = /^\s*/.exec(after)![0];
  return { prefix, key, gap, value: after.slice(gap.length) };
}

const indentOf = (text: string) => text.length - text.trimStart().length;
const isBlank = (text: string) => text.trim() === '' || text.trimStart().startsWith('#');

export class FrontmatterLocator {
  private readonly lines: string[];
  private readonly firstLine: number;
  constructor(frontmatter: string, firstLine: number) {
    this.lines = frontmatter.split('\n');
    this.firstLine = firstLine;
  }

  /** The opening `---` (for problems about the record as a whole). */
  start(): Place {
    return { line: this.firstLine - 1, column: 1 };
  }

  /** Where the value at `path` is written; with `atKey`, where its key is (for unknown fields). */
  locate(path: readonly (string | number)[], atKey = false): Place {
    let scope: Scope = { from: 0, to: this.lines.length, keyIndent: 0 };
    let found = this.start();
    for (const [i, step] of path.entries()) {
      const hit = typeof step === 'number' ? this.findItem(scope, step) : this.findKey(scope, step, atKey && i === path.length - 1);
      if (!hit) break;
      [found, scope] = hit;
    }
    return found;
  }

  private place(index: number, column0: number): Place {
    return { line: this.firstLine + index, column: column0 + 1 };
  }

  private findKey(scope: Scope, key: string, atKey: boolean): [Place, Scope] | undefined {
    const keyIndent = scope.keyIndent ?? this.firstContentIndent(scope);
    for (let i = scope.from; i < scope.to; i++) {
      const text = this.lines[i]!;
      const m = keyLine(text);
      if (!m || m.key !== key || m.prefix.length !== keyIndent) continue;
      const rest = m.value.trim();
      const hasValue = rest !== '' && !rest.startsWith('#');
      const valueColumn = m.prefix.length + key.length + 1 + m.gap.length;
      return [
        this.place(i, hasValue && !atKey ? valueColumn : m.prefix.length),
        { from: i + 1, to: this.blockEnd(i, indentOf(text), true), keyIndent: undefined },
      ];
    }
    return undefined;
  }

  private findItem(scope: Scope, index: number): [Place, Scope] | undefined {
    let seen = -1;
    for (let i = scope.from; i < scope.to; i++) {
      const m = /^(\s*)-(\s+|$)/.exec(this.lines[i]!);
      if (!m) continue;
      const end = this.blockEnd(i, m[1]!.length, false);
      if (++seen === index) return [this.place(i, m[0]!.length), { from: i, to: end, keyIndent: m[0]!.length }];
      i = end - 1;
    }
    return undefined;
  }

  private firstContentIndent(scope: Scope): number {
    for (let i = scope.from; i < scope.to; i++) if (!isBlank(this.lines[i]!)) return indentOf(this.lines[i]!);
    return 0;
  }

  /** End of the block opened at `start`. A key's block keeps same-indent `- ` items (YAML allows them). */
  private blockEnd(start: number, indent: number, isKey: boolean): number {
    for (let i = start + 1; i < this.lines.length; i++) {
      const text = this.lines[i]!;
      if (isBlank(text)) continue;
      const own = indentOf(text);
      if (own > indent) continue;
      if (isKey && own === indent && /^\s*-(\s|$)/.test(text)) continue;
      return i;
    }
    return this.lines.length;
  }
}
