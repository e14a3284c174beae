// Rendered bodies start their sections at <h2>; inside a card under an <h3> (a mechanism decision
// on an export-type or namespace page) they must start lower, or the page's outline skips back up.

/** Moves every heading of an HTML fragment `by` levels down (h2 -> h4 for 2), at most to h6. */
export function demoteHeadings(html: string, by: number): string {
  if (by <= 0) return html;
  return html.replace(/<(\/?)h([1-6])(?=[\s>])/g, (_, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + by)}`);
}
