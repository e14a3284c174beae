// How a symbol is found: by its whole name and by every part that starts after an underscore,
// always without leading underscores and case-insensitively. Shared by the index builder and the
// browser, so what is indexed and what is looked up cannot drift apart.

/** Lowercase, call parentheses dropped, spaces read as underscores; leading underscores kept. */
export function exactForm(query: string): string {
  return query
    .trim()
    .toLowerCase()
    .replace(/\(\s*\)$/, '')
    .replace(/[\s-]+/g, '_');
}

/** The form keys are compared with: exactForm without leading underscores. */
export function normalizeQuery(query: string): string {
  return exactForm(query).replace(/^_+/, '');
}

/** `__kernel_fpu_begin` -> ["kernel_fpu_begin", "fpu_begin", "begin"]. */
export function symbolKeys(symbol: string): string[] {
  const name = symbol.toLowerCase().replace(/^_+/, '');
  const keys = [name];
  for (let i = name.indexOf('_'); i !== -1; i = name.indexOf('_', i + 1)) {
    const rest = name.slice(i + 1).replace(/^_+/, '');
    if (rest && !keys.includes(rest)) keys.push(rest);
  }
  return keys;
}

/**
 * Match quality of a symbol for a query as typed; lower is better, undefined is no match.
 * `__vmalloc` finds __vmalloc before vmalloc, and `vmalloc` the reverse. A query that is a whole
 * identifier part (`fpu`) finds the names where it is one (`fpu_enable`, then `kernel_fpu_begin`)
 * before those where it only starts a longer word (`fput`, then `__fput_sync`).
 */
export function matchRank(symbol: string, typed: string): number | undefined {
  const query = normalizeQuery(typed);
  if (!query) return undefined;
  if (symbol.toLowerCase() === exactForm(typed)) return 0; // exact, with its own underscores
  const keys = symbolKeys(symbol);
  const whole = keys[0]!;
  if (whole === query) return 1; // exact once leading underscores are ignored
  const asPart = (key: string) =>
    key.startsWith(query) && (key.length === query.length || key.charAt(query.length) === '_' || query.endsWith('_'));
  if (asPart(whole)) return 2; // the family: kmalloc -> kmalloc_array
  if (keys.some((k, i) => i > 0 && asPart(k))) return 3; // a later part: fpu_begin -> kernel_fpu_begin
  if (whole.startsWith(query)) return 4; // a longer word: fpu -> fput
  if (keys.some((k) => k.startsWith(query))) return 5; // a later, longer word: fpu -> __fput_sync
  return undefined;
}
