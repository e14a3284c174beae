// The record pages' Pagefind filters share one key, with values named like the search page's
// filter fields (t=removed, u=mm): Pagefind fetches one file per filter key on every search, so
// one key costs one request instead of four. No imports: the browser's search script reads it too.

/** The one Pagefind filter key. */
export const PAGEFIND_FILTER = 'f';

/** A filter value: the search page's field (t, x, u, n) and the value chosen there. */
export const pagefindFilterValue = (field: string, value: string): string => `${field}=${value}`;
