import { searchShards } from '../../data/site.ts';
import { shardFileName } from '../../lib/search/shards.ts';

export async function getStaticPaths() {
  const { shards } = await searchShards();
  return [...shards].map(([prefix, entries]) => ({ params: { shard: shardFileName(prefix) }, props: { entries } }));
}

export function GET({ props }: { props: { entries: unknown[] } }) {
  return new Response(JSON.stringify(props.entries));
}
