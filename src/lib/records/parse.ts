// One record file -> its checked data, its rendered body, and every problem found on the way.
// Both the validator and the site's build call this, so they can never disagree.
import path from 'node:path';
import type { z } from 'zod';
import { splitRecord } from './split.ts';
import { parseFrontmatter } from './yaml.ts';
import { FrontmatterLocator } from './positions.ts';
import { issueMessage, problemsFromIssues } from './schema-issues.ts';
import { fieldDescription, fieldNames } from '../schema-walk.ts';
import { checkBody, symReferences } from '../body/check.ts';
import { renderBody } from '../body/render.ts';
import { checkProcessLanguage } from '../body/process-language.ts';
import { MAX_BODY_DEPTH, parseBody, tooDeep } from '../body/tree.ts';
import { checkFieldText } from './field-text.ts';
import { printable } from '../printable.ts';
import { recordSchema, mechanismSchema, C_IDENTIFIER, type RecordData, type MechanismData } from '../schema.ts';
import type { Problem } from '../problems.ts';
import type { SitePaths } from '../urls.ts';

export interface Parsed<T> {
  file: string;
  /** The id the file name gives: the symbol for records, the slug for mechanisms. */
  id: string;
  problems: Problem[];
  data?: T;
  /** The frontmatter mapping as written, kept when it does not pass the schema (collection rules read it). */
  raw?: Record<string, unknown>;
  /** Symbols the body links to with <Sym name=…/>, with where (for the sym-exists rule). */
  symRefs?: { name: string; line: number; column: number }[];
  /** Line of each top-level field, for collection-level problems. */
  locate: (fieldPath: (string | number)[]) => { line: number; column: number };
  body?: string;
  html?: string;
}

interface Kind<T> {
  schema: z.ZodType<T>;
  /** Checks the file name against the data; returns a message when they disagree. */
  fileNameProblem: (id: string, extension: string, data: Record<string, unknown> | undefined) => string | undefined;
  idField?: string;
}

const recordKind: Kind<RecordData> = {
  schema: recordSchema as unknown as z.ZodType<RecordData>,
  idField: 'symbol',
  fileNameProblem: (id, extension, data) => {
    if (extension !== '.mdx') return `record file must end in .mdx (got "${extension || 'no extension'}")`;
    if (!C_IDENTIFIER.test(id)) return `file name "${id}.mdx" must be the symbol, a C identifier (no spaces or dashes)`;
    const symbol = data?.['symbol'];
    if (typeof symbol === 'string' && symbol !== id)
      return `file name must equal the symbol: rename to ${symbol}.mdx (or fix symbol: ${id})`;
    return undefined;
  },
};

const mechanismKind: Kind<MechanismData> = {
  schema: mechanismSchema as unknown as z.ZodType<MechanismData>,
  fileNameProblem: (id, extension) => {
    if (extension !== '.mdx') return `mechanism file must end in .mdx (got "${extension || 'no extension'}")`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) return `file name "${id}${extension}" must be lowercase words joined by dashes`;
    return undefined;
  },
};

export function parseRecordFile(file: string, bytes: Uint8Array, paths: SitePaths): Parsed<RecordData> {
  return parseSafely(file, bytes, paths, recordKind);
}

export function parseMechanismFile(file: string, bytes: Uint8Array, paths: SitePaths): Parsed<MechanismData> {
  return parseSafely(file, bytes, paths, mechanismKind);
}

/**
 * Whatever a file holds, the answer is problems naming it, never an exception: inputs are bounded
 * (size, YAML aliases and depth, body depth), and anything unforeseen still names the file.
 */
function parseSafely<T>(file: string, bytes: Uint8Array, paths: SitePaths, kind: Kind<T>): Parsed<T> {
  try {
    return parseFile(file, bytes, paths, kind);
  } catch (error) {
    const message = printable(error instanceof Error ? error.message : String(error)).slice(0, 200);
    const id = path.basename(file, path.extname(file));
    return {
      file,
      id,
      locate: () => ({ line: 1, column: 1 }),
      problems: [
        {
          file,
          line: 1,
          column: 1,
          severity: 'error',
          rule: 'record-unreadable',
          message: `the record could not be checked (${message}); simplify it`,
        },
      ],
    };
  }
}

