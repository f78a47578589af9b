import { parseByteSize } from './byte-size.js';
import { basename, dirname, extname, resolve } from 'node:path';
import { VirthookError, type Problem } from '../errors/virthook-error.js';
import { isUnder, type StatusFiles } from '../status/status-files.js';
import { RUNTIME_DIR } from '../status/status-paths.js';
import type { DaemonMode } from '../simulator/simulator-state.js';
import { parseDomainXml } from '../xml/parse-domain.js';
import { parseInterfaceXml } from '../xml/parse-domain-interface.js';
import { parseNetworkXml } from '../xml/parse-network.js';
import { parseNetworkPortRequestXml } from '../xml/parse-network-port.js';
import { buildCommand, INLINE_DEFINITION, isInlineXml, stepDefinition, stepVerb, type StepDefinition } from './build-command.js';
import { doublesSection } from './doubles-section.js';
import { buildRunExpectation, buildRunOverrides, buildStepExpectation, buildStepOverrides, stdinFiles } from './build-expectations.js';
import { checkHookFiles, type HooksField } from './check-hook-files.js';
import { checkStateFiles } from './check-state-files.js';
import { formatPath } from './format-path.js';
import type { ScenarioSource } from './parse-scenario-source.js';
import { readStateFiles } from './read-state-files.js';
import { readReferencedFiles, type FileReference } from './read-referenced-files.js';
import { DEFAULT_LIBVIRT, type Scenario, type ScenarioStep, type SnapshotReference } from './scenario.js';
import type { ScenarioFs } from './scenario-fs.js';
import type { ScenarioInput } from './scenario-schema.js';
import { snapshotPath } from './snapshot-file.js';

/** Where a validated scenario came from, and how to show paths. */
export interface ResolveContext {
  /** The scenario file, absolute. */
  readonly file: string;
  readonly displayFile: string;
  readonly source: ScenarioSource;
  readonly fs: ScenarioFs;
  /** Shows an absolute path the way messages should (relative to the caller's cwd). */
  readonly display: (absolute: string) => string;
  /** A hooks directory that overrides the scenario's (`--hooks`), absolute. */
  readonly hooksDir?: string;
}

/** A definition to parse: from `networks:`, `domains:` or a step that carries XML. */
interface Definition {
  readonly kind: StepDefinition['kind'];
  readonly path: readonly PropertyKey[];
  readonly value: string;
  /** XML virthook wrote itself (attach-interface's arguments): never a file. */
  readonly built?: boolean;
}

// One parser per kind of definition; each throws VirthookError naming the file and line.
const PARSERS: Record<StepDefinition['kind'], (text: string, file: string) => unknown> = {
  network: parseNetworkXml,
  domain: parseDomainXml,
  port: parseNetworkPortRequestXml,
  interface: parseInterfaceXml,
};

/**
 * Turns validated scenario data into a runnable Scenario: checks the hooks directory, reads and
 * parses every definition and expected-stdin file, and applies the defaults.
 */
