// The site's pages that explain a concept (an export type, symbol namespaces, a tier, the module
// checker, a mechanism decision, a namespace or subsystem page), with the words a kernel developer
// types for them ("GPL-only", "MODULE_IMPORT_NS", "tracepoint"). Built from the vocabulary with the
// site, shipped in the search index's manifest (a few KB), and ranked above symbols for their own
// names. No DOM, no Node: the browser ranks with rankConcepts.
import { matchRank } from './keys.ts';
import { EXPORT_TYPE_INFO, EXPORT_TYPES, KERNEL_ARCHES, TIER_PROMISES, TIERS } from '../vocabulary.ts';
import type { SitePaths } from '../urls.ts';

/** One concept page as shipped to the browser. */
export interface ConceptPage {
  /** title */
  t: string;
  /** URL */
  u: string;
  /** the words that find it besides the title */
  k: string[];
  /** one line on what the page explains */
  d: string;
}

export interface ConceptInputs {
  mechanisms: readonly {
    id: string;
    title: string;
    summary: string;
    types: readonly string[];
    macros?: readonly string[];
    namespace?: string;
  }[];
  /** Importable namespaces with a page (/namespaces/<name>/); module groups are reached through /namespaces/. */
  namespaces: readonly string[];
  /** Subsystems with a page (/subsystems/<name>/). */
  subsystems: readonly string[];
}

const GPL_WORDS = ['GPL-only', 'GPL', 'MODULE_LICENSE', 'licence', 'license'];
const NAMESPACE_WORDS = ['namespace', 'symbol namespace', 'MODULE_IMPORT_NS', 'import namespace'];
const RESTRICTED_WORDS = ['module-restricted', 'restricted', 'EXPORT_SYMBOL_GPL_FOR_MODULES', 'named modules'];

/** Every concept page, the index of namespaces first (it explains them), then the export types (the order breaks ties between equal matches). */
export function conceptPages(paths: SitePaths, inputs: ConceptInputs): ConceptPage[] {
  const pages: ConceptPage[] = [
    {
      t: 'Symbol namespaces',
      u: paths.namespaces(),
      k: ['namespaces', ...NAMESPACE_WORDS, 'EXPORT_SYMBOL_NS', 'EXPORT_SYMBOL_NS_GPL', 'EXPORT_SYMBOL_FOR_MODULES', ...RESTRICTED_WORDS],
      d: 'Every namespace with its MODULE_IMPORT_NS line per release, and the module-restricted exports grouped by the modules they allow.',
    },
  ];
  for (const type of EXPORT_TYPES) {
    const info = EXPORT_TYPE_INFO[type];
    const words = [
      ...(info.gplOnly ? GPL_WORDS : []),
      ...(info.takesNamespace === 'namespace' ? NAMESPACE_WORDS : []),
      ...(info.takesNamespace === 'modules' ? RESTRICTED_WORDS : []),
      ...(type === 'unexported' ? ['withdrawn', 'no longer exported', 'removed export'] : []),
      ...(type === 'EXPORT_SYMBOL' ? ['export', 'non-GPL', 'any licence'] : []),
    ];
    pages.push({ t: type, u: paths.type(type), k: words, d: info.summary });
  }
  pages.push(
    {
      t: 'Export types',
      u: paths.types(),
      k: ['export type', 'export macro', 'EXPORT_SYMBOL', 'macro'],
      d: 'How a symbol can be exported to modules, and how many symbols each way.',
    },
    {
      t: "Check a module's symbols",
      u: paths.checkModule(),
      k: [
        'check module',
        'check-module',
        'module',
        'modpost',
        'nm',
        'undefined symbol',
        'ko',
        'architecture',
        'arch',
        'tracepoint',
        'EXPORT_TRACEPOINT_SYMBOL',
        'static call',
        'EXPORT_STATIC_CALL',
        'linker symbol',
        ...KERNEL_ARCHES,
      ],
      d: "An out-of-tree module's undefined symbols against a release and an architecture: GPL-only, namespaces, tracepoints' and static calls' linker symbols.",
    },
  );
  for (const tier of TIERS)
    pages.push({ t: `${TIER_PROMISES[tier].title} decisions`, u: paths.tier(tier), k: [tier, 'tier'], d: TIER_PROMISES[tier].promise });
  for (const m of inputs.mechanisms) {
    const url = mechanismUrl(paths, m);
    if (!url) continue;
    pages.push({
      t: m.title,
      u: url,
      k: [...(m.macros ?? []), ...(m.namespace ? [m.namespace] : []), 'mechanism', 'decision'],
      d: m.summary,
    });
  }
  pages.push(
    {
      t: 'A–Z index',
      u: paths.symbols(),
      k: ['index', 'all symbols', 'symbols'],
      d: 'Every exported symbol of the latest release, by letter.',
    },
    { t: 'Subsystems', u: paths.subsystems(), k: ['subsystem'], d: 'The subsystems with decision records.' },
    {
      t: 'Coverage',
      u: paths.coverage(),
      k: ['records per subsystem', 'missing records'],
      d: 'How many exported symbols have a decision record, per subsystem and export type.',
    },
    {
      t: 'Releases',
      u: paths.releases(),
      k: ['release', 'changelog', 'changes', 'version'],
      d: 'What each kernel release exported, added and withdrew.',
    },
    {
      t: 'Data, API and feeds',
      u: paths.data(),
      k: ['data', 'api', 'json', 'feed', 'rss', 'download', 'tsv'],
      d: 'Snapshots, the JSON API and the feeds.',
    },
  );
  for (const ns of inputs.namespaces)
    pages.push({
      t: ns,
      u: paths.namespace(ns),
      k: [],
      d: `Symbol namespace: the symbols exported in ${ns}, and the MODULE_IMPORT_NS line that imports it.`,
    });
  for (const s of inputs.subsystems) pages.push({ t: s, u: paths.subsystem(s), k: [], d: `Subsystem: the decision records of ${s}.` });
  return pages;
}

/** A mechanism decision's place: its section of its first export type's page. */
export function mechanismUrl(paths: SitePaths, m: { id: string; types: readonly string[] }): string | undefined {
  const type = m.types[0];
  return type ? `${paths.type(type)}#${m.id}` : undefined;
}

/** Words typed for a concept in one form: lowercase, separators as underscores ("GPL-only" = "gpl only" = "gpl_only"). */
export function conceptForm(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/\(\s*\)$/, '')
    .replace(/[^a-z0-9_$]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * The concept pages a query finds, best first: a page named by the query, then one with the query
 * as a keyword, then those whose name or a keyword starts with the query as a whole word (at least
 * three characters, so "ns" finds only what is called "ns"; "fpu" does not find "x86/fpu", which
 * would push the FPU records down). A title's own match comes before a keyword's.
 */
export function rankConcepts(concepts: readonly ConceptPage[], typed: string): ConceptPage[] {
  const query = conceptForm(typed);
  if (!query) return [];
  const scored: { page: ConceptPage; score: number; at: number }[] = [];
  concepts.forEach((page, at) => {
    let score = Infinity;
    const title = conceptForm(page.t);
    [title, ...page.k.map(conceptForm)].forEach((word, i) => {
      const rank = word === query ? 1 : matchRank(word, query);
      if (rank === undefined || (rank > 1 && query.length < 3) || rank > 2) return;
      score = Math.min(score, Math.min(rank, 2) * 2 + (i === 0 ? 0 : 1));
    });
    if (score < Infinity) scored.push({ page, score, at });
  });
  scored.sort((a, b) => a.score - b.score || a.at - b.at);
  return scored.map((s) => s.page);
}
