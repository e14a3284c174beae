// Text from records and users' files as it may be printed: control characters (ESC, NUL, OSC, CR,
// a newline inside one field), DEL, C1 controls, line separators and bidirectional overrides are
// written as visible escapes, so output can neither drive a terminal nor start a workflow command
// (a GitHub Actions `::error::` must begin a line). No Node imports: the browser may use it too.

/** Control characters a record field may never hold (tab and newline are checked per field). */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
// eslint-disable-next-line no-control-regex
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** How a character is shown: \n, \r, \x1b, \u202e. */
export function escapeCharacter(c: string): string {
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every unprintable character escaped; newlines too unless `keepNewlines` (for
 * messages the program composed itself, whose own lines are safe).
 */
export function printable(text: string, options: { keepNewlines?: boolean } = {}): string {
  return text.replace(options.keepNewlines ? UNPRINTABLE_BUT_NEWLINE : UNPRINTABLE, escapeCharacter);
}

/** The first control character of a text, with its index, if any. */
export function firstControlCharacter(text: string, allow = ''): { index: number; char: string } | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (allow.includes(c)) continue;
    if (c === '\t' || c === '\n' || CONTROL_CHARACTERS.test(c)) return { index: i, char: c };
  }
  return undefined;
}

/** At most `max` characters (an ellipsis marks the cut), for values quoted in messages. */
export function truncateText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, Math.max(0, max - 1))}…` : text;
}
