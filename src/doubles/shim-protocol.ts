import type { CommandReply } from './doubles-config.js';

/** What a shim sends about the call it stands in for; strings are the exact bytes, read as UTF-8. */
export interface ShimRequest {
  /** The path the caller executed (argv[0] is lost to a `#!` interpreter). */
  readonly path: string;
  readonly args: readonly string[];
  /** From /proc/self/environ: the environment as execve received it. */
  readonly env: readonly string[];
  readonly cwd: string;
  /** null when the caller did not redirect stdin (the shim left it unread). */
  readonly stdin: Buffer | null;
}

const MAGIC = Buffer.from('VHD1');
const HEAD = MAGIC.length + 5 * 4;

/** NUL-terminated strings, as in /proc/PID/cmdline and /proc/PID/environ. */
function strings(block: Buffer): string[] {
  const parts = block.toString('utf8').split('\0');
  parts.pop();
  return parts;
}

/**
 * Decodes a complete request: `VHD1`, five big-endian u32 lengths (path, args, env, cwd, stdin;
 * 0xffffffff for no stdin), then the bytes. Returns null when the bytes are not a request.
 */
export function decodeShimRequest(data: Buffer): ShimRequest | null {
  if (data.length < HEAD || !data.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  const lengths = [0, 1, 2, 3, 4].map((i) => data.readUInt32BE(MAGIC.length + 4 * i));
  const noStdin = lengths[4] === 0xffffffff;
  const total = HEAD + lengths.slice(0, 4).reduce((a, b) => a + b, 0) + (noStdin ? 0 : lengths[4]!);
  if (data.length !== total) return null;
  let offset = HEAD;
  const take = (length: number): Buffer => data.subarray(offset, (offset += length));
  const path = take(lengths[0]!).toString('utf8');
  const args = strings(take(lengths[1]!));
  const env = strings(take(lengths[2]!));
  const cwd = take(lengths[3]!).toString('utf8');
  const stdin = noStdin ? null : Buffer.from(take(lengths[4]!));
  return { path, args, env, cwd, stdin };
}

/** Encodes a reply: exit status (i32), stdout length, stderr length (u32, big endian), then both. */
export function encodeShimReply(reply: CommandReply): Buffer {
  const stdout = Buffer.from(reply.stdout, 'utf8');
  const stderr = Buffer.from(reply.stderr, 'utf8');
  const head = Buffer.alloc(12);
  head.writeInt32BE(reply.exitCode, 0);
  head.writeUInt32BE(stdout.length, 4);
  head.writeUInt32BE(stderr.length, 8);
  return Buffer.concat([head, stdout, stderr]);
}
