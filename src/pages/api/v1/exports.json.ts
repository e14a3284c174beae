import { allRecords, paths, site, snapshotIndexes } from '../../../data/site.ts';
import { apiJson, exportsFile } from '../../../lib/api.ts';
import { bySymbol } from '../../../lib/site/model.ts';

// Every record with its page, canonical thread links and the symbol in each committed snapshot.
export async function GET() {
  const file = exportsFile(await allRecords(), await snapshotIndexes(), { paths, site }, bySymbol);
  return new Response(apiJson(file), { headers: { 'Content-Type': 'application/json' } });
}
