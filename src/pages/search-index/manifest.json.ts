import { searchShards } from '../../data/site.ts';

// The list of shard prefixes; the browser reads it once, then fetches one small shard per query.
export async function GET() {
  const { prefixes } = await searchShards();
  return new Response(JSON.stringify({ version: 1, prefixes }));
}
