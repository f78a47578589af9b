import { z } from 'zod';
import { commandsExpectSchema } from './doubles-schema.js';
import { xpathSyntaxError } from '../assertions/evaluate-xpath.js';
import { CALLS_MODES } from '../assertions/expectation.js';
import { regexSyntaxError } from '../assertions/match-text.js';
import { HOOK_DRIVERS, type HookOp } from '../model/hook-driver.js';
import { libvirtRangeError } from './libvirt-range.js';
import { stateSchema } from './state-schema.js';

/** Every op libvirt passes as argv[2], across drivers (virHook*OpType). */
export const HOOK_OPS = [
  'start', 'started', 'stopped', 'plugged', 'unplugged', 'port-created', 'port-deleted', 'updated',
  'prepare', 'release', 'migrate', 'reconnect', 'attach', 'restore', 'shutdown', 'reload',
] as const satisfies readonly HookOp[];

const HOOK_NAME = new RegExp(`^(${HOOK_DRIVERS.join('|')})(\\.d/[^/]+)?$`, 'u');

const regex = z.string().superRefine((source, ctx) => {
  const error = regexSyntaxError(source);
  if (error) ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${error}` });
});

/** virsh text: exact (a trailing newline is ignored), `{ contains }` or `{ matches: regex }`. */
export const textSchema = z
  .union([z.string(), z.strictObject({ contains: z.string() }), z.strictObject({ matches: regex })])
  .meta({ id: 'Text', description: 'Exact text (a final newline is ignored), { contains: TEXT } or { matches: REGEX }.' });

const xpathValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const stdinObject = z
  .strictObject({
    equals: z.string().optional().meta({ description: 'The whole stdin, byte for byte.' }),
    file: z.string().optional().meta({ description: 'A file (relative to the scenario) holding the whole expected stdin.' }),
    contains: z.string().optional(),
    xpath: z.record(z.string(), xpathValue).optional().meta({
      description: "XPath query -> expected value: a string/number/boolean compared via XPath's string()/number()/boolean(), or a list of node values.",
    }),
  })
  .superRefine((stdin, ctx) => {
    if (stdin.equals !== undefined && stdin.file !== undefined) ctx.addIssue({ code: 'custom', path: ['file'], message: 'give either equals or file, not both' });
    for (const query of Object.keys(stdin.xpath ?? {})) {
      const error = xpathSyntaxError(query);
      if (error) ctx.addIssue({ code: 'custom', path: ['xpath', query], message: `not a valid XPath expression: ${error}` });
    }
  });

const envObject = z.strictObject({
  includes: z.record(z.string(), z.string()).optional().meta({ description: 'Variables that must be set to these values.' }),
  excludes: z.array(z.string()).optional().meta({ description: 'Variables that must not be set.' }),
});

/** A call's `argv` of the wrong length: say what the four items are and how to match only some. */
function argvLengthMessage(issue: { readonly code?: string; readonly input?: unknown }): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const count = Array.isArray(issue.input) ? issue.input.length : 0;
  return `argv has ${count} item${count === 1 ? '' : 's'}, but it is the whole [object, op, subop, extra] (4 items, without the script path); to match only some of them, use object:, op:, subop: or extra:`;
}

/** One expected script run; absent fields match anything. */
export const callSchema = z
  .strictObject({
    hook: z.string().regex(HOOK_NAME, { error: 'a hook is a driver name (network, qemu, ...) optionally followed by .d/NAME, e.g. network.d/10-first' }).optional(),
    argv: z.tuple([z.string(), z.string(), z.string(), z.string()], { error: argvLengthMessage }).optional().meta({ description: 'argv[1..4]: [object, op, subop, extra].' }),
    object: z.string().optional().meta({ description: 'argv[1]: the network or domain name.' }),
    op: z.enum(HOOK_OPS).optional().meta({ description: 'argv[2].' }),
    subop: z.enum(['-', 'begin', 'end']).optional().meta({ description: 'argv[3].' }),
    extra: z.string().optional().meta({ description: 'argv[4].' }),
    stdin: z.union([z.string(), stdinObject]).optional().meta({ description: 'The exact stdin, or { equals | file, contains, xpath }.' }),
    env: z.union([z.array(z.string()), envObject]).optional().meta({ description: 'The whole environment as K=V lines in order, or { includes, excludes }.' }),
    exitCode: z.number().int().nullable().optional().meta({ description: 'The exit status; null when killed by a signal.' }),
  })
  .superRefine((call, ctx) => {
    if (call.argv === undefined) return;
    for (const key of ['object', 'op', 'subop', 'extra'] as const) {
      if (call[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `give argv or ${key}, not both` });
    }
  })
  .meta({ id: 'Call', description: 'One expected script run; absent fields match anything.' });

const callsFields = {
  calls: z.array(callSchema).optional().meta({ description: 'Expected script runs (one per script: network, then network.d/*).' }),
  mode: z.enum(CALLS_MODES).optional().meta({
    description: 'How calls compare: exact (default; the same runs in order, nothing else), ordered (a subsequence), contains (any order), none-of.',
  }),
};

const requireCallsForMode = (expect: { calls?: unknown; mode?: unknown }, ctx: z.RefinementCtx) => {
  if (expect.mode !== undefined && expect.calls === undefined) ctx.addIssue({ code: 'custom', path: ['mode'], message: 'mode applies to calls: add calls' });
};

/** A `per-libvirt:` map: release range -> expectations replacing the base's for those releases. */
function perLibvirt<T extends z.ZodType>(schema: T) {
  return z
    .record(z.string(), schema)
    .superRefine((map, ctx) => {
      for (const range of Object.keys(map)) {
        const error = libvirtRangeError(range);
        if (error) ctx.addIssue({ code: 'custom', path: [range], message: `not a libvirt release range: ${error}` });
      }
    })
    .optional()
    .meta({
      description:
        'Release range ("<10.8", ">=10.8", "9.0", ">=9.0 <10.8", "9.0 || >=11") -> expectations for those releases. ' +
        'They replace the base keys they name (ok/vetoed/error as a group, calls with mode); state merges per network, guest and bridge.',
    });
}

const stepFields = {
  ok: z.boolean().optional().meta({ description: 'Whether virsh succeeds. A step with none of ok, vetoed or error must succeed.' }),
  vetoed: z.boolean().optional().meta({ description: "Whether a hook's non-zero exit made the step fail." }),
  error: textSchema.optional().meta({ description: "virsh's stderr, e.g. 'error: Failed to start network X\\nerror: ...'." }),
  output: textSchema.optional().meta({ description: "virsh's stdout, e.g. 'Network X started'." }),
  ...callsFields,
  state: stateSchema.optional().meta({ description: 'The simulated host right after this step.' }),
  commands: commandsExpectSchema.optional(),
};

/** Expectations of one step for some releases (no nested per-libvirt). */
const stepOverrideSchema = z.strictObject(stepFields).superRefine(requireCallsForMode).meta({ id: 'StepExpectOverride' });

/** What one step must end with. */
export const stepExpectSchema = z
  .strictObject({ ...stepFields, 'per-libvirt': perLibvirt(stepOverrideSchema) })
  .superRefine(requireCallsForMode)
  .meta({ id: 'StepExpect', description: "What the step must end with. Without ok, vetoed or error, the step must succeed." });

const runFields = {
  ...callsFields,
  state: stateSchema.optional().meta({ description: 'The simulated host after the last step.' }),
  commands: commandsExpectSchema.optional(),
};

const runOverrideSchema = z.strictObject(runFields).superRefine(requireCallsForMode).meta({ id: 'RunExpectOverride' });

/** Expectations over the whole run. */
export const runExpectSchema = z
  .strictObject({
    ...runFields,
    snapshot: z.union([z.literal(true), z.string().min(1)]).optional().meta({
      description:
        'Compare the run with a recorded transcript (argv, stdin and virsh output of every step): true for NAME.snap next to the scenario, or a file relative to it. virthook run --update writes it.',
    }),
    'per-libvirt': perLibvirt(runOverrideSchema),
  })
  .superRefine(requireCallsForMode);

export type CallInput = z.output<typeof callSchema>;
export type StepExpectInput = z.output<typeof stepExpectSchema>;
export type StepOverrideInput = z.output<typeof stepOverrideSchema>;
export type RunExpectInput = z.output<typeof runExpectSchema>;
export type RunOverrideInput = z.output<typeof runOverrideSchema>;
export type TextInput = z.output<typeof textSchema>;
