import type { CallExpectation, CallsExpectation, StepExpectation, TextExpectation } from '../assertions/expectation.js';
import type { CallInput, RunExpectInput, StepExpectInput, TextInput } from './expectation-schema.js';

/** Reads a file a scenario names (`stdin: { file }`), by its path in the scenario; returns its text. */
export type ReferencedText = (path: readonly PropertyKey[]) => string;

/**
 * A step's `expect:` as the assertion engine takes it. A step that says nothing about its outcome
 * (no ok, vetoed or error) must succeed: scenarios fail when a hook change breaks a host.
 */
export function buildStepExpectation(input: StepExpectInput | undefined, path: readonly PropertyKey[], read: ReferencedText): StepExpectation {
  const outcome = input?.ok === undefined && input?.vetoed === undefined && input?.error === undefined ? { ok: true } : {};
  if (!input) return outcome;
  return {
    ...outcome,
    ...(input.ok !== undefined ? { ok: input.ok } : {}),
    ...(input.vetoed !== undefined ? { vetoed: input.vetoed } : {}),
    ...(input.error !== undefined ? { error: buildText(input.error) } : {}),
    ...(input.output !== undefined ? { output: buildText(input.output) } : {}),
    ...buildCalls(input, path, read),
  };
}

/** The scenario-level `expect:`. */
export function buildRunExpectation(input: RunExpectInput | undefined, read: ReferencedText): { calls?: CallsExpectation } {
  return input ? buildCalls(input, ['expect'], read) : {};
}

function buildCalls(input: RunExpectInput, path: readonly PropertyKey[], read: ReferencedText): { calls?: CallsExpectation } {
  if (!input.calls) return {};
  return { calls: { mode: input.mode ?? 'exact', calls: input.calls.map((call, i) => buildCall(call, [...path, 'calls', i], read)) } };
}

function buildCall(input: CallInput, path: readonly PropertyKey[], read: ReferencedText): CallExpectation {
  const [object, op, subop, extra] = input.argv ?? [input.object, input.op, input.subop, input.extra];
  const call: Record<string, unknown> = { hook: input.hook, object, op, subop, extra, exitCode: input.exitCode };
  if (typeof input.stdin === 'string') call.stdin = { equals: input.stdin };
  else if (input.stdin) {
    const { file, ...rest } = input.stdin;
    call.stdin = file === undefined ? rest : { ...rest, equals: read([...path, 'stdin', 'file']), equalsFile: file };
  }
  if (Array.isArray(input.env)) call.env = { equals: input.env };
  else if (input.env) call.env = input.env;
  return Object.fromEntries(Object.entries(call).filter(([, value]) => value !== undefined)) as CallExpectation;
}

function buildText(input: TextInput): TextExpectation {
  return typeof input === 'string' ? { equals: input } : input;
}

/** Every `stdin: { file }` an expectation names, with its path in the scenario. */
export function stdinFiles(input: RunExpectInput | undefined, path: readonly PropertyKey[]): { path: PropertyKey[]; file: string }[] {
  return (input?.calls ?? []).flatMap((call, i) => {
    const stdin = call.stdin;
    return typeof stdin === 'object' && stdin.file !== undefined ? [{ path: [...path, 'calls', i, 'stdin', 'file'], file: stdin.file }] : [];
  });
}
