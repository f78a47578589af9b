import fc from 'fast-check';
import { stringify as toYaml } from 'yaml';
import { applyTextEdit, applyTypo, type TextEdit, textEdit, type Typo, typo } from './text-edit.js';

type Path = readonly (string | number)[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A structural edit of a scenario's data; `pick` chooses the place among the candidates. */
export type DataEdit =
  | { readonly kind: 'rename-key'; readonly pick: number; readonly typo: Typo }
  | { readonly kind: 'wrong-type'; readonly pick: number; readonly value: Json }
  | { readonly kind: 'delete'; readonly pick: number }
  | { readonly kind: 'add-key'; readonly pick: number; readonly key: string; readonly value: Json }
  | { readonly kind: 'deep'; readonly pick: number; readonly depth: number }
  | { readonly kind: 'huge'; readonly pick: number; readonly size: number; readonly char: string };

/** A malformed scenario file: a valid seed, structurally edited, written as YAML or JSON, then maybe blindly edited. */
export interface ScenarioMutation {
  readonly seed: number;
  readonly edits: readonly DataEdit[];
  readonly format: 'yaml' | 'json';
  readonly text: TextEdit | null;
}

const wrongValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(null, true, false, 0, -1, 1.5, 9.0, 1e308, '', ' ', '9.0', 'yes', [], {}, [null], { '': null }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const dataEdit: fc.Arbitrary<DataEdit> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('rename-key' as const), pick: fc.nat(), typo }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('wrong-type' as const), pick: fc.nat(), value: wrongValue }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('add-key' as const), pick: fc.nat(), key: fc.string({ maxLength: 12 }), value: wrongValue }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('deep' as const), pick: fc.nat(), depth: fc.integer({ min: 1, max: 1_200 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('huge' as const), pick: fc.nat(), size: fc.integer({ min: 1_000, max: 100_000 }), char: fc.constantFrom('x', 'é', '\u{1f600}', ' ', '\n') }), weight: 1 },
);

/** Mutations of the seeds `0..seeds-1`. */
export function scenarioMutation(seeds: number): fc.Arbitrary<ScenarioMutation> {
  return fc.record({
    seed: fc.nat({ max: seeds - 1 }),
    edits: fc.array(dataEdit, { minLength: 1, maxLength: 3 }),
    format: fc.constantFrom('yaml' as const, 'json' as const),
    text: fc.option(textEdit, { freq: 2 }),
  });
}

/** Every path to a value inside `data` (not the root), depth first. */
function paths(data: Json, prefix: Path = []): Path[] {
  const entries: [string | number, Json][] = Array.isArray(data) ? data.map((v, i) => [i, v]) : data !== null && typeof data === 'object' ? Object.entries(data) : [];
  return entries.flatMap(([key, value]) => [[...prefix, key], ...paths(value, [...prefix, key])]);
}

function parentOf(data: Json, path: Path): Json {
  return path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key]!, data);
}

const DEEP = (depth: number) => `__DEEP_${depth}__`;

function applyDataEdit(data: Json, edit: DataEdit): void {
  const candidates = paths(data);
  const keyed = candidates.filter((p) => typeof p[p.length - 1] === 'string');
  const pool = edit.kind === 'rename-key' || edit.kind === 'add-key' ? keyed : candidates;
  if (pool.length === 0) return;
  const path = pool[edit.pick % pool.length]!;
  const parent = parentOf(data, path) as Record<string | number, Json> & Json[];
  const key = path[path.length - 1]!;
  switch (edit.kind) {
    case 'rename-key': {
      const value = parent[key]!;
      delete parent[key];
      parent[applyTypo(String(key), edit.typo)] = value;
      break;
    }
    case 'wrong-type':
      parent[key] = edit.value;
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key];
      break;
    case 'add-key':
      parent[edit.key] = edit.value;
      break;
    case 'deep':
      parent[key] = DEEP(edit.depth);
      break;
    case 'huge':
      parent[key] = edit.char.repeat(edit.size);
      break;
  }
}

/** The text of the mutated scenario file. */
export function renderMutation(seeds: readonly Json[], mutation: ScenarioMutation): string {
  const data = structuredClone(seeds[mutation.seed]!);
  for (const edit of mutation.edits) applyDataEdit(data, edit);
  const text = (mutation.format === 'json' ? JSON.stringify(data, null, 2) : toYaml(data, { lineWidth: 0 }))
    // A flow sequence nested `depth` times is valid YAML and JSON alike.
    .replace(/"?__DEEP_(\d+)__"?/g, (_, depth: string) => `${'['.repeat(Number(depth))}${']'.repeat(Number(depth))}`);
  return mutation.text === null ? text : applyTextEdit(text, mutation.text);
}

export type { Json };