export async function resolveScenario(input: ScenarioInput, context: ResolveContext): Promise<Scenario> {
  const dir = dirname(context.file);
  const hooksDir = await checkHooksDir(input, context, dir);
  const hooksField = hooksFieldOf(context);

  const definitions: Definition[] = [
    ...(input.networks ?? []).map((value, i): Definition => ({ kind: 'network', path: ['networks', i], value })),
    ...(input.domains ?? []).map((value, i): Definition => ({ kind: 'domain', path: ['domains', i], value })),
    ...input.steps.flatMap((step, i): Definition[] => {
      const found = stepDefinition(step);
      if (!found) return [];
      const built = found.kind === 'interface' && found.at.length === 0;
      return [{ kind: found.kind, path: ['steps', i, stepVerb(step), ...found.at], value: found.value, built }];
    }),
  ];
  const references: FileReference[] = [
    ...definitions.filter((d) => !d.built && !isInlineXml(d.value)).map((d) => ({ path: d.path, file: d.value })),
    ...input.steps.flatMap((step, i) => stdinFiles(step.expect, ['steps', i, 'expect'])),
    ...stdinFiles(input.expect, ['expect']),
  ];
  const texts = await readReferencedFiles(references, { dir, displayFile: context.displayFile, source: context.source, fs: context.fs });
  const defs = parseDefinitions(definitions, texts, context, dir);
  const snapshot = await readSnapshot(input, context);
  const read = (path: readonly PropertyKey[]) => texts.get(formatPath(path))!;
  const lines = (path: readonly PropertyKey[]) => lineOf(context.source, path);

  const networkSteps = (input.networks ?? []).map((value, i): ScenarioStep => ({
    command: { verb: 'net-define', def: defs.get(formatPath(['networks', i])) as never, file: isInlineXml(value) ? INLINE_DEFINITION : value },
    path: `networks[${i}]`,
    ...lineOf(context.source, ['networks', i]),
    expect: { ok: true },
  }));
  const domainSteps = (input.domains ?? []).map((value, i): ScenarioStep => ({
    command: { verb: 'define', def: defs.get(formatPath(['domains', i])) as never, file: isInlineXml(value) ? INLINE_DEFINITION : value },
    path: `domains[${i}]`,
    ...lineOf(context.source, ['domains', i]),
    expect: { ok: true },
  }));
  const steps = input.steps.map((step, i): ScenarioStep => {
    const verb = stepVerb(step);
    const found = stepDefinition(step);
    const doubles = doublesSection(step);
    return {
      command: buildCommand(step, found ? defs.get(formatPath(['steps', i, verb, ...found.at])) : null),
      path: `steps[${i}]`,
      ...lineOf(context.source, ['steps', i]),
      expect: buildStepExpectation(step.expect, ['steps', i, 'expect'], read),
      perLibvirt: buildStepOverrides(step.expect, ['steps', i, 'expect'], read, lines),
      ...(Object.keys(doubles).length > 0 ? { doubles } : {}),
      ...(step.timeout !== undefined ? { timeoutMs: Math.round(step.timeout * 1000) } : {}),
      ...(step['max-output'] !== undefined ? { maxOutputBytes: parseByteSize(step['max-output'])! } : {}),
    };
  });
  const changes = steps.flatMap(({ command }) => (command.verb === 'hook-file' ? [command.change] : []));
  await checkHookFiles(hooksDir, { displayFile: context.displayFile, display: context.display, field: hooksField, changes, fs: context.fs });
  const versions = input.libvirt === undefined ? [DEFAULT_LIBVIRT] : typeof input.libvirt === 'string' ? [input.libvirt] : input.libvirt;
  // `daemon: modular` is shorthand for `daemon: { mode: modular }`.
  const daemon = typeof input.daemon === 'string' ? { mode: input.daemon } : (input.daemon ?? {});
  return {
    name: input.name ?? basename(context.file, extname(context.file)),
    description: input.description ?? null,
    file: context.file,
    displayFile: context.displayFile,
    hooksDir,
    hooksField,
    libvirt: [...new Set(versions.map((v) => v.trim()))],
    seed: input.seed === undefined ? null : String(input.seed),
    daemonEnv: daemon.env ? Object.entries(daemon.env) : null,
    daemonCwd: daemon.cwd ?? null,
    timeoutMs: input.timeout === undefined ? null : Math.round(input.timeout * 1000),
    maxOutputBytes: input['max-output'] === undefined ? null : parseByteSize(input['max-output']),
    daemonMode: daemon.mode ?? 'monolithic',
    freshBoot: input.boot === 'fresh',
    statusFiles: input['state-files'] ? await stateFiles(input, context, resolve(dir, input['state-files']), versions, daemon.mode ?? 'monolithic') : null,
    doubles: doublesSection(input),
    steps: [...networkSteps, ...domainSteps, ...steps],
    expect: { ...buildRunExpectation(input.expect, read), ...lineOf(context.source, ['expect']), perLibvirt: buildRunOverrides(input.expect, read, lines) },
    snapshot,
    files: [...new Set([...references.map((ref) => resolve(dir, ref.file)), ...(snapshot ? [snapshot.file] : [])])],
  };
}

/** `expect.snapshot`: the file, read when it exists (a first run has none yet). */
async function readSnapshot(input: ScenarioInput, context: ResolveContext): Promise<SnapshotReference | null> {
  const value = input.expect?.snapshot;
  if (value === undefined) return null;
  const file = snapshotPath(context.file, value);
  const text = await context.fs.readFile(file, 'utf8').then(String, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw new VirthookError('DEFINITION_NOT_FOUND', `Scenario ${context.displayFile}: expect.snapshot: ${context.display(file)} cannot be read (${error.code ?? error.message})`, {
      cause: error,
      problems: [{ file: context.displayFile, ...context.source.locate(['expect', 'snapshot']), path: 'expect.snapshot', message: `cannot read ${context.display(file)}` }],
    });
  });
  return { file, displayFile: context.display(file), text, ...lineOf(context.source, ['expect', 'snapshot']) };
}

/** `state-files:` read, then checked as the daemon of each release would load them. */
async function stateFiles(input: ScenarioInput, context: ResolveContext, root: string, versions: readonly string[], mode: DaemonMode): Promise<StatusFiles> {
  const files = freshBootFiles(input, context, await readStateFiles(root, context));
  checkStateFiles(files, versions, mode, { displayFile: context.displayFile, source: context.source, display: context.display, root });
  return files;
}

