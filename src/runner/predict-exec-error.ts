import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { errnoOf } from './hook-file-system.js';

/** Linux BINPRM_BUF_SIZE: binfmt_script only looks at the first 256 bytes. */
const HEADER_BYTES = 256;
/** fs/exec.c: at most 4 levels of interpreters (5 images) before ELOOP. */
const MAX_INTERPRETER_DEPTH = 4;

function readHeader(path: string): Buffer | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(HEADER_BYTES);
    return buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0));
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** binfmt_script: the interpreter path after `#!`, up to the first blank, ending at the line's end. */
function interpreterOf(header: Buffer): string | null {
  const end = header.indexOf(0x0a);
  const line = header.subarray(2, end < 0 ? header.length : end).toString('latin1');
  // Only spaces and tabs separate; a CR stays part of the name, as the kernel sees it.
  const match = /^[ \t]*([^ \t\0]+)/.exec(line);
  return match?.[1] ?? null;
}

/**
 * Predicts the errno execve(2) would return for `path`, for the spawn mechanism that cannot
 * observe it directly (node falls back to /bin/sh on ENOEXEC, like execvp). Follows the kernel:
 * stat and execute permission, ELF or `#!` (recursively checking the interpreter), else ENOEXEC.
 * Returns null when execve should succeed.
 */
export function predictExecError(path: string, depth = 0): string | null {
  if (depth > MAX_INTERPRETER_DEPTH) return 'ELOOP';
  try {
    if (!statSync(path).isFile()) return 'EACCES';
    accessSync(path, constants.X_OK);
  } catch (error) {
    return errnoOf(error);
  }
  const header = readHeader(path);
  // Unreadable but executable: only the kernel can tell; let the real execve decide.
  if (header === null) return null;
  if (header.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return null;
  if (header[0] === 0x23 && header[1] === 0x21) {
    const interpreter = interpreterOf(header);
    return interpreter === null ? 'ENOEXEC' : predictExecError(interpreter, depth + 1);
  }
  return 'ENOEXEC';
}
