// Text in frontmatter reaches pages, feeds, /abi/*.txt, the terminal (npm run abi -- search) and CI
// logs. Control characters (ESC, NUL, an OSC sequence, CR, bidirectional overrides) are refused in
// every field and every key; prose fields may hold tabs and newlines, the others are one line
// without leading or trailing blank space (Documentation/ABI values and page titles need that).
import { CONTROL_CHARACTERS, escapeCharacter } from '../printable.ts';
import { fieldPath } from './schema-issues.ts';

export interface TextProblem {
  path: (string | number)[];
  rule: 'control-character' | 'field-whitespace';
  message: string;
  atKey?: boolean;
}

/** Fields written as prose: tabs and newlines allowed (a YAML block scalar ends with a newline). */
export const PROSE_FIELDS: ReadonlySet<string> = new Set(['summary', 'reason', 'change', 'note']);

const NEWLINE_OR_TAB = /[\n\t]/;

/** Every problem with the text of a frontmatter mapping: its values, list items and keys, at any depth. */
export function checkFieldText(data: Record<string, unknown>): TextProblem[] {
  const problems: TextProblem[] = [];
  // Iterative, and the YAML reader has already bounded size and depth (yaml.ts).
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: data, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      const name = fieldPath(path);
      const field = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
      const prose = PROSE_FIELDS.has(field);
      const bad = CONTROL_CHARACTERS.exec(value) ?? (prose ? null : NEWLINE_OR_TAB.exec(value));
      if (bad) {
        problems.push({
          path,
          rule: 'control-character',
          message: `${name} contains the control character ${escapeCharacter(bad[0])} at character ${bad.index + 1}; ${prose ? 'write plain text' : 'write it on one line of plain text'}`,
        });
      } else if (value !== '' && value.trim() === '') {
        problems.push({ path, rule: 'field-whitespace', message: `${name} is blank; write the value, or leave the field out` });
      } else if (!prose && value !== value.trim()) {
        problems.push({
          path,
          rule: 'field-whitespace',
          message: `${name} ${/^\s/.test(value) ? 'starts' : 'ends'} with blank space; remove it`,
        });
      }
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [key, child] of entries.reverse()) {
      if (typeof key === 'string') {
        const bad = CONTROL_CHARACTERS.exec(key) ?? NEWLINE_OR_TAB.exec(key);
        if (bad)
          problems.push({
            path: [...path, key],
            rule: 'control-character',
            atKey: true,
            message: `a field name contains the control character ${escapeCharacter(bad[0])}`,
          });
      }
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return problems;
}
