// A JSON Schema (draft 2020-12) validator for the keywords the generated API schema uses. It is
// deliberately strict: a keyword it does not implement is an error, never silently ignored, so a
// passing validation means every constraint of the schema was checked. (With `ajv` installed, the
// same test could use Ajv2020 instead; see the report of issue 7.)

export interface SchemaError {
  path: string;
  message: string;
}

type Schema = boolean | { [key: string]: unknown };

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description', 'default', 'examples']);
const IMPLEMENTED = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'anyOf',
  'oneOf',
  'allOf',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'properties',
  'required',
  'additionalProperties',
]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function typeMatches(type: string, v: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    case 'null':
      return v === null;
    case 'array':
      return Array.isArray(v);
    case 'object':
      return isObject(v);
    default:
      throw new Error(`unknown type "${type}" in schema`);
  }
}

/** Validates `data` against `schema` (a subschema of `root`, which holds $defs). */
export function validateJsonSchema(root: Schema, data: unknown, schema: Schema = root): SchemaError[] {
  const errors: SchemaError[] = [];
  check(root, schema, data, '', errors);
  return errors;
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`only local $ref are supported (got ${ref})`);
  let node: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(node) || !(key in node)) throw new Error(`$ref ${ref} does not resolve`);
    node = node[key];
  }
  return node as Schema;
}

function check(root: Schema, schema: Schema, v: unknown, path: string, errors: SchemaError[]): void {
  const fail = (message: string) => errors.push({ path: path || '/', message });
  if (schema === true) return;
  if (schema === false) return void fail('no value is allowed here');
  for (const key of Object.keys(schema)) {
    if (!IMPLEMENTED.has(key) && !ANNOTATIONS.has(key))
      throw new Error(`schema keyword "${key}" at ${path || '/'} is not implemented by this validator`);
  }
  const s = schema;
  if (typeof s.$ref === 'string') check(root, resolveRef(root, s.$ref), v, path, errors);
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => typeMatches(t, v)))
      return void fail(`expected ${types.join(' or ')}, got ${v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v}`);
  }
  if ('const' in s && !deepEqual(v, s.const)) fail(`must equal ${JSON.stringify(s.const)}`);
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(v, e))) fail(`must be one of ${JSON.stringify(s.enum)}`);
  for (const [kw, combine] of [
    ['anyOf', (n: number) => n >= 1],
    ['oneOf', (n: number) => n === 1],
  ] as const) {
    if (!Array.isArray(s[kw])) continue;
    const passing = (s[kw] as Schema[]).filter((sub) => validateJsonSchema(root, v, sub).length === 0).length;
    if (!combine(passing)) fail(`${kw}: ${passing} of ${(s[kw] as Schema[]).length} subschemas match`);
  }
  if (Array.isArray(s.allOf)) for (const sub of s.allOf as Schema[]) check(root, sub, v, path, errors);
  if (typeof v === 'string') {
    const length = [...v].length;
    if (typeof s.minLength === 'number' && length < s.minLength) fail(`shorter than ${s.minLength}`);
    if (typeof s.maxLength === 'number' && length > s.maxLength) fail(`longer than ${s.maxLength}`);
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(v)) fail(`does not match ${s.pattern}`);
  }
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) fail(`less than ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) fail(`greater than ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) fail(`not greater than ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number' && v >= s.exclusiveMaximum) fail(`not less than ${s.exclusiveMaximum}`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) fail(`fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) fail(`more than ${s.maxItems} items`);
    const prefix = Array.isArray(s.prefixItems) ? (s.prefixItems as Schema[]) : [];
    prefix.forEach((sub, i) => {
      if (i < v.length) check(root, sub, v[i], `${path}/${i}`, errors);
    });
    if (s.items !== undefined) for (let i = prefix.length; i < v.length; i++) check(root, s.items as Schema, v[i], `${path}/${i}`, errors);
  }
  if (isObject(v)) {
    for (const key of (s.required as string[] | undefined) ?? []) if (!(key in v)) fail(`missing required property "${key}"`);
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [key, value] of Object.entries(v)) {
      const at = `${path}/${key}`;
      if (key in props) check(root, props[key]!, value, at, errors);
      else if (s.additionalProperties !== undefined) {
        if (s.additionalProperties === false) errors.push({ path: at, message: 'property not allowed' });
        else check(root, s.additionalProperties as Schema, value, at, errors);
      }
    }
  }
}
