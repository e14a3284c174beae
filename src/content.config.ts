import { defineCollection } from 'astro:content';
import { exportRecords, mechanismRecords } from './loaders/records.ts';

// The schema lives in src/lib/schema.ts; the loaders apply it (and the body allowlist) themselves.
export const collections = {
  exports: defineCollection({ loader: exportRecords() }),
  mechanisms: defineCollection({ loader: mechanismRecords() }),
};
