import { allRecords, paths, site } from '../../data/site.ts';
import { renderAbi, tierAbi } from '../../lib/abi.ts';
import { absoluteUrl } from '../../lib/urls.ts';
import { TIERS } from '../../lib/vocabulary.ts';

// The records of one tier in the kernel's Documentation/ABI file format: /abi/<tier>.txt.
export function getStaticPaths() {
  return TIERS.map((tier) => ({ params: { tier } }));
}

export async function GET({ params }: { params: { tier: string } }) {
  const records = (await allRecords()).map((r) => r.data);
  const text = renderAbi(tierAbi(records, params.tier, (symbol) => absoluteUrl(site, paths.symbol(symbol))));
  return new Response(text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
