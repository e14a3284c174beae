// Reads the one schema's own structure (field names, descriptions) for messages and docs,
// so no list of fields is ever written a second time.
import type { z } from 'zod';

type Schema = z.core.$ZodType;
type Def = {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  in?: Schema;
  out?: Schema;
  entries?: Record<string, string>;
};

const def = (s: Schema) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The mapping schema reached by a path, looking through optional, pipe, array and union wrappers. */
function objectAt(schema: Schema, path: readonly PropertyKey[]): Record<string, Schema> | undefined {
  let current: Schema | undefined = schema;
  let i = 0;
  while (current) {
    const d = def(current);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') current = d.innerType;
    else if (d.type === 'pipe') current = def(d.in!).type === 'string' ? d.out : d.in;
    else if (d.type === 'union') current = d.options!.find((o) => objectAt(o, []) !== undefined);
    else if (d.type === 'array') {
      if (typeof path[i] === 'number') i++;
      current = d.element;
    } else if (d.type === 'object') {
      if (i >= path.length) return d.shape;
      current = d.shape![String(path[i++])];
    } else return undefined;
  }
  return undefined;
}

export function fieldNames(schema: Schema, path: readonly PropertyKey[] = []): string[] {
  return Object.keys(objectAt(schema, path) ?? {});
}

export function fieldDescription(schema: Schema, path: readonly PropertyKey[]): string | undefined {
  const parent = objectAt(schema, path.slice(0, -1));
  const field = parent?.[String(path[path.length - 1])];
  return field ? describedAs(field) : undefined;
}

/** A schema's description, or that of the schema it wraps (`.optional()` makes a new, undescribed one). */
function describedAs(schema: Schema): string | undefined {
  const own = (schema as unknown as { description?: string }).description;
  const d = def(schema);
  return own ?? (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' ? describedAs(d.innerType!) : undefined);
}

/** What is written for a field: text, one of fixed values, a list of either, or a mapping. */
export type FieldKind =
  | { kind: 'text' }
  | { kind: 'enum'; values: string[] }
  | { kind: 'list'; item: FieldKind }
  | { kind: 'mapping' }
  | { kind: 'either'; options: FieldKind[] }
  | { kind: 'other' };

export interface FieldDoc {
  name: string;
  required: boolean;
  description: string;
  value: FieldKind;
}

/** The kind of value a schema takes as input, looking through optional, pipe and transform wrappers. */
export function kindOf(schema: Schema): FieldKind {
  const d = def(schema);
  switch (d.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return kindOf(d.innerType!);
    case 'pipe':
      return kindOf(d.in!);
    case 'string':
      return { kind: 'text' };
    case 'enum':
      return { kind: 'enum', values: Object.values(d.entries ?? {}) };
    case 'array':
      return { kind: 'list', item: kindOf(d.element!) };
    case 'object':
      return { kind: 'mapping' };
    case 'union':
      // A thread is written as a link (text) or as {id, role, note} (a mapping).
      return { kind: 'either', options: d.options!.map(kindOf) };
    default:
      return { kind: 'other' };
  }
}

/**
 * The fields of the mapping at `path` (top level by default; ['history', 0] for a history entry),
 * with whether each is required, its description and its kind (for CONTRIBUTING and the scaffolder).
 */
export function fieldDocs(schema: Schema, path: readonly PropertyKey[] = []): FieldDoc[] {
  const shape = objectAt(schema, path) ?? {};
  return Object.entries(shape).map(([name, field]) => ({
    name,
    required: def(field).type !== 'optional',
    description: describedAs(field) ?? '',
    value: kindOf(field),
  }));
}

/** How a kind reads in prose: "text", "one of a, b", "list of text"; `value` formats each fixed value. */
export function describeKind(kind: FieldKind, value: (v: string) => string = (v) => v): string {
  switch (kind.kind) {
    case 'text':
      return 'text';
    case 'enum':
      return `one of ${kind.values.map(value).join(', ')}`;
    case 'list':
      return kind.item.kind === 'text'
        ? 'list of text'
        : kind.item.kind === 'mapping'
          ? 'list of mappings'
          : `list, each ${describeKind(kind.item, value)}`;
    case 'mapping':
      return 'mapping';
    case 'either':
      return kind.options.map((o) => describeKind(o, value)).join(' or ');
    default:
      return 'value';
  }
}
