import { resolve } from 'node:path';
import { VirthookError, type Problem } from '../errors/virthook-error.js';
import { formatPath } from './format-path.js';
import type { ScenarioFs } from './scenario-fs.js';
import type { ScenarioSource } from './parse-scenario-source.js';

/** A file a scenario names, with the field that names it. */
export interface FileReference {
  readonly path: readonly PropertyKey[];
  /** As written, relative to the scenario's directory. */
  readonly file: string;
}

/**
 * Reads every file a scenario names (definitions, expected stdin). Throws DEFINITION_NOT_FOUND
 * naming each missing file and the field that names it, all at once.
 */
export async function readReferencedFiles(
  references: readonly FileReference[],
  context: { readonly dir: string; readonly displayFile: string; readonly source: ScenarioSource; readonly fs: ScenarioFs },
): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  const problems: Problem[] = [];
  await Promise.all(
    references.map(async (ref) => {
      const absolute = resolve(context.dir, ref.file);
      try {
        texts.set(formatPath(ref.path), String(await context.fs.readFile(absolute, 'utf8')));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? (error as Error).message})`;
        problems.push({
          file: context.displayFile,
          ...context.source.locate(ref.path),
          path: formatPath(ref.path),
          message: `file ${ref.file} ${why} (looked for ${absolute})`,
        });
      }
    }),
  );
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new VirthookError('DEFINITION_NOT_FOUND', `Scenario ${context.displayFile}: ${first.path}: ${first.message}${more}`, { problems });
  }
  return texts;
}
