import { checkModuleDownloads } from '../../../data/check-module.ts';

// One name range of the latest snapshot's export table (EncodedTable): a check fetches the ranges of its symbols.
export async function getStaticPaths() {
  return (await checkModuleDownloads()).latest.map((_, shard) => ({ params: { shard: String(shard) } }));
}

export async function GET({ params }: { params: { shard: string } }) {
  return new Response(JSON.stringify((await checkModuleDownloads()).latest[Number(params.shard)]));
}
