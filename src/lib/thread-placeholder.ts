// The thread a record started by `npm run drift -- --write` or a symbol page's GitHub link carries
// until someone finds the real message: not a Message-ID, so `npm run validate` (and the build)
// refuse it. Its own module, free of Node imports, because the module checker's browser script
// reaches it through src/lib/site/undocumented.ts.

/** Written as the thread when none is given; not a Message-ID, so `npm run validate` flags it. */
export const THREAD_PLACEHOLDER = 'TODO-Message-ID-of-the-decision';
