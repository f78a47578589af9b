import { isAbsolute, relative, resolve } from 'node:path';
import { VirthookError } from '../errors/virthook-error.js';
import { parseScenarioSource } from './parse-scenario-source.js';
import { resolveScenario } from './resolve-scenario.js';
import type { Scenario } from './scenario.js';
import { nodeScenarioFs, type ScenarioFs } from './scenario-fs.js';
import { validateScenario } from './validate-scenario.js';

/** Options of loadScenario. */
export interface LoadScenarioOptions {
  /** Overrides the scenario's `hooks:` (the CLI's --hooks); relative to `cwd`. */
  readonly hooksDir?: string;
  /** Base of relative paths given here, and of paths shown in messages. @default the process's cwd (via node:path) */
  readonly cwd?: string;
  /** @default node:fs/promises */
  readonly fs?: ScenarioFs;
}

/**
 * Reads, validates and resolves one scenario file (YAML or JSON). Throws VirthookError:
 * SCENARIO_NOT_FOUND, SCENARIO_INVALID (every problem with path, line and column),
 * HOOKS_DIR_NOT_FOUND, DEFINITION_NOT_FOUND, or the XML_* code of a bad definition.
 */
export async function loadScenario(file: string, options: LoadScenarioOptions = {}): Promise<Scenario> {
  const cwd = resolve(options.cwd ?? '.');
  const fs = options.fs ?? nodeScenarioFs;
  const absolute = resolve(cwd, file);
  // Paths under cwd are shown relative to it; others absolute rather than as ../../.. chains.
  const display = (path: string) => {
    const rel = relative(cwd, path);
    return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
  };
  const displayFile = display(absolute);
  let text: string;
  try {
    text = String(await fs.readFile(absolute, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'not found' : `cannot be read (${code ?? (error as Error).message})`;
    throw new VirthookError('SCENARIO_NOT_FOUND', `Scenario ${displayFile} ${why}`, { cause: error, problems: [{ file: displayFile, message: why }] });
  }
  const source = parseScenarioSource(text, displayFile);
  const input = validateScenario(source, displayFile);
  return resolveScenario(input, {
    file: absolute,
    displayFile,
    source,
    fs,
    display,
    ...(options.hooksDir !== undefined ? { hooksDir: resolve(cwd, options.hooksDir) } : {}),
  });
}
