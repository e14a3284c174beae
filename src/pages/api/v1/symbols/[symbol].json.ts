import { allRecords, historyIndex, paths, site, snapshotIndexes } from '../../../../data/site.ts';
import { apiJson, symbolFile } from '../../../../lib/api.ts';
import type { SiteRecord } from '../../../../lib/site/model.ts';

// One file per record: /api/v1/symbols/<symbol>.json. A build writes them all at its end from
// exports.json (src/integrations/api-symbol-files.ts); this route serves them in the dev server.
export async function getStaticPaths() {
  if (!import.meta.env.DEV) return [];
  return (await allRecords()).map((record) => ({ params: { symbol: record.data.symbol }, props: { record } }));
}

export async function GET({ props }: { props: { record: SiteRecord } }) {
  return new Response(apiJson(symbolFile(props.record, await snapshotIndexes(), { paths, site }, await historyIndex())), {
    headers: { 'Content-Type': 'application/json' },
  });
}
