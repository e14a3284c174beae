// The one definition of a decision record's frontmatter. The content collection, the validator,
// the scaffolder, the JSON Schema and CONTRIBUTING's field table are all derived from this file.
import { z } from 'zod';
import {
  ALLOWED_TIER_MOVES,
  EXPORT_TYPES,
  EXPORT_TYPE_INFO,
  KERNEL_ARCHES,
  THREAD_ROLES,
  TIERS,
  andList,
  orList,
  type Tier,
} from './vocabulary.ts';
import { normalizeThreadRef } from './lore.ts';
import { isRealDate, isFutureDate } from './dates.ts';

/** Cross-field rules report through zod custom issues; `params.rule` names the lint rule. */
export const rule = (name: string) => ({ params: { rule: name } });

/**
 * The rule a field's own check reports, for the checks zod's issues carry no rule for: a text not in
 * its format (the field's regex), and a value not among its fixed values. Every field with a regex or
 * a fixed set of values is listed (tests/validate/rule-names.test.ts walks the schemas to make sure).
 */
export const FIELD_RULES = {
  format: {
    symbol: 'symbol-format',
    replaced_by: 'symbol-format',
    related: 'symbol-format',
    since: 'version-format',
    version: 'version-format',
    date: 'date-format',
    file: 'file-format',
    macros: 'macro-format',
    url: 'thread-message-id',
  },
  enum: {
    type: 'type-enum',
    status: 'status-enum',
    role: 'role-enum',
    types: 'field-enum',
    arches: 'field-enum',
  },
} as const satisfies Record<'format' | 'enum', Record<string, string>>;

export const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const KERNEL_VERSION = /^v\d+\.\d+(?:\.\d+)?(?:-rc\d+)?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A path inside a tree, relative to its root: no leading or trailing /, no empty, . or .. part, no
 * blank space or backslash. Nothing built from it can leave the tree.
 */
export const TREE_PATH = /^(?!\.{1,2}(?:\/|$))(?!.*\/\.{1,2}(?:\/|$))(?!.*\/\/)[^\s/\\][^\s\\]*(?<!\/)$/;

/** Why a history move from one tier to another is refused, naming the moves the table allows from there. */
export function tierMoveMessage(from: Tier, to: Tier): string {
  const allowed = ALLOWED_TIER_MOVES[from];
  return `moves from ${from} to ${to}; from ${from} a record may move only to ${orList(allowed)} (Documentation/ABI/README)`;
}

/** The export types that take a namespace (or, for module-restricted exports, a module list). */
const NAMESPACED_TYPES = EXPORT_TYPES.filter((t) => EXPORT_TYPE_INFO[t].takesNamespace !== null);

const symbolName = z.string().regex(C_IDENTIFIER, { error: 'must be a C identifier (letters, digits, underscore)' });

const decisionDate = z
  .string()
  // A date not written YYYY-MM-DD is not also checked against the calendar.
  .regex(ISO_DATE, { error: 'must be a date written YYYY-MM-DD', abort: true })
  .refine(isRealDate, { error: 'is not a real calendar date', ...rule('date-real') })
  .refine((d) => !isFutureDate(d), { error: 'is in the future', ...rule('date-future') });

const kernelVersion = z.string().regex(KERNEL_VERSION, { error: 'must be a kernel release like v5.3, v6.1.158 or v6.13-rc1' });

/** A thread is written as a Message-ID or lore link (optionally with a role) and stored normalised. */
const threadRef = z.string().transform((value, ctx) => {
  const result = normalizeThreadRef(value);
  if (!result.ok) {
    ctx.issues.push({ code: 'custom', message: result.reason, input: value, ...rule('thread-message-id') });
    return z.NEVER;
  }
  return { messageId: result.messageId, url: result.url };
});

/**
 * A thread as stored, shown and published (the JSON API's schema is generated from the output side):
 * whatever form was written, the Message-ID and its canonical lore link.
 */
