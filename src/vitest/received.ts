import { recordInvocation } from '../harness/record-invocation.js';
import type { StepOutcomeLike } from '../assertions/check-step.js';
import type { TranscriptInput, TranscriptStep } from '../assertions/format-transcript.js';
import type { HookCall } from '../model/hook-call.js';
import type { RecordedInvocation } from '../model/recording.js';
import type { ScriptRun } from '../runner/run-script.js';

/** A Session or a scenario's ProfileRun: steps and the recording of every script run. */
export interface RunLike {
  readonly steps: readonly TranscriptStep[];
  readonly recording: { readonly invocations: readonly RecordedInvocation[] };
}

/** A Session's step (SessionStep): its outcome and the calls it made. */
export interface StepLike extends StepOutcomeLike {
  readonly calls: readonly { readonly call: HookCall; readonly scripts: readonly ScriptRun[] }[];
}

/** What toHaveRunHook and toHaveRunHooksInOrder read: a Session, a SessionStep, a ProfileRun or a Recording. */
export type HookRunSource = RunLike | StepLike | { readonly invocations: readonly RecordedInvocation[] };

/** What toHaveStdinMatching reads: any of those, or one recorded script run. */
export type StdinSource = HookRunSource | RecordedInvocation;

/** What toMatchTranscriptSnapshot reads: a Session, a ProfileRun, or steps with their invocations. */
export type TranscriptSource = RunLike | TranscriptInput;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A SessionStep's script runs as the recording keeps them (stdin as text, filter chains included). */
function stepInvocations(step: StepLike): RecordedInvocation[] {
  return step.calls.flatMap(({ call, scripts }) =>
    scripts.map((script) => recordInvocation(script, call, 0)),
  );
}

/** The script runs of whatever was received, or null when it holds none (a misuse the matcher reports). */
export function invocationsOf(received: unknown): readonly RecordedInvocation[] | null {
  if (!isObject(received)) return null;
  if (isObject(received.recording) && Array.isArray(received.recording.invocations)) return received.recording.invocations as RecordedInvocation[];
  if (Array.isArray(received.invocations)) return received.invocations as RecordedInvocation[];
  if (Array.isArray(received.calls) && typeof received.ok === 'boolean') return stepInvocations(received as unknown as StepLike);
  if (typeof received.hook === 'string' && Array.isArray(received.argv) && typeof received.stdin === 'string') return [received as unknown as RecordedInvocation];
  return null;
}

/** A step's outcome, or null when `received` is not a step. */
export function stepOf(received: unknown): StepOutcomeLike | null {
  return isObject(received) && typeof received.ok === 'boolean' && typeof received.vetoed === 'boolean' ? (received as unknown as StepOutcomeLike) : null;
}

/** Steps and invocations to transcribe, or null. */
export function transcriptInputOf(received: unknown): TranscriptInput | null {
  if (!isObject(received) || !Array.isArray(received.steps)) return null;
  // A Recording's steps lack virsh's output: it cannot be transcribed.
  if (!received.steps.every((step) => isObject(step) && typeof step.output === 'string' && typeof step.vetoed === 'boolean')) return null;
  const invocations = invocationsOf(received);
  return invocations ? { steps: received.steps as TranscriptStep[], invocations } : null;
}

/** How a matcher names what it received, in its misuse message. */
export const describeReceived = (received: unknown) => (received === null ? 'null' : Array.isArray(received) ? 'an array' : typeof received === 'object' ? 'an object of another shape' : typeof received);
