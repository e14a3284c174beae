import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { mechanismRecords } from './loaders/mechanisms.ts';
import { recordSchema } from './lib/schema.ts';
import { EXPORTS_DIR } from './lib/project.ts';

// The schema lives in src/lib/schema.ts; the loaders apply it (and the body allowlist) themselves.
// KED_RECORD_PIPELINE=astro-markdown is the benchmark's reference row only: plain .md records
// through Astro's own glob loader and Markdown pipeline, to compare costs in one run.
const reference = process.env.KED_RECORD_PIPELINE === 'astro-markdown';
const contentRoot = path.resolve(process.env.KED_CONTENT_ROOT ?? '.');

export const collections = {
  ...(reference
    ? { exports: defineCollection({ loader: glob({ pattern: '*.md', base: path.join(contentRoot, EXPORTS_DIR) }), schema: recordSchema }) }
    : {}),
  mechanisms: defineCollection({ loader: mechanismRecords() }),
};
