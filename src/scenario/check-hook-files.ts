import { join } from 'node:path';
import { VirthookError, type Problem } from '../errors/virthook-error.js';
import { HOOK_DRIVERS } from '../model/hook-driver.js';
import type { HookFileChange } from '../simulator/command.js';
import { didYouMean } from './did-you-mean.js';
import type { ScenarioFs } from './scenario-fs.js';

/** The field that named a scenario's hooks directory: its `hooks:` (and where that sits) or the CLI's `--hooks`. */
export interface HooksField {
  readonly name: 'hooks' | '--hooks';
  readonly line?: number;
  readonly column?: number;
}

/** What checkHookFiles needs besides the directory. */
export interface HookFilesContext {
  readonly displayFile: string;
  /** Shows an absolute path the way messages should. */
  readonly display: (absolute: string) => string;
  readonly field: HooksField;
  /** The scenario's hook-write/remove/chmod changes: the files it changes on purpose are its own business. */
  readonly changes: readonly HookFileChange[];
  readonly fs: ScenarioFs;
}

type Stat = Awaited<ReturnType<ScenarioFs['stat']>>;

const MAX_LISTED = 6;
const DRIVER_LIST = HOOK_DRIVERS.join(', ');

/**
 * Refuses a hooks directory that would make the scenario test nothing, before any step runs.
 * libvirt itself skips a non-executable script without a word (virHookCheck only logs a warning,
 * virHookCall re-tests virFileIsExecutable), so a forgotten chmod +x would otherwise pass silently.
 *
 * @throws VirthookError HOOKS_DIR_NOT_FOUND when `hooksDir` is not a directory; HOOK_NOT_EXECUTABLE when a `<driver>` script is a regular file without an
 *   exec bit (unless a hook-write/chmod/remove step names it); HOOK_NOT_FOUND when nothing in the
 *   directory would ever run and no step writes or chmods an executable hook.
 */
export async function checkHookFiles(hooksDir: string, context: HookFilesContext): Promise<void> {
  const stat = (path: string): Promise<Stat | null> => context.fs.stat(path).then((s) => s, () => null);
  if (!(await stat(hooksDir))?.isDirectory()) {
    const shown = context.display(hooksDir);
    throw new VirthookError('HOOKS_DIR_NOT_FOUND', `Scenario ${context.displayFile}: ${context.field.name}: hooks directory ${shown} is not a directory. Point it at a directory laid out like /etc/libvirt/hooks.`, {
      problems: [fieldProblem(context, `hooks directory ${shown} is not a directory`)],
    });
  }
  const managed = new Set(context.changes.map((change) => change.path.replace(/^(\.\/)+/, '')));
  const notExecutable: { path: string; mode: number; driver: string }[] = [];
  const seen: string[] = [];
  let runnable = false;
  for (const driver of HOOK_DRIVERS) {
    const main = await stat(join(hooksDir, driver));
    if (main?.isFile() && isExecutable(main)) runnable = true;
    else if (main?.isFile() && !managed.has(driver)) notExecutable.push({ path: join(hooksDir, driver), mode: main.mode, driver });
    else if (main?.isDirectory()) seen.push(`${driver} is a directory, not a script`);
    const dir = `${driver}.d`;
    const dirInfo = await stat(join(hooksDir, dir));
    if (dirInfo && !dirInfo.isDirectory()) seen.push(`${dir} is not a directory`);
    if (!dirInfo?.isDirectory()) continue;
    const entries = await context.fs.readdir(join(hooksDir, dir)).then((names) => names.map(String).sort(), () => null);
    // An unreadable .d stops the daemon at virHookInitialize: the runner reports libvirt's own error.
    if (entries === null) runnable = true;
    if (entries?.length === 0) seen.push(`${dir}/ is empty`);
    for (const name of entries ?? []) {
      const entry = await stat(join(hooksDir, dir, name));
      if (entry?.isFile() && isExecutable(entry)) runnable = true;
      else seen.push(describeEntry(`${dir}/${name}`, entry));
    }
  }
  if (notExecutable.length > 0) throw notExecutableError(notExecutable, context);
  const writesHook = context.changes.some((change) => change.op !== 'remove' && (change.mode & 0o111) !== 0);
  if (runnable || writesHook) return;
  const others = await context.fs.readdir(hooksDir).then((names) => names.map(String).sort(), () => []);
  for (const name of others) {
    if (HOOK_DRIVERS.some((driver) => name === driver || name === `${driver}.d`)) continue;
    const guess = didYouMean(name.replace(/\.d$/, ''), HOOK_DRIVERS);
    seen.push(`${name} is not a hook name${guess ? `, did you mean "${guess}${name.endsWith('.d') ? '.d' : ''}"?` : ''}`);
  }
  throw nothingRunsError(hooksDir, seen, context);
}

function isExecutable(info: Stat): boolean {
  return (info.mode & 0o111) !== 0;
}

function octal(mode: number): string {
  return (mode & 0o777).toString(8).padStart(4, '0');
}

function describeEntry(name: string, entry: Stat | null): string {
  if (entry === null) return `${name} is a broken symlink`;
  if (entry.isDirectory()) return `${name} is a directory`;
  if (!entry.isFile()) return `${name} is not a regular file`;
  return `${name} exists but is not executable (mode ${octal(entry.mode)})`;
}

function fieldProblem(context: HookFilesContext, message: string): Problem {
  const { name, line, column } = context.field;
  return { file: context.displayFile, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), path: name, message };
}

function notExecutableError(files: readonly { path: string; mode: number; driver: string }[], context: HookFilesContext): VirthookError {
  const problems = files.map((f) => fieldProblem(context, `${context.display(f.path)} is not executable (mode ${octal(f.mode)})`));
  const [first] = files;
  const shown = context.display(first!.path);
  const more = files.length > 1 ? ` (and ${files.length - 1} more)` : '';
  return new VirthookError(
    'HOOK_NOT_EXECUTABLE',
    `Scenario ${context.displayFile}: ${context.field.name}: hook script ${shown} is not executable (mode ${octal(first!.mode)})${more}, so libvirt would skip it without a word. ` +
      `Run chmod +x ${shown}; or, if the scenario means to test libvirt skipping it, keep it executable and drop the bit in a step: - hook-chmod: { path: ${first!.driver}, mode: "644" }.`,
    { problems },
  );
}

function nothingRunsError(hooksDir: string, seen: readonly string[], context: HookFilesContext): VirthookError {
  const listed = seen.slice(0, MAX_LISTED).join('; ') + (seen.length > MAX_LISTED ? `; and ${seen.length - MAX_LISTED} more` : '');
  const what = seen.length === 0 ? 'the directory is empty' : listed;
  const shown = context.display(hooksDir);
  return new VirthookError(
    'HOOK_NOT_FOUND',
    `Scenario ${context.displayFile}: ${context.field.name}: hooks directory ${shown} holds no hook libvirt would run (${what}). ` +
      `libvirt runs an executable script named after its driver (${DRIVER_LIST}) and the executable files in <driver>.d/: add one, or chmod +x it.`,
    { problems: [fieldProblem(context, `no runnable hook in ${shown} (${what})`)] },
  );
}
