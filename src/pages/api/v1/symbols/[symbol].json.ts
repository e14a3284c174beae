import { allRecords, paths, site, snapshotIndexes, toRender } from '../../../../data/site.ts';
import { symbolFile } from '../../../../lib/api.ts';
import type { SiteRecord } from '../../../../lib/site/model.ts';

// One file per record: /api/v1/symbols/<symbol>.json (unchanged ones are kept from the previous build).
export async function getStaticPaths() {
  const records = await toRender(await allRecords(), (r) => `api/v1/symbols/${r.data.symbol}.json`, (r) => r);
  return records.map((record) => ({ params: { symbol: record.data.symbol }, props: { record } }));
}

export async function GET({ props }: { props: { record: SiteRecord } }) {
  const file = symbolFile(props.record, await snapshotIndexes(), { paths, site });
  return new Response(JSON.stringify(file, null, 1) + '\n', { headers: { 'Content-Type': 'application/json' } });
}