const storedThread = z.strictObject({
  messageId: z.string().min(1).describe('The Message-ID, without angle brackets'),
  url: z
    .string()
    .regex(/^https:\/\/lore\.kernel\.org\/r\/\S+$/)
    .describe('https://lore.kernel.org/r/<Message-ID>, percent-encoded as lore does'),
  role: z.enum(THREAD_ROLES).optional().describe(orList(THREAD_ROLES)),
  note: z.string().min(1).optional().describe('what this message contributes'),
});

export const threadSchema = z
  .union([
    threadRef.transform((ref) => ({ ...ref, role: undefined, note: undefined })),
    z
      .strictObject({
        id: threadRef.describe('Message-ID or lore.kernel.org link'),
        role: z.enum(THREAD_ROLES).optional().describe(orList(THREAD_ROLES)),
        note: z.string().min(1).optional().describe('what this message contributes'),
      })
      .transform(({ id, role, note }) => ({ ...id, role, note })),
  ])
  .pipe(storedThread)
  .describe('A Message-ID or lore.kernel.org link, or {id, role, note}');

export const historyEntrySchema = z.strictObject({
  date: decisionDate.describe('When it happened (YYYY-MM-DD)'),
  version: kernelVersion.optional().describe('Kernel release it landed in, when known'),
  change: z.string().min(1).describe('What changed, in one sentence'),
  type: z.enum(EXPORT_TYPES).optional().describe('Export type after this change'),
  status: z.enum(TIERS).optional().describe('Tier after this change'),
  thread: threadSchema.optional(),
});

