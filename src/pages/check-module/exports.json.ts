import { allRecords, latestSnapshot } from '../../data/site.ts';
import { buildExportTable, encodeExportTable } from '../../lib/check-module.ts';

// The latest snapshot's exports and the records' tiers, compact (see EncodedTable): the module
// check page downloads it once, on first use, and then works offline.
export async function GET() {
  const snapshot = (await latestSnapshot()) ?? { version: '', rows: [] };
  const records = (await allRecords()).map((r) => r.data);
  return new Response(JSON.stringify(encodeExportTable(buildExportTable(snapshot, records))));
}
