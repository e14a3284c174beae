// The records as drift reads them.
import { loadRecords } from '../records/load.ts';
import { sitePaths } from '../urls.ts';
import { type DriftRecord } from './compare.ts';

/** The records of a repository (or fixture tree) as drift reads them; files that do not parse are listed apart. */
export function loadDriftRecords(root: string): { records: DriftRecord[]; unreadable: string[] } {
  const parsed = loadRecords(root, sitePaths('/'));
  const records: DriftRecord[] = [];
  const unreadable: string[] = [];
  for (const p of parsed) {
    if (!p.data || p.problems.some((problem) => problem.severity === 'error')) unreadable.push(p.file);
    else {
      const { symbol, type, namespace, status, file, since, arches, history } = p.data;
      records.push({
        symbol,
        type,
        namespace,
        status,
        file,
        since,
        arches,
        history: history?.map((h) => ({ version: h.version, type: h.type, status: h.status })),
        source: p.file,
      });
    }
  }
  return { records, unreadable };
}
