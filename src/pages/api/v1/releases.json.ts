import { historyIndex, paths, releases, site } from '../../../data/site.ts';
import { apiJson, releasesFile } from '../../../lib/api.ts';

// Every release of the history store: where it came from, its size, and its changes by kind.
export async function GET() {
  const file = releasesFile((await historyIndex()).releases, await releases(), { paths, site });
  return new Response(apiJson(file), { headers: { 'Content-Type': 'application/json' } });
}
