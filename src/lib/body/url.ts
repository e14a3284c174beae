import { SAFE_URL_SCHEMES } from './components.ts';

/** The scheme a browser would see, after the tricks (entities, control chars, case) it forgives. */
export function urlScheme(url: string): string | undefined {
  // Browsers drop ASCII tab/newline and leading control/space characters before reading a scheme.
  const cleaned = url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  return m ? m[1]!.toLowerCase() + ':' : undefined;
}

export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || (SAFE_URL_SCHEMES as readonly string[]).includes(scheme);
}
