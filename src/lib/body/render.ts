// Renders a checked record body (mdast) to HTML. Allowlisted components become plain elements;
// every text and attribute is escaped here, so the output carries no markup the record did not earn.
import { attributeValue, type MdNode } from './tree.ts';
import { browserUrl, isSafeUrl } from './url.ts';
import { CALLOUT_KINDS } from './components.ts';
import { normalizeThreadRef } from '../lore.ts';
import { commitUrl, type SitePaths } from '../urls.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Context {
  paths: SitePaths;
  definitions: Map<string, MdNode>;
  footnotes: Map<string, MdNode>;
  footnoteOrder: string[];
  slugs: Map<string, number>;
}

export function renderBody(tree: MdNode, paths: SitePaths): string {
  const ctx: Context = { paths, definitions: new Map(), footnotes: new Map(), footnoteOrder: [], slugs: new Map() };
  collectDefinitions(tree, ctx);
  let html = children(tree, ctx, '\n');
  if (ctx.footnoteOrder.length) {
    html += '\n<section class="footnotes" aria-label="Footnotes"><ol>';
    for (const id of ctx.footnoteOrder) {
      const def = ctx.footnotes.get(id);
      html += `<li id="fn-${escapeHtml(id)}">${def ? children(def, ctx, '') : ''} <a href="#fnref-${escapeHtml(id)}" aria-label="Back to text">↩</a></li>`;
    }
    html += '</ol></section>';
  }
  return html;
}

function collectDefinitions(node: MdNode, ctx: Context) {
  if (node.type === 'definition' && node.identifier) ctx.definitions.set(node.identifier.toLowerCase(), node);
  if (node.type === 'footnoteDefinition' && node.identifier) ctx.footnotes.set(node.identifier.toLowerCase(), node);
  node.children?.forEach((child) => collectDefinitions(child, ctx));
}

function children(node: MdNode, ctx: Context, separator = ''): string {
  return (node.children ?? [])
    .map((child) => render(child, ctx))
    .filter((s) => s !== '')
    .join(separator);
}

function link(url: string, inner: string, title?: string | null): string {
  const safe = isSafeUrl(url) ? url : '#';
  const external = isOffSite(safe) ? ' rel="nofollow noopener"' : '';
  return `<a href="${escapeHtml(safe)}"${title ? ` title="${escapeHtml(title)}"` : ''}${external}>${inner}</a>`;
}

/**
 * Whether a link leaves the site: http(s): URLs, and scheme-relative ones (//host/path, which
 * browsers also read from /\host and \\host), after the characters browsers drop from a URL.
 */
export function isOffSite(url: string): boolean {
  const cleaned = browserUrl(url);
  return /^https?:/i.test(cleaned) || /^[\\/]{2}/.test(cleaned);
}

function attr(node: MdNode, name: string): string | undefined {
  const found = node.attributes?.find((a) => a.name === name);
  return found ? attributeValue(found) : undefined;
}

function headingId(node: MdNode, ctx: Context): string {
  const base =
    plainText(node)
      .toLowerCase()
      .trim()
      .replace(/[^\p{L}\p{N}_\s-]/gu, '')
      .replace(/\s+/g, '-') || 'section';
  const n = ctx.slugs.get(base) ?? 0;
  ctx.slugs.set(base, n + 1);
  return n ? `${base}-${n}` : base;
}

export function plainText(node: MdNode): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value ?? '';
  if (node.type === 'mdxJsxTextElement' && node.name === 'Sym') return attr(node, 'name') ?? '';
  if (node.type === 'mdxJsxTextElement' && node.name === 'Commit') return attr(node, 'id') ?? '';
  return (node.children ?? []).map(plainText).join('');
}

