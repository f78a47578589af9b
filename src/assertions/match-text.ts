import type { TextExpectation } from './expectation.js';

/** virsh ends every message with a newline the recording drops; a YAML block scalar keeps one. */
const withoutFinalNewline = (text: string) => text.replace(/\r?\n$/, '');

/** True when `actual` satisfies the expectation (exact, substring or regular expression). */
export function matchText(actual: string, expected: TextExpectation): boolean {
  if ('equals' in expected) return withoutFinalNewline(actual) === withoutFinalNewline(expected.equals);
  if ('contains' in expected) return actual.includes(expected.contains);
  return new RegExp(expected.matches, 'u').test(actual);
}

/** The expectation as a person would read it in a failure (`contains "veto"`). */
export function describeText(expected: TextExpectation): string {
  if ('equals' in expected) return withoutFinalNewline(expected.equals);
  if ('contains' in expected) return `text containing ${JSON.stringify(expected.contains)}`;
  return `text matching /${expected.matches}/`;
}

/** The error a regular expression would raise, or null when it compiles (checked at load time). */
export function regexSyntaxError(source: string): string | null {
  try {
    new RegExp(source, 'u');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
