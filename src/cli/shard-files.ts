import { relative, sep } from 'node:path';
import { usageError } from './usage-error.js';

/** `--shard i/n`: this runner's part (1-based `index`) of a suite split in `count` parts. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` with 1 <= i <= n; throws OPTIONS_INVALID otherwise. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/u.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw usageError(`--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4 on the second of four CI runners); got "${text}"`);
  }
  return { index, count };
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * This shard's scenario files. Files are ordered by their path relative to `cwd` (with `/`, so
 * every runner of a checkout agrees whatever its absolute path or OS) and dealt out in turn:
 * the shards are disjoint, together hold every file, and differ in size by at most one.
 */
export function shardFiles(files: readonly string[], cwd: string, shard: Shard): string[] {
  const keyed = files.map((file) => ({ file, key: relative(cwd, file).split(sep).join('/') }));
  keyed.sort((a, b) => byteOrder(a.key, b.key) || byteOrder(a.file, b.file));
  return keyed.filter((_, i) => i % shard.count === shard.index - 1).map(({ file }) => file);
}