function render(node: MdNode, ctx: Context): string {
  switch (node.type) {
    case 'root':
      return children(node, ctx, '\n');
    case 'paragraph':
      return `<p>${children(node, ctx)}</p>`;
    case 'heading': {
      const depth = Math.min(6, Math.max(2, node.depth ?? 2));
      return `<h${depth} id="${escapeHtml(headingId(node, ctx))}">${children(node, ctx)}</h${depth}>`;
    }
    case 'text':
      return escapeHtml(node.value ?? '');
    case 'emphasis':
      return `<em>${children(node, ctx)}</em>`;
    case 'strong':
      return `<strong>${children(node, ctx)}</strong>`;
    case 'delete':
      return `<del>${children(node, ctx)}</del>`;
    case 'inlineCode':
      return `<code>${escapeHtml(node.value ?? '')}</code>`;
    case 'code':
      return `<pre><code${node.lang ? ` class="language-${escapeHtml(node.lang)}"` : ''}>${escapeHtml(node.value ?? '')}</code></pre>`;
    case 'break':
      return '<br>';
    case 'thematicBreak':
      return '<hr>';
    case 'blockquote':
      return `<blockquote>\n${children(node, ctx, '\n')}\n</blockquote>`;
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      const start = node.ordered && node.start != null && node.start !== 1 ? ` start="${node.start}"` : '';
      return `<${tag}${start}>\n${children(node, ctx, '\n')}\n</${tag}>`;
    }
    case 'listItem': {
      const box = node.checked == null ? '' : `<input type="checkbox" disabled${node.checked ? ' checked' : ''}> `;
      // A tight item's single paragraph renders inline, as Markdown renderers do.
      const kids = node.children ?? [];
      const inner = kids.length === 1 && kids[0]!.type === 'paragraph' ? children(kids[0]!, ctx) : children(node, ctx, '\n');
      return `<li>${box}${inner}</li>`;
    }
    case 'link':
      return link(node.url ?? '', children(node, ctx), node.title);
    case 'linkReference': {
      const def = ctx.definitions.get((node.identifier ?? '').toLowerCase());
      return def ? link(def.url ?? '', children(node, ctx), def.title) : escapeHtml(`[${plainText(node)}]`);
    }
    case 'definition':
    case 'footnoteDefinition':
      return '';
    case 'footnoteReference': {
      const id = (node.identifier ?? '').toLowerCase();
      if (!ctx.footnoteOrder.includes(id)) ctx.footnoteOrder.push(id);
      const n = ctx.footnoteOrder.indexOf(id) + 1;
      return `<sup><a href="#fn-${escapeHtml(id)}" id="fnref-${escapeHtml(id)}">${n}</a></sup>`;
    }
    case 'table':
      return renderTable(node, ctx);
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement':
      return renderComponent(node, ctx);
    default:
      // Everything else was refused by checkBody; render nothing rather than guess.
      return '';
  }
}

function renderTable(node: MdNode, ctx: Context): string {
  const [head, ...rows] = node.children ?? [];
  const align = node.align ?? [];
  const cells = (row: MdNode, tag: 'th' | 'td') =>
    (row.children ?? [])
      .map((cell, i) => `<${tag}${align[i] ? ` style="text-align:${align[i]}"` : ''}>${children(cell, ctx)}</${tag}>`)
      .join('');
  const body = rows.map((row) => `<tr>${cells(row, 'td')}</tr>`).join('\n');
  // Focusable and named, so a table wider than a phone can be scrolled from the keyboard.
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="Table"><table>\n<thead><tr>${head ? cells(head, 'th') : ''}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}

function renderComponent(node: MdNode, ctx: Context): string {
  const flow = node.type === 'mdxJsxFlowElement';
  const inner = () => children(node, ctx, flow ? '\n' : '');
  switch (node.name) {
    case 'Callout': {
      const kind = (CALLOUT_KINDS as readonly string[]).includes(attr(node, 'kind') ?? '') ? attr(node, 'kind')! : 'note';
      const label = kind[0]!.toUpperCase() + kind.slice(1);
      return `<aside class="callout callout-${kind}" aria-label="${label}"><p class="callout-label">${label}</p>\n${flow ? inner() : `<p>${inner()}</p>`}\n</aside>`;
    }
    case 'Sym': {
      const name = attr(node, 'name') ?? '';
      const html = `<a class="sym" href="${escapeHtml(ctx.paths.symbol(name))}"><code>${escapeHtml(name)}</code></a>`;
      return flow ? `<p>${html}</p>` : html;
    }
    case 'Thread': {
      const ref = normalizeThreadRef(attr(node, 'id') ?? '');
      const html = ref.ok ? link(ref.url, inner() || escapeHtml(ref.messageId)) : inner();
      return flow ? `<p>${html}</p>` : html;
    }
    case 'Commit': {
      const id = attr(node, 'id') ?? '';
      const html = link(commitUrl(id), `<code>${escapeHtml(id.slice(0, 12))}</code>`);
      return flow ? `<p>${html}</p>` : html;
    }
    case 'Quote': {
      const from = escapeHtml(attr(node, 'from') ?? '');
      const ref = normalizeThreadRef(attr(node, 'thread') ?? '');
      const cite = ref.ok ? link(ref.url, from) : from;
      return `<figure class="quote"><blockquote>\n${flow ? inner() : `<p>${inner()}</p>`}\n</blockquote><figcaption>— ${cite}</figcaption></figure>`;
    }
    default:
      return '';
  }
}
