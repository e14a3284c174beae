import { allRecords, paths, site, snapshotIndexes } from '../../../../data/site.ts';
import { symbolFile } from '../../../../lib/api.ts';
import type { SiteRecord } from '../../../../lib/site/model.ts';

// One file per record: /api/v1/symbols/<symbol>.json.
export async function getStaticPaths() {
  return (await allRecords()).map((record) => ({ params: { symbol: record.data.symbol }, props: { record } }));
}

export async function GET({ props }: { props: { record: SiteRecord } }) {
  const file = symbolFile(props.record, await snapshotIndexes(), { paths, site });
  return new Response(JSON.stringify(file, null, 1) + '\n', { headers: { 'Content-Type': 'application/json' } });
}
