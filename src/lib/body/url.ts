import { SAFE_URL_SCHEMES } from './components.ts';

/** A URL as a browser reads it: without ASCII tab/newline anywhere and without leading C0 control or space characters. */
export function browserUrl(url: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what is removed
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}

/** The scheme a browser would see, after the tricks (entities, control chars, case) it forgives. */
export function urlScheme(url: string): string | undefined {
  const cleaned = browserUrl(url);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(cleaned);
  return m ? m[1]!.toLowerCase() + ':' : undefined;
}

export function isSafeUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === undefined || (SAFE_URL_SCHEMES as readonly string[]).includes(scheme);
}
