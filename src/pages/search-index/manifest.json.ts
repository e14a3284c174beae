import { allMechanisms, allRecords, listings, paths, searchShards } from '../../data/site.ts';
import { conceptPages } from '../../lib/search/concepts.ts';
import { subsystems } from '../../lib/site/model.ts';

// The list of shard prefixes, and the site's concept pages (src/lib/search/concepts.ts); the browser
// reads it once, then fetches one small shard per query.
export async function GET() {
  const { prefixes } = await searchShards();
  const concepts = conceptPages(paths, {
    mechanisms: (await allMechanisms()).map((m) => ({ id: m.id, ...m.data })),
    namespaces: (await listings()).namespaces.filter((n) => n.kind === 'namespace').map((n) => n.name),
    subsystems: subsystems(await allRecords()).map((s) => s.name),
  });
  return new Response(JSON.stringify({ version: 1, prefixes, concepts }));
}
