import type { z } from 'zod';
import type { Problem } from '../errors/virthook-error.js';
import { didYouMean } from './did-you-mean.js';
import { formatPath } from './format-path.js';
import type { ScenarioSource } from './parse-scenario-source.js';
import { schemaKeysAt, unionOptionsAt } from './schema-keys-at.js';
import { STEP_VERBS, stepSchema } from './step-schema.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** A problem plus what it says about keys, so a "missing X" explained by "unknown Y, did you mean X?" can go. */
interface Explained extends Problem {
  readonly missing?: string;
  readonly suggested?: string;
}

interface Context {
  readonly file: string;
  readonly source: ScenarioSource;
}

/**
 * Turns zod's issues into problems people can act on: every problem with its path and line,
 * unknown keys and values with a did-you-mean, and unions (steps, `net-autostart`, text
 * matchers) explained by the branch the user evidently meant instead of "Invalid input".
 */
export function explainIssues(issues: readonly Issue[], root: z.ZodType, context: Context): Problem[] {
  const explained = issues.flatMap((issue) => explain(issue, [], root, context));
  return withoutExplainedMissing(explained)
    .map(({ missing: _m, suggested: _s, ...problem }) => problem)
    .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

function explain(issue: Issue, base: Path, schema: z.ZodType, context: Context): Explained[] {
  const path = [...base, ...issue.path];
  const at = (where: Path, message: string, extra: Partial<Explained> = {}, key = false): Explained => ({
    file: context.file,
    ...context.source.locate(where, { key }),
    path: formatPath(where),
    message,
    ...extra,
  });
  const value = valueAt(context.source.data, path);
  switch (issue.code) {
    case 'invalid_union':
      return explainUnion(issue, base, schema, context);
    case 'unrecognized_keys': {
      const known = schemaKeysAt(schema, issue.path);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, known);
        const hint = suggestion ? `; did you mean "${suggestion}"?` : ` (expected ${known.map((k) => `"${k}"`).join(', ')})`;
        return at([...path, key], `unknown field "${key}"${hint}`, suggestion ? { suggested: formatPath([...path, suggestion]) } : {}, true);
      });
    }
    case 'invalid_value': {
      const allowed = issue.values.map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : null;
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '';
      return [at(path, `${describeValue(value)} is not allowed here; expected one of ${allowed.map((v) => `"${v}"`).join(', ')}${hint}`)];
    }
    case 'invalid_type': {
      if (value === undefined) return [at(path, `missing required field "${String(path.at(-1))}"`, { missing: formatPath(path) })];
      const generic = issue.message.startsWith('Invalid input');
      return [at(path, generic ? `expected ${typeName(issue.expected)}, got ${describeValue(value)}` : issue.message)];
    }
    case 'too_small':
      return [at(path, Number(issue.minimum) === 1 && issue.origin !== 'number' ? 'must not be empty' : issue.message)];
    default:
      return [at(path, issue.message)];
  }
}

function explainUnion(issue: Extract<Issue, { code: 'invalid_union' }>, base: Path, schema: z.ZodType, context: Context): Explained[] {
  const path = [...base, ...issue.path];
  const options = unionOptionsAt(schema, issue.path);
  if (options.length > 0 && options.length === issue.errors.length && unionOptionsAt(stepSchema, []).every((o, i) => o === options[i])) {
    return explainStep(issue, path, options, context);
  }
  const value = valueAt(context.source.data, path);
  const candidates = issue.errors
    .map((branch, i) => ({ branch, schema: options[i] }))
    .filter(({ branch }) => !branch.some((sub) => sub.code === 'invalid_type' && sub.path.length === 0));
  if (candidates.length === 0 || candidates.some(({ schema: s }) => s === undefined)) {
    const rootIssues = issue.errors.flatMap((branch) => branch.filter((s) => s.code === 'invalid_type' && s.path.length === 0));
    const custom = rootIssues.find((s) => !s.message.startsWith('Invalid input'));
    if (custom) return [problemAt(context, path, custom.message)];
    const types = [...new Set(rootIssues.map((s) => typeName((s as { expected: string }).expected)))];
    return [problemAt(context, path, `expected ${types.join(' or ')}, got ${describeValue(value)}`)];
  }
  const explained = candidates.map(({ branch, schema: s }) => withoutExplainedMissing(branch.flatMap((sub) => explain(sub, path, s!, context))));
  return explained.reduce((best, next) => (next.length < best.length ? next : best));
}

function explainStep(issue: Extract<Issue, { code: 'invalid_union' }>, path: Path, options: z.ZodType[], context: Context): Explained[] {
  const value = valueAt(context.source.data, path);
  const verbs = STEP_VERBS as readonly string[];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const [word = '', ...rest] = typeof value === 'string' ? value.trim().split(/\s+/u) : [];
    const verb = verbs.includes(word) ? word : didYouMean(word, verbs);
    const example = verb ? `"- ${verb}: ${rest.join(' ') || 'NAME'}"` : '"- net-start: NAME"';
    return [problemAt(context, path, `a step is a mapping with one virsh verb, e.g. ${example}; got ${describeValue(value)}`)];
  }
  const keys = Object.keys(value);
  const present = keys.filter((key) => verbs.includes(key));
  if (present.length > 1) return [problemAt(context, path, `a step has one verb; found ${present.join(' and ')}: split it into several steps`)];
  if (present.length === 1) {
    const index = verbs.indexOf(present[0]!);
    return issue.errors[index]!.flatMap((sub) => explain(sub, path, options[index]!, context));
  }
  // A step's other fields (expect, doubles, timeout): a typo of one of them is not a verb.
  const fields = schemaKeysAt(options[0]!, []).filter((key) => !verbs.includes(key));
  const needsVerb = problemAt(context, path, `a step needs a verb: one of ${verbs.join(', ')}`);
  const unknown = keys.filter((key) => !fields.includes(key));
  if (unknown.length === 0) return [needsVerb];
  const problems = unknown.map((key) => {
    const field = didYouMean(key, fields);
    if (field) return problemAt(context, [...path, key], `unknown field "${key}"; did you mean "${field}"?`, true);
    const suggestion = didYouMean(key, verbs);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : ` (a step is one of ${verbs.join(', ')})`;
    return problemAt(context, [...path, key], `unknown step "${key}"${hint}`, true);
  });
  // Every unknown key was a misspelled field: the verb itself is missing too.
  return unknown.every((key) => didYouMean(key, fields)) ? [needsVerb, ...problems] : problems;
}

function problemAt(context: Context, path: Path, message: string, key = false): Explained {
  return { file: context.file, ...context.source.locate(path, { key }), path: formatPath(path), message };
}

function withoutExplainedMissing(problems: readonly Explained[]): Explained[] {
  const suggested = new Set(problems.flatMap((p) => (p.suggested ? [p.suggested] : [])));
  return problems.filter((p) => !(p.missing && suggested.has(p.missing)));
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

function typeName(expected: string): string {
  const names: Record<string, string> = { string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', tuple: 'a list', object: 'a mapping', record: 'a mapping', null: 'null' };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return String(value);
}
