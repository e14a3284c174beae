// Moves over C (and assembler-with-cpp) source text: quotes, blanks, directives, identifiers.

/** Identifier characters, `$` included (GCC allows it; parisc millicode uses it). */
export function isIdentChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** Past the string or character literal at `pos`; an unterminated one ends at the line end, as cpp has it in assembler. */
export function skipQuoted(text: string, pos: number): number {
  const quote = text.charCodeAt(pos);
  for (let i = pos + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === quote) return i + 1;
    else if (c === 10) return i;
  }
  return text.length;
}

/** Only blanks between the line start and `pos`: a `#` there starts a directive. */
export function atLineStart(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Past whitespace, line continuations and block comments. */
export function skipBlank(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11) pos++;
    else if (c === 92 && text.charCodeAt(pos + 1) === 10) pos += 2;
    else if (c === 47 && text.charCodeAt(pos + 1) === 42) {
      const end = text.indexOf('*/', pos + 2);
      pos = end < 0 ? text.length : end + 2;
    } else return pos;
  }
  return pos;
}

/**
 * One directive from its `#` to the end of its logical line. Comments become spaces, continuation
 * backslashes go, and newlines stay so tokens keep their line numbers.
 */
export function readDirective(text: string, pos: number): { body: string; end: number } {
  const eol = text.indexOf('\n', pos);
  const simple = text.slice(pos, eol < 0 ? text.length : eol);
  if (!simple.includes('\\') && !simple.includes('/')) return { body: simple, end: pos + simple.length };
  let body = '';
  let from = pos;
  let i = pos;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) break;
    if (c === 92 && (text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10))) {
      body += text.slice(from, i) + '\n';
      i += text.charCodeAt(i + 1) === 13 ? 3 : 2;
      from = i;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      body += text.slice(from, i) + ' ' + '\n'.repeat(text.slice(i, end).split('\n').length - 1);
      i = from = end;
    } else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      body += text.slice(from, i);
      const eol = text.indexOf('\n', i);
      i = from = eol < 0 ? text.length : eol;
    } else if (c === 34 || c === 39) i = skipQuoted(text, i);
    else i++;
  }
  return { body: body + text.slice(from, i), end: i };
}

/** Where `needle` next occurs at or after `from`, or the text length. */
export function nextIndex(text: string, needle: string, from: number): number {
  const i = text.indexOf(needle, from);
  return i < 0 ? text.length : i;
}
