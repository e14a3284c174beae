// The Pagefind index is split into bundles by a symbol's first character, so that a rebuild after
// one edit re-indexes one bundle of about 5,000 record pages instead of 40,000, and so that each
// Pagefind run holds a ninth of the pages in memory (issue 6). The search page merges the bundles
// (pagefind.mergeIndex). The table is fixed, so a symbol never moves between bundles; the letter
// groups split the v6.19 exports into nine similar shares.
// No Node imports: the browser's search script reads BUNDLE_LIST_FILE's shape from here too.

export interface PagefindBucket {
  /** Folder name below pagefind/. */
  name: string;
  /** First characters of the symbols it holds; undefined for the bucket of every other character. */
  letters?: string;
}

const LETTER_GROUPS = ['bce', 'df', 'ghi', 'jklm', 'nop', 'qr', 's', 'tuvwxyz'];

export const PAGEFIND_BUCKETS: readonly PagefindBucket[] = [
  { name: 'other' },
  ...LETTER_GROUPS.map((letters) => ({ name: letters, letters })),
];

/** The bucket of a symbol page, by the first character of its folder name (case matters, as in Pagefind's glob). */
export function bucketOf(symbol: string): PagefindBucket {
  return PAGEFIND_BUCKETS.find((b) => b.letters?.includes(symbol.charAt(0))) ?? PAGEFIND_BUCKETS[0]!;
}

/** Pagefind's --glob for a bucket's pages below the site root; the same split as bucketOf. */
export function bucketGlob(bucket: PagefindBucket): string {
  return bucket.letters ? `symbols/[${bucket.letters}]*/index.html` : 'symbols/[!b-z]*/index.html';
}

/** pagefind/bundles.json: the bundles the search page merges, and what each was built from. */
export const BUNDLE_LIST_FILE = 'bundles.json';

export interface BundleList {
  /** Folders below pagefind/ holding a bundle with at least one record page, the first being the primary. */
  bundles: string[];
  /** Per bucket: a digest of its record pages, and how many there are. */
  inputs: Record<string, { digest: string; pages: number }>;
}
