// Bytes -> frontmatter text + body text, with the line where each starts. Encoding, BOM, CRLF,
// empty files and unclosed frontmatter are settled here, before any YAML or MDX parser sees them.

export const MAX_RECORD_BYTES = 256 * 1024;

export interface SplitRecord {
  frontmatter: string;
  body: string;
  /** 1-based line of the first frontmatter line (after `---`). */
  frontmatterLine: number;
  /** 1-based line where the body starts. */
  bodyLine: number;
}

export type SplitResult = { ok: true; value: SplitRecord } | { ok: false; line: number; column: number; rule: string; message: string };

const decoder = new TextDecoder('utf-8', { fatal: true });

export function splitRecord(bytes: Uint8Array): SplitResult {
  if (bytes.length > MAX_RECORD_BYTES) {
    return fail(
      1,
      1,
      'record-size',
      `record is ${formatKiB(bytes.length)}; the limit is ${formatKiB(MAX_RECORD_BYTES)} (a rationale is prose, not a dump)`,
    );
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(
      at.line,
      at.column,
      'encoding-utf8',
      `file is not valid UTF-8 (bad byte 0x${bytes[at.offset]!.toString(16).padStart(2, '0')})`,
    );
  }
  text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail(1, 1, 'frontmatter-missing', 'file is empty; a record starts with --- frontmatter');
  if (!/^---[ \t]*\n/.test(text)) {
    return fail(1, 1, 'frontmatter-missing', 'record must start with a --- line opening the YAML frontmatter');
  }
  const open = text.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m.exec(text.slice(open));
  if (!close) return fail(1, 1, 'frontmatter-unclosed', 'frontmatter is not closed: add a --- line after the last field');
  const frontmatter = text.slice(open, open + close.index);
  const afterClose = open + close.index + close[0].length;
  const body = text.slice(afterClose).replace(/^\n/, '');
  const frontmatterLine = 2;
  const bodyLine = frontmatterLine + countLines(frontmatter) + 1;
  return { ok: true, value: { frontmatter, body, frontmatterLine, bodyLine } };
}

function fail(line: number, column: number, rule: string, message: string): SplitResult {
  return { ok: false, line, column, rule, message };
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function formatKiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let valid = len > 0 && i + len <= bytes.length;
    for (let k = 1; valid && k < len; k++) valid = (bytes[i + k]! & 0xc0) === 0x80;
    if (!valid) return { offset: i, line, column: i - lineStart + 1 };
    if (b === 10) {
      line++;
      lineStart = i + 1;
    }
    i += len;
  }
  return { offset: 0, line: 1, column: 1 };
}
