import { expect } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';

/**
 * The contract for bad input: a VirthookError (never another exception type, never INTERNAL)
 * whose message names one of `files`, with at least one problem, every problem naming a file and
 * a line or a path inside it.
 */
export function expectLocatedError(error: unknown, files: readonly string[]): void {
  if (!(error instanceof VirthookError)) {
    throw new Error(`expected a VirthookError, got ${error instanceof Error ? `${error.constructor.name}: ${error.message}\n${error.stack}` : String(error)}`);
  }
  expect(error.code).not.toBe('INTERNAL');
  expect(files.some((file) => error.message.includes(file)), `message names the file: ${error.message.slice(0, 300)}`).toBe(true);
  expect(error.problems.length, `problems of: ${error.message.slice(0, 300)}`).toBeGreaterThan(0);
  for (const problem of error.problems) {
    expect(problem.file, JSON.stringify(problem).slice(0, 300)).toMatch(/\S/);
    expect(problem.line !== undefined || problem.path !== undefined, `problem has a line or a path: ${JSON.stringify(problem).slice(0, 300)}`).toBe(true);
    expect(problem.message, JSON.stringify(problem).slice(0, 300)).toMatch(/\S/);
  }
}
