// How prose is cut into the words the word index holds, shared by the index builder and the browser
// so that what is indexed and what is looked up cannot drift apart. Lowercase; an identifier is a word
// and so is each of its parts after an underscore (`alloc_pages_vma` is found by "pages vma", as the
// symbol keys find it); plain words are stemmed lightly ("importing", "imports" and "imported" are one
// word), identifiers are not.

/** Words too common to find anything; a query of only these finds nothing in the prose. */
const STOPWORDS = new Set(
  (
    'an and are as at be but by can do for from has have if in into is it its no not of on or so such that the their them then ' +
    'there these they this to was we were when which while who will with would you your'
  ).split(' '),
);

const DOUBLE = /([bcdfghjkmnpqrtvwx])\1$/;

/** Stems already computed: prose repeats its words, and the index builder reads tens of thousands of records. */
const stems = new Map<string, string>();
const MAX_CACHED = 100_000;

/** A light English stemmer: plurals, -ed, -ing, a final e. The same word always gives the same stem. */
export function stem(word: string): string {
  let cached = stems.get(word);
  if (cached === undefined) {
    cached = stemOnce(word);
    if (stems.size < MAX_CACHED) stems.set(word, cached);
  }
  return cached;
}

function stemOnce(word: string): string {
  let w = word;
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(?:[sxz]|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  const suffix = w.endsWith('ing') ? 3 : w.endsWith('ed') ? 2 : 0;
  if (suffix && w.length - suffix >= 2 && /[aeiouy]/.test(w.slice(0, -suffix))) {
    w = w.slice(0, -suffix);
    if (DOUBLE.test(w)) w = w.slice(0, -1);
    if (w.endsWith('i')) w = `${w.slice(0, -1)}y`;
  }
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The lowercase tokens of a text: runs of letters, digits, `_` and `$`, without surrounding underscores. */
function tokens(text: string): string[] {
  return (text.toLowerCase().match(/[a-z0-9_$]+/g) ?? []).map((t) => t.replace(/^_+|_+$/g, '')).filter(Boolean);
}

const keep = (word: string) => word.length >= 2 && !STOPWORDS.has(word);

/** Runs of letters, digits, `_` and `$` in lowercase text: the tokens expandToken reads. */
const TOKEN = /[a-z0-9_$]+/g;
/** What lies between tokens: splitting on it gives the same tokens (and empty strings at the ends). */
export const SEPARATORS = /[^a-z0-9_$]+/;

/** The words one lowercase token is indexed under: an identifier whole and by part (stemmed), a plain word stemmed, a stopword none. */
export function expandToken(raw: string): string[] {
  const token = raw.replace(/^_+|_+$/g, '');
  if (!token) return [];
  if (!token.includes('_')) return keep(token) ? [stem(token)] : [];
  const words = [token];
  for (const part of token.split('_')) if (keep(part)) words.push(stem(part));
  return words;
}

/** Calls `add` with each word a text is indexed under, in order, repeats kept (they count). */
export function eachIndexWord(text: string, add: (word: string) => void): void {
  const lower = text.toLowerCase();
  for (const m of lower.matchAll(TOKEN)) for (const word of expandToken(m[0])) add(word);
}

/** The words a text is indexed under, as a list (eachIndexWord). */
export function indexWords(text: string): string[] {
  const words: string[] = [];
  eachIndexWord(text, (w) => words.push(w));
  return words;
}

/**
 * The words a query asks for, each of which a result must contain: an identifier by its parts (its
 * whole name is the symbol index's job), plain words stemmed. `prefix` is the last word as typed,
 * which may also start a longer word while the query is being typed.
 */
export function queryWords(query: string): { words: string[]; prefix?: string } {
  const words: string[] = [];
  const list = tokens(query);
  for (const token of list) for (const part of token.split('_')) if (keep(part) && !words.includes(stem(part))) words.push(stem(part));
  const last = list.at(-1)?.split('_').at(-1);
  const open = last !== undefined && !/[\s]$/.test(query) && keep(last) && last.length >= 3;
  return open ? { words, prefix: last } : { words };
}

/** The text of rendered HTML: tags dropped, the common entities decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos|nbsp));/gi, (_, dec, hex, name) =>
      dec
        ? String.fromCodePoint(Number(dec))
        : hex
          ? String.fromCodePoint(parseInt(hex, 16))
          : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' } as Record<string, string>)[name.toLowerCase()]!,
    );
}
