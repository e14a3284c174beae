import { checkModuleDownloads } from '../../../data/check-module.ts';

// One name range of the history table (EncodedHistory): fetched only when every release is chosen.
export async function getStaticPaths() {
  return (await checkModuleDownloads()).history.map((_, shard) => ({ params: { shard: String(shard) } }));
}

export async function GET({ params }: { params: { shard: string } }) {
  return new Response(JSON.stringify((await checkModuleDownloads()).history[Number(params.shard)]));
}
