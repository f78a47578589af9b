import { formatLocation, VirthookError } from '../errors/virthook-error.js';

/** The exit code an error maps to: 2 for bad usage or input, 3 for internal errors. */
export function exitCodeOf(error: unknown): 2 | 3 {
  return error instanceof VirthookError && error.code !== 'INTERNAL' ? 2 : 3;
}

/**
 * An error as the CLI prints it: the message and every problem as `file:line:column: path:
 * message`; a stack trace only with --debug.
 */
export function formatCliError(error: unknown, debug: boolean): string {
  const lines: string[] = [];
  if (error instanceof VirthookError && error.code !== 'INTERNAL') {
    lines.push(`virthook: ${error.message}`);
    for (const problem of error.problems) {
      const where = formatLocation(problem);
      const text = `${where}: ${problem.path ? `${problem.path}: ` : ''}${problem.message}`;
      if (!error.message.includes(text)) lines.push(`  ${text}`);
    }
  } else {
    lines.push(`virthook: internal error: ${error instanceof Error ? error.message : String(error)}`);
    if (!debug) lines.push('This is a bug in virthook. Run again with --debug to see the stack trace, and report it.');
  }
  if (debug) {
    for (let current: unknown = error; current instanceof Error; current = current.cause) {
      lines.push(current === error ? (current.stack ?? '') : `caused by: ${current.stack ?? current.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
