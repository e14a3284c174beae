// Loads the collections once per build and hands pages plain objects from src/lib/site/model.ts.
import { getCollection } from 'astro:content';
import type { SiteMechanism, SiteRecord } from '../lib/site/model.ts';
import type { MechanismData, RecordData } from '../lib/schema.ts';
import { sitePaths } from '../lib/urls.ts';

let records: Promise<SiteRecord[]> | undefined;
let mechanisms: Promise<SiteMechanism[]> | undefined;

export const paths = sitePaths(import.meta.env.BASE_URL);

export function allRecords(): Promise<SiteRecord[]> {
  records ??= getCollection('exports').then((entries) =>
    entries.map((e) => {
      const { sourcePath, ...data } = e.data as RecordData & { sourcePath: string };
      return { data: data as RecordData, html: e.rendered?.html ?? '', sourcePath };
    }),
  );
  return records;
}

export function allMechanisms(): Promise<SiteMechanism[]> {
  mechanisms ??= getCollection('mechanisms').then((entries) =>
    entries.map((e) => {
      const { sourcePath, ...data } = e.data as MechanismData & { sourcePath: string };
      return { id: e.id, data: data as MechanismData, html: e.rendered?.html ?? '', sourcePath };
    }),
  );
  return mechanisms;
}
