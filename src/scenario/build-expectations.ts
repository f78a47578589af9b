import type { CommandsExpectation } from '../doubles/check-commands.js';
import type { CallExpectation, CallsExpectation, RunExpectation, StateExpectation, StepExpectation, TextExpectation } from '../assertions/expectation.js';
import type { CallInput, RunExpectInput, RunOverrideInput, StepExpectInput, StepOverrideInput, TextInput } from './expectation-schema.js';
import type { LibvirtOverride } from './scenario.js';
import type { StateInput } from './state-schema.js';

/** Reads a file a scenario names (`stdin: { file }`), by its path in the scenario; returns its text. */
export type ReferencedText = (path: readonly PropertyKey[]) => string;

/** Finds the line of a path in the scenario, for messages. */
export type LineOf = (path: readonly PropertyKey[]) => { line?: number };

type Path = readonly PropertyKey[];

/**
 * A step's `expect:` as the assertion engine takes it. A step that says nothing about its outcome
 * (no ok, vetoed or error) must succeed: scenarios fail when a hook change breaks a host.
 */
export function buildStepExpectation(input: StepExpectInput | undefined, path: Path, read: ReferencedText): StepExpectation {
  const outcome = input?.ok === undefined && input?.vetoed === undefined && input?.error === undefined ? { ok: true } : {};
  return { ...outcome, ...(input ? buildStepFields(input, path, read) : {}) };
}

/** A step's `expect.per-libvirt`, each range's expectations built without the success default. */
export function buildStepOverrides(input: StepExpectInput | undefined, path: Path, read: ReferencedText, lineOf: LineOf): LibvirtOverride<StepExpectation>[] {
  return Object.entries(input?.['per-libvirt'] ?? {}).map(([range, override]: [string, StepOverrideInput]) => ({
    range,
    expect: buildStepFields(override, [...path, 'per-libvirt', range], read),
    ...lineOf([...path, 'per-libvirt', range]),
  }));
}

function buildStepFields(input: StepOverrideInput, path: Path, read: ReferencedText): StepExpectation {
  return {
    ...(input.ok !== undefined ? { ok: input.ok } : {}),
    ...(input.vetoed !== undefined ? { vetoed: input.vetoed } : {}),
    ...(input.error !== undefined ? { error: buildText(input.error) } : {}),
    ...(input.output !== undefined ? { output: buildText(input.output) } : {}),
    ...buildCalls(input, path, read),
    ...(input.state ? { state: buildState(input.state) } : {}),
    ...(input.commands ? { commands: buildCommands(input.commands) } : {}),
  };
}

/** A list means mode contains; `{ mode, calls }` names the mode. */
function buildCommands(input: NonNullable<StepOverrideInput['commands']>): CommandsExpectation {
  return Array.isArray(input) ? { mode: 'contains', calls: input } : { mode: input.mode ?? 'contains', calls: input.calls };
}

/** The scenario-level `expect:` (calls and end state; the snapshot is resolved apart). */
export function buildRunExpectation(input: RunExpectInput | undefined, read: ReferencedText): RunExpectation {
  return input ? buildRunFields(input, ['expect'], read) : {};
}

/** The scenario-level `expect.per-libvirt`. */
export function buildRunOverrides(input: RunExpectInput | undefined, read: ReferencedText, lineOf: LineOf): LibvirtOverride<RunExpectation>[] {
  return Object.entries(input?.['per-libvirt'] ?? {}).map(([range, override]: [string, RunOverrideInput]) => ({
    range,
    expect: buildRunFields(override, ['expect', 'per-libvirt', range], read),
    ...lineOf(['expect', 'per-libvirt', range]),
  }));
}

function buildRunFields(input: RunOverrideInput, path: Path, read: ReferencedText): RunExpectation {
  return { ...buildCalls(input, path, read), ...(input.state ? { state: buildState(input.state) } : {}), ...(input.commands ? { commands: buildCommands(input.commands) } : {}) };
}

function buildCalls(input: Pick<RunOverrideInput, 'calls' | 'mode'>, path: Path, read: ReferencedText): { calls?: CallsExpectation } {
  if (!input.calls) return {};
  return { calls: { mode: input.mode ?? 'exact', calls: input.calls.map((call, i) => buildCall(call, [...path, 'calls', i], read)) } };
}

function buildCall(input: CallInput, path: Path, read: ReferencedText): CallExpectation {
  const [object, op, subop, extra] = input.argv ?? [input.object, input.op, input.subop, input.extra];
  const call: Record<string, unknown> = { hook: input.hook, object, op, subop, extra, exitCode: input.exitCode };
  if (typeof input.stdin === 'string') call.stdin = { equals: input.stdin };
  else if (input.stdin) {
    const { file, ...rest } = input.stdin;
    call.stdin = file === undefined ? rest : { ...rest, equals: read([...path, 'stdin', 'file']), equalsFile: file };
  }
  if (Array.isArray(input.env)) call.env = { equals: input.env };
  else if (input.env) call.env = input.env;
  return withoutUndefined(call) as CallExpectation;
}

function buildState(input: StateInput): StateExpectation {
  const clean = <T extends object>(map: Record<string, T> | undefined) =>
    map ? Object.fromEntries(Object.entries(map).map(([name, facts]) => [name, withoutUndefined(facts as Record<string, unknown>)])) : undefined;
  return withoutUndefined({ networks: clean(input.networks), guests: clean(input.guests), bridges: input.bridges }) as StateExpectation;
}

function buildText(input: TextInput): TextExpectation {
  return typeof input === 'string' ? { equals: input } : input;
}

const withoutUndefined = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));

/** Every `stdin: { file }` an expectation names (its per-libvirt ranges included), with its path in the scenario. */
export function stdinFiles(input: StepExpectInput | RunExpectInput | undefined, path: Path): { path: PropertyKey[]; file: string }[] {
  const own = (calls: readonly CallInput[] | undefined, base: Path) =>
    (calls ?? []).flatMap((call, i) => {
      const stdin = call.stdin;
      return typeof stdin === 'object' && stdin.file !== undefined ? [{ path: [...base, 'calls', i, 'stdin', 'file'], file: stdin.file }] : [];
    });
  const overrides = Object.entries(input?.['per-libvirt'] ?? {}).flatMap(([range, o]) => own((o as { calls?: CallInput[] }).calls, [...path, 'per-libvirt', range]));
  return [...own(input?.calls, path), ...overrides];
}
