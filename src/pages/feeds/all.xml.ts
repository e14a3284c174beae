import { feeds, paths, site } from '../../data/site.ts';
import { newestDate, renderAtom } from '../../lib/feeds.ts';

// Every decision and change, newest first (Atom).
export async function GET() {
  const set = await feeds();
  return new Response(renderAtom(set.all, { paths, site }, newestDate(set)), { headers: { 'Content-Type': 'application/atom+xml' } });
}
