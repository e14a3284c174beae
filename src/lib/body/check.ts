// Refuses everything in a record body that could run code or reach a reader's browser as active
// content: ESM, expressions, raw elements, unknown components, event handlers, unsafe URLs.
import { COMPONENTS, DANGEROUS_ELEMENTS } from './components.ts';
import { isSafeUrl, urlScheme } from './url.ts';
import { attributeValue, type MdNode } from './tree.ts';
import { normalizeThreadRef } from '../lore.ts';
import { closest } from '../suggest.ts';

export interface BodyProblem {
  line: number; // relative to the body
  column: number;
  rule: string;
  message: string;
}

const COMPONENT_NAMES = Object.keys(COMPONENTS);

export function checkBody(tree: MdNode): BodyProblem[] {
  const problems: BodyProblem[] = [];
  const report = (node: MdNode, rule: string, message: string) =>
    problems.push({ line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1, rule, message });
  const visit = (node: MdNode) => {
    switch (node.type) {
      case 'mdxjsEsm':
        report(node, 'mdx-esm', 'import/export statements are not allowed in a record body');
        return;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        report(
          node,
          'mdx-expression',
          `JavaScript expression {${truncate(node.value ?? '')}} is not allowed; write \\{ and \\} for literal braces`,
        );
        return;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, report);
        break;
      case 'html':
        report(node, 'mdx-forbidden-element', 'raw HTML is not allowed in a record body');
        return;
      case 'link':
      case 'definition':
        if (node.url !== undefined && !isSafeUrl(node.url)) {
          report(node, 'mdx-unsafe-url', `link URL scheme "${urlScheme(node.url)}" is not allowed; use http:, https: or mailto:`);
        }
        break;
      case 'image':
      case 'imageReference':
        report(node, 'mdx-image', 'images are not allowed in a record body; link to the source instead');
        return;
      case 'heading':
        if (node.depth === 1) report(node, 'body-heading-level', 'the page title is the symbol; start body headings at ## (level 2)');
        break;
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return problems;
}

function checkElement(node: MdNode, report: (node: MdNode, rule: string, message: string) => void) {
  const name = node.name ?? '';
  const spec = COMPONENTS[name];
  if (!spec) {
    if (DANGEROUS_ELEMENTS.has(name.toLowerCase())) {
      report(node, 'mdx-forbidden-element', `<${name}> is not allowed in a record body`);
    } else {
      const guess = closest(name, COMPONENT_NAMES);
      report(
        node,
        'mdx-unknown-component',
        `unknown component <${name || '>'}${name ? '>' : ''}; allowed: ${COMPONENT_NAMES.join(', ')}${guess ? `; did you mean <${guess}>?` : ''}`,
      );
    }
    for (const attr of node.attributes ?? [])
      if (attr.name && /^on/i.test(attr.name)) {
        report(node, 'mdx-event-handler', `event-handler attribute ${attr.name} is not allowed`);
      }
    return;
  }
  const seen = new Set<string>();
  for (const attr of node.attributes ?? []) {
    if (attr.type === 'mdxJsxExpressionAttribute') {
      report(node, 'mdx-expression', `spread attribute {${truncate(String(attr.value ?? ''))}} on <${name}> is not allowed`);
      continue;
    }
    const attrName = attr.name ?? '';
    seen.add(attrName);
    if (/^on/i.test(attrName)) {
      report(node, 'mdx-event-handler', `event-handler attribute ${attrName} on <${name}> is not allowed`);
      continue;
    }
    const rule = spec.attributes[attrName];
    if (!rule) {
      const known = Object.keys(spec.attributes);
      report(node, 'mdx-attribute', `<${name}> has no attribute "${attrName}"; it takes ${known.join(', ') || 'none'}`);
      continue;
    }
    const value = attributeValue(attr);
    if (value === undefined) {
      report(node, 'mdx-expression', `attribute ${attrName} on <${name}> must be a quoted string, not an expression`);
      continue;
    }
    const bad =
      (rule.pattern && !rule.pattern.test(value)) ||
      (rule.values && !rule.values.includes(value)) ||
      ((attrName === 'id' && name === 'Thread') || attrName === 'thread' ? !normalizeThreadRef(value).ok : false);
    if (bad) report(node, 'mdx-attribute', `attribute ${attrName}="${truncate(value)}" on <${name}> must be ${rule.help}`);
  }
  for (const [attrName, rule] of Object.entries(spec.attributes)) {
    if (rule.required && !seen.has(attrName)) report(node, 'mdx-attribute', `<${name}> needs the attribute ${attrName} (${rule.help})`);
  }
  if (!spec.children && (node.children?.length ?? 0) > 0) {
    report(node, 'mdx-attribute', `<${name}> takes no content; write it as <${name} … />`);
  }
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? flat.slice(0, 37) + '...' : flat;
}

/** Every <Sym name="…"/> in a body, where it stands (body-relative). */
export function symReferences(tree: MdNode): { name: string; line: number; column: number }[] {
  const refs: { name: string; line: number; column: number }[] = [];
  const visit = (node: MdNode) => {
    if ((node.type === 'mdxJsxTextElement' || node.type === 'mdxJsxFlowElement') && node.name === 'Sym') {
      const name = node.attributes?.find((a) => a.name === 'name');
      const value = name ? attributeValue(name) : undefined;
      if (value) refs.push({ name: value, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
    }
    node.children?.forEach(visit);
  };
  visit(tree);
  return refs;
}
