import { allMechanisms, allRecords, listings, paths, searchShards, wordIndex } from '../../data/site.ts';
import { DOC_CHUNK } from '../../lib/search/word-index.ts';
import { conceptPages } from '../../lib/search/concepts.ts';
import { subsystems } from '../../lib/site/model.ts';

// The list of shard prefixes of the symbol index and of the word index, and the site's concept pages
// (src/lib/search/concepts.ts); the browser reads it once, then fetches one small shard per query.
export async function GET() {
  const { prefixes } = await searchShards();
  const concepts = conceptPages(paths, {
    mechanisms: (await allMechanisms()).map((m) => ({ id: m.id, ...m.data })),
    namespaces: (await listings()).namespaces.filter((n) => n.kind === 'namespace').map((n) => n.name),
    subsystems: subsystems(await allRecords()).map((s) => s.name),
  });
  const words = await wordIndex();
  return new Response(
    JSON.stringify({
      version: 2,
      prefixes,
      concepts,
      words: { prefixes: words.prefixes, chunk: DOC_CHUNK, docs: words.chunks.flat().length },
    }),
  );
}