function parseFile<T>(file: string, bytes: Uint8Array, paths: SitePaths, kind: Kind<T>): Parsed<T> {
  const extension = path.extname(file);
  const id = path.basename(file, extension);
  const problems: Problem[] = [];
  const at = (line: number, column: number, rule: string, message: string) =>
    problems.push({ file, line, column, severity: 'error', rule, message });
  const result: Parsed<T> = { file, id, problems, locate: () => ({ line: 1, column: 1 }) };

  const split = splitRecord(bytes);
  if (!split.ok) {
    at(split.line, split.column, split.rule, split.message);
    const nameProblem = kind.fileNameProblem(id, extension, undefined);
    if (nameProblem) at(1, 1, 'file-name', nameProblem);
    return result;
  }
  const { frontmatter, body, frontmatterLine, bodyLine } = split.value;
  const locator = new FrontmatterLocator(frontmatter, frontmatterLine);
  result.locate = (p) => locator.locate(p);

  for (const p of checkProcessLanguage(frontmatter)) at(frontmatterLine + p.line - 1, p.column, p.rule, p.message);

  const yaml = parseFrontmatter(frontmatter, frontmatterLine);
  let raw: Record<string, unknown> | undefined;
  if (!yaml.ok) at(yaml.line, yaml.column, yaml.rule, yaml.message);
  else raw = yaml.data as Record<string, unknown>;

  const nameProblem = kind.fileNameProblem(id, extension, raw);
  if (nameProblem) {
    const place = kind.idField && raw?.[kind.idField] !== undefined ? locator.locate([kind.idField]) : { line: 1, column: 1 };
    at(place.line, place.column, 'file-name', nameProblem);
  }

  if (raw) {
    for (const p of checkFieldText(raw)) {
      const place = locator.locate(p.path, p.atKey);
      at(place.line, place.column, p.rule, p.message);
    }
    const parsed = kind.schema.safeParse(raw, { reportInput: true, error: issueMessage });
    if (parsed.success) result.data = parsed.data;
    else {
      result.raw = raw;
      const schema = kind.schema as unknown as z.core.$ZodType;
      for (const p of problemsFromIssues(
        parsed.error.issues,
        (fp) => fieldNames(schema, fp),
        (fp) => fieldDescription(schema, fp),
      )) {
        // A missing field has no line of its own: point at the opening --- of the frontmatter.
        const place = p.rule === 'required-field' ? locator.start() : locator.locate(p.path, p.atKey);
        at(place.line, place.column, p.rule, p.message);
      }
    }
  }

  const tree = parseBody(body);
  const offset = (line: number) => bodyLine + line - 1;
  const deep = tree.ok ? tooDeep(tree.tree) : undefined;
  if (!tree.ok) {
    at(offset(tree.line), tree.column, 'mdx-syntax', `MDX syntax error: ${tree.message}`);
  } else if (deep) {
    // Checking and rendering walk the tree recursively: a body nested deeper than any prose needs is refused first.
    at(
      offset(deep.line),
      deep.column,
      'body-depth',
      `the body nests quotes, lists or elements more than ${MAX_BODY_DEPTH} levels deep; flatten it`,
    );
  } else {
    const bodyProblems = checkBody(tree.tree);
    result.symRefs = symReferences(tree.tree).map((r) => ({ ...r, line: offset(r.line) }));
    for (const p of bodyProblems) at(offset(p.line), p.column, p.rule, p.message);
    for (const p of checkProcessLanguage(body)) at(offset(p.line), p.column, p.rule, p.message);
    result.body = body;
    if (bodyProblems.length === 0) result.html = renderBody(tree.tree, paths);
  }
  return result;
}