export const recordSchema = z
  .strictObject({
    symbol: symbolName.describe('The exported C identifier; equals the file name'),
    summary: z.string().min(1).max(300).describe('One sentence: what was decided'),
    type: z.enum(EXPORT_TYPES).describe('How the symbol is exported now; "unexported" once the export is gone'),
    namespace: z
      .string()
      .min(1)
      .optional()
      .describe('Symbol namespace for the _NS types; the comma-separated module list for EXPORT_SYMBOL_FOR_MODULES'),
    status: z.enum(TIERS).describe(`Tier: ${orList(TIERS)} (Documentation/ABI)`),
    reason: z.string().min(1).optional().describe('Why the record has its tier; required for obsolete and removed'),
    subsystem: z.string().min(1).describe('Kernel area, e.g. mm, x86/fpu, net'),
    arches: z
      .array(z.enum(KERNEL_ARCHES))
      .min(1)
      .refine((list) => new Set(list).size === list.length, { error: 'lists an architecture twice', ...rule('field-value') })
      .optional()
      .describe('Architectures the decision is about, as arch/ names (x86, arm64, s390); leave out when it holds for all'),
    file: z
      .string()
      .regex(TREE_PATH, {
        error: 'must be a path inside the kernel tree, relative to its root (like mm/slub.c: no leading /, no . or .. parts)',
      })
      .optional()
      .describe('Defining source file, relative to the tree root'),
    since: kernelVersion.optional().describe('First kernel release with this export, only when known'),
    date: decisionDate.describe('Date of the decision (YYYY-MM-DD)'),
    threads: z.array(threadSchema).min(1, { error: 'must list at least one thread' }).describe('Rationale threads on lore.kernel.org'),
    contact: z.string().min(1).optional().describe('Who maintains the decision (list or person)'),
    users: z.array(z.string().min(1)).optional().describe('Who to notify when it changes, as in the ABI README'),
    replaced_by: symbolName.optional().describe('The symbol to use instead'),
    related: z.array(symbolName).optional().describe('Symbols decided together or worth comparing'),
    history: z.array(historyEntrySchema).optional().describe('Dated steps: proposed, landed, retyped, removed'),
  })
  .superRefine(
    (record, ctx) => {
      // Runs even when other fields failed, so one run reports every problem; each rule reads only
      // fields that parsed (a missing or invalid field was already reported by its own check).
      const ok = (...fields: (keyof RecordInput)[]) => !ctx.issues.some((issue) => fields.includes(issue.path?.[0] as keyof RecordInput));
      const takes = ok('type') ? EXPORT_TYPE_INFO[record.type].takesNamespace : undefined;
      if (takes && ok('namespace') && !record.namespace) {
        ctx.addIssue({
          code: 'custom',
          path: ['namespace'],
          message: `is required for ${record.type} (${takes === 'modules' ? 'the module list' : 'the symbol namespace'})`,
          ...rule('namespace-for-type'),
        });
      }
      if (takes === null && ok('namespace') && record.namespace) {
        ctx.addIssue({
          code: 'custom',
          path: ['namespace'],
          message: `is only for ${andList(NAMESPACED_TYPES)} (type is ${record.type})`,
          ...rule('namespace-for-type'),
        });
      }
      if (ok('status', 'type') && (record.status === 'removed') !== (record.type === 'unexported')) {
        ctx.addIssue({
          code: 'custom',
          path: [record.status === 'removed' ? 'type' : 'status'],
          message:
            record.status === 'removed'
              ? `must be "unexported" when status is removed (got "${record.type}")`
              : `must be "removed" when type is unexported (got "${record.status}")`,
          ...rule('removed-is-unexported'),
        });
      }
      if (ok('status', 'reason') && (record.status === 'obsolete' || record.status === 'removed') && !record.reason) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `is required when status is ${record.status}: say why, and name a replacement in replaced_by when there is one`,
          ...rule('reason-required'),
        });
      }
      if (ok('symbol', 'replaced_by') && record.replaced_by === record.symbol) {
        ctx.addIssue({ code: 'custom', path: ['replaced_by'], message: 'names the record itself', ...rule('replaced-by-exists') });
      }
      if (!ok('history')) return;
      const history = record.history ?? [];
      history.forEach((entry, i) => {
        if (i > 0 && entry.date < history[i - 1]!.date) {
          ctx.addIssue({
            code: 'custom',
            path: ['history', i, 'date'],
            message: `is earlier than the entry before it (${history[i - 1]!.date}); list history oldest first`,
            ...rule('history-order'),
          });
        }
      });
      // Every tier move the history states is one ALLOWED_TIER_MOVES lists (the table CONTRIBUTING shows);
      // an entry repeating the tier it is in is not a move.
      let tier: Tier | undefined;
      history.forEach((entry, i) => {
        if (!entry.status) return;
        if (tier && entry.status !== tier && !ALLOWED_TIER_MOVES[tier].includes(entry.status)) {
          ctx.addIssue({
            code: 'custom',
            path: ['history', i, 'status'],
            message: tierMoveMessage(tier, entry.status),
            ...rule('tier-move'),
          });
        }
        tier = entry.status;
      });
      if (tier && ok('status') && tier !== record.status) {
        ctx.addIssue({
          code: 'custom',
          path: ['status'],
          message: `is "${record.status}" but the last history entry with a status says "${tier}"`,
          ...rule('tier-move'),
        });
      }
    },
    // zod skips refinements once a field failed; `when` runs them on whatever mapping was given.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
  );

export type RecordInput = z.input<typeof recordSchema>;
export type RecordData = z.output<typeof recordSchema>;
export type Thread = RecordData['threads'][number];
export type HistoryEntry = NonNullable<RecordData['history']>[number];

/** Decisions about the export mechanism itself (namespaces, module-restricted exports): shown on export-type pages. */
export const mechanismSchema = z.strictObject({
  title: z.string().min(1).describe('Short title of the decision'),
  summary: z.string().min(1).max(400).describe('One or two sentences: what was decided'),
  types: z.array(z.enum(EXPORT_TYPES)).min(1).describe('Export-type pages this decision belongs on'),
  macros: z
    .array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: 'must be a C macro name in capitals, like EXPORT_SYMBOL_NS' }))
    .min(1)
    .describe('Macros the decision introduced or changed'),
  namespace: z.string().min(1).optional().describe('Namespace concerned, if one'),
  status: z.enum(TIERS).describe('Tier of the mechanism'),
  since: kernelVersion.optional().describe('First release with it, when known'),
  date: decisionDate.describe('Date of the decision'),
  threads: z.array(threadSchema).min(1),
  history: z.array(historyEntrySchema).optional(),
});
export type MechanismData = z.output<typeof mechanismSchema>;
