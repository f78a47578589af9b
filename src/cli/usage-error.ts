import { VirthookError } from '../errors/virthook-error.js';
import { parseByteSize } from '../scenario/byte-size.js';
import { didYouMean } from '../scenario/did-you-mean.js';

/** A usage error (exit code 2): misuse of the command line. */
export const usageError = (message: string) => new VirthookError('OPTIONS_INVALID', message);

/** node:util parseArgs' error as a user reads it, with a did-you-mean among `options` for unknown flags. */
export function explainParseError(error: Error, options: readonly string[]): string {
  const unknown = /Unknown option '([^']+)'/u.exec(error.message);
  if (unknown) {
    const flag = unknown[1]!;
    const suggestion = didYouMean(flag, options.map((name) => `--${name}`));
    return `Unknown option ${flag}${suggestion ? `; did you mean ${suggestion}?` : '.'} Run virthook --help for usage.`;
  }
  return `${error.message.split('.')[0]}. Run virthook --help for usage.`;
}

/** `--max-output BYTES` (`65536`, `64K`, `16MiB`) in bytes. */
export function parseMaxOutput(text: string): number {
  const bytes = parseByteSize(text);
  if (bytes === null) throw usageError(`--max-output takes a positive whole number of bytes, or a size such as 64K or 16MiB (K, M, G: powers of 1024); got "${text}"`);
  return bytes;
}

/** `--timeout SECONDS` in milliseconds. */
export function parseTimeout(text: string): number {
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0) throw usageError(`--timeout takes a positive number of seconds; got "${text}"`);
  return Math.round(seconds * 1000);
}
