import { type Problem, VirthookError, type VirthookErrorCode } from '../errors/virthook-error.js';

/** A job's error as plain data: structured clone keeps an Error's message but drops `code` and `problems`. */
export interface JobErrorData {
  /** The thrown error's class name (`VirthookError`, `TypeError` ...). */
  readonly name: string;
  readonly code: VirthookErrorCode;
  readonly message: string;
  readonly problems: readonly Problem[];
  readonly stack: string | null;
}

/** Turns whatever a job threw into data; anything but a VirthookError is a virthook bug (INTERNAL). */
export function encodeJobError(error: unknown): JobErrorData {
  if (error instanceof VirthookError) {
    return { name: error.name, code: error.code, message: error.message, problems: error.problems.map((p) => ({ ...p })), stack: error.stack ?? null };
  }
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  return { name, code: 'INTERNAL', message: `${name}: ${message}`, problems: [], stack: error instanceof Error ? (error.stack ?? null) : null };
}

/** Rebuilds a VirthookError on this side; its stack is the one thrown in the worker. */
export function decodeJobError(data: JobErrorData): VirthookError {
  const error = new VirthookError(data.code, data.message, { problems: data.problems });
  if (data.stack !== null) error.stack = data.stack;
  return error;
}
