import { paths, site, snapshots } from '../../../../data/site.ts';
import { snapshotFileJson } from '../../../../lib/api.ts';
import type { Snapshot } from '../../../../lib/kernel/snapshot.ts';

// Every export of one committed snapshot: /api/v1/snapshots/<release>.json.
export async function getStaticPaths() {
  return (await snapshots()).map((snapshot) => ({ params: { release: snapshot.version }, props: { snapshot } }));
}

export function GET({ props }: { props: { snapshot: Snapshot } }) {
  return new Response(snapshotFileJson(props.snapshot, { paths, site }), { headers: { 'Content-Type': 'application/json' } });
}
