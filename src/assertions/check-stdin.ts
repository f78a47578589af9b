import { checkXPath } from './evaluate-xpath.js';
import type { StdinExpectation } from './expectation.js';
import type { ExpectationFailure } from './expectation-failure.js';
import { lineDiff } from './line-diff.js';
import { prettyXml } from './pretty-xml.js';

/** Checks a hook's stdin: whole document (with an XML diff on mismatch), substring, XPath queries. */
export function checkStdin(stdin: string, expected: StdinExpectation): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  if (expected.equals !== undefined && stdin !== expected.equals) failures.push(documentMismatch(stdin, expected.equals, expected.equalsFile));
  if (expected.contains !== undefined && !stdin.includes(expected.contains)) {
    failures.push({ path: 'stdin.contains', message: `stdin does not contain ${JSON.stringify(expected.contains)}`, expected: expected.contains, actual: stdin });
  }
  for (const [query, value] of Object.entries(expected.xpath ?? {})) {
    const check = checkXPath(stdin, query, value);
    if (check.pass) continue;
    const shownExpected = typeof value === 'string' ? value : JSON.stringify(value);
    failures.push({
      path: `stdin.xpath[${JSON.stringify(query)}]`,
      message: check.error ?? `stdin: ${query} gave ${check.actual}, expected ${shownExpected}`,
      expected: shownExpected,
      actual: check.actual,
    });
  }
  return failures;
}

function documentMismatch(actual: string, expected: string, file: string | undefined): ExpectationFailure {
  const source = file ? ` (${file})` : '';
  const base = { path: 'stdin.equals', expected, actual };
  const prettyExpected = prettyXml(expected);
  const prettyActual = prettyXml(actual);
  if (prettyExpected !== null && prettyActual !== null && prettyExpected !== prettyActual) {
    return { ...base, message: `stdin differs from the expected document${source}`, diff: lineDiff(prettyExpected, prettyActual) };
  }
  const formatting = prettyExpected !== null && prettyExpected === prettyActual;
  return {
    ...base,
    message: formatting
      ? `stdin differs from the expected document${source} only in formatting (whitespace, quoting or a final newline)`
      : `stdin differs from the expected text${source}`,
    diff: lineDiff(expected, actual),
    ...(finalNewlineHint(expected, actual) ?? {}),
  };
}

function finalNewlineHint(expected: string, actual: string): { hint: string } | null {
  if (expected === `${actual}\n`) return { hint: 'The expected text ends with a newline and stdin does not (network hooks get no final newline): use `|-` in YAML or drop the newline from the file.' };
  if (actual === `${expected}\n`) return { hint: 'stdin ends with a newline the expected text lacks.' };
  return null;
}