/** `boot: fresh` means /run/libvirt is empty (a tmpfs after boot): state-files may only bring /etc. */
function freshBootFiles(input: ScenarioInput, context: ResolveContext, files: StatusFiles): StatusFiles {
  const runtime = [...files.keys()].filter((path) => isUnder(path, RUNTIME_DIR));
  if (input.boot !== 'fresh' || runtime.length === 0) return files;
  const message = `boot: fresh starts with an empty ${RUNTIME_DIR} (a boot empties it), but state-files holds ${runtime.slice(0, 3).join(', ')}${runtime.length > 3 ? ` and ${runtime.length - 3} more` : ''}: remove them, or drop boot: fresh to start from a running daemon`;
  throw new VirthookError('SCENARIO_INVALID', `Scenario ${context.displayFile}: ${message}`, {
    problems: [{ file: context.displayFile, ...context.source.locate(['boot']), path: 'boot', message }],
  });
}

async function checkHooksDir(input: ScenarioInput, context: ResolveContext, dir: string): Promise<string> {
  const given = context.hooksDir ?? (input.hooks === undefined ? undefined : resolve(dir, input.hooks));
  if (given === undefined) {
    const problem: Problem = { file: context.displayFile, line: 1, column: 1, path: 'hooks', message: 'no hooks directory: add "hooks: DIR" (relative to the scenario) or pass --hooks DIR' };
    throw new VirthookError('SCENARIO_INVALID', `Scenario ${context.displayFile} names no hooks directory`, { problems: [problem] });
  }
  const kind = await context.fs.stat(given).then((s) => (s.isDirectory() ? 'directory' : 'file'), () => 'missing');
  if (kind === 'directory') return given;
  const fromFlag = context.hooksDir !== undefined;
  const field = fromFlag ? '--hooks' : 'hooks';
  const what = fromFlag ? context.display(given) : `${input.hooks} (looked for ${context.display(given)})`;
  const why = kind === 'file' ? 'is a file, not a directory' : 'not found';
  const problem: Problem = {
    file: context.displayFile,
    ...(fromFlag ? {} : context.source.locate(['hooks'])),
    path: field,
    message: `hooks directory ${what} ${why}`,
  };
  throw new VirthookError(
    'HOOKS_DIR_NOT_FOUND',
    `Scenario ${context.displayFile}: ${field}: hooks directory ${what} ${why}. Point it at a directory laid out like /etc/libvirt/hooks.`,
    { problems: [problem] },
  );
}

/** Where the hooks directory was named, for messages about its files. */
function hooksFieldOf(context: ResolveContext): HooksField {
  if (context.hooksDir !== undefined) return { name: '--hooks' };
  const at = context.source.locate(['hooks']);
  return { name: 'hooks', ...(at ? { line: at.line, column: at.column } : {}) };
}

/** Parses every definition, collecting the problems of all of them before throwing. */
function parseDefinitions(definitions: readonly Definition[], texts: ReadonlyMap<string, string>, context: ResolveContext, dir: string): Map<string, unknown> {
  const defs = new Map<string, unknown>();
  const errors: { error: VirthookError; field: string }[] = [];
  for (const definition of definitions) {
    const field = formatPath(definition.path);
    const inline = definition.built === true || isInlineXml(definition.value);
    try {
      const text = inline ? definition.value : texts.get(field)!;
      const file = inline ? `${field} (inline XML)` : context.display(resolve(dir, definition.value));
      defs.set(field, PARSERS[definition.kind](text, file));
    } catch (error) {
      if (!(error instanceof VirthookError)) throw error;
      errors.push({ error: inline ? shiftToScenario(error, context, definition.path, field) : error, field });
    }
  }
  if (errors.length === 0) return defs;
  const [first] = errors;
  const problems = errors.flatMap(({ error }) => error.problems);
  throw new VirthookError(first!.error.code, `Scenario ${context.displayFile}: ${first!.field}: ${first!.error.message}`, { cause: first!.error, problems });
}

/** An inline definition's problems point into the scenario file, at the XML's own line. */
function shiftToScenario(error: VirthookError, context: ResolveContext, path: readonly PropertyKey[], field: string): VirthookError {
  const at = context.source.locate(path);
  const firstLine = at ? at.line + (at.block ? 1 : 0) : undefined;
  const problems = error.problems.map((p): Problem => {
    const { column: _column, ...rest } = p;
    return { ...rest, file: context.displayFile, path: field, ...(firstLine !== undefined && p.line !== undefined ? { line: firstLine + p.line - 1 } : {}) };
  });
  return new VirthookError(error.code, error.message, { cause: error, problems });
}

function lineOf(source: ScenarioSource, path: readonly PropertyKey[]): { line?: number } {
  const at = source.locate(path);
  return at ? { line: at.line } : {};
}
