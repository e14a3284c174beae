import { feeds, paths, site } from '../../../data/site.ts';
import { newestDate, renderAtom, type Feed } from '../../../lib/feeds.ts';
import { slugify } from '../../../lib/urls.ts';

// One Atom feed per subsystem page.
export async function getStaticPaths() {
  const set = await feeds();
  return set.subsystems.map((feed) => ({ params: { slug: slugify(feed.name) }, props: { feed, fallback: newestDate(set) } }));
}

export function GET({ props }: { props: { feed: Feed; fallback: string } }) {
  return new Response(renderAtom(props.feed, { paths, site }, props.fallback), { headers: { 'Content-Type': 'application/atom+xml' } });
}
