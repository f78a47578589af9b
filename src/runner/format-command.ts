/** virBufferEscapeShell: the characters that make libvirt single-quote a word. */
const SHELL_SPECIAL = /[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/;

/**
 * Quotes one word exactly as virBufferEscapeShell does: unchanged unless it contains a shell
 * special character, then wrapped in single quotes with `'` written as `'\''`; empty is `''`.
 */
export function escapeShell(word: string): string {
  if (word === '') return "''";
  if (!SHELL_SPECIAL.test(word)) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Renders a command the way virCommandToString does for error messages: every `NAME=value` of
 * the child's environment (only the value is escaped), then the program path and its
 * arguments, separated by single spaces.
 */
export function formatCommand(env: readonly string[], argv: readonly string[]): string {
  const words: string[] = [];
  for (const entry of env) {
    // virCommandToStringFull: `a='b c'` differs from `'a=b c'` in shell, so only the value is escaped.
    const eq = entry.indexOf('=');
    words.push(eq < 0 ? escapeShell(entry) : entry.slice(0, eq + 1) + escapeShell(entry.slice(eq + 1)));
  }
  for (const arg of argv) words.push(escapeShell(arg));
  return words.join(' ');
}
