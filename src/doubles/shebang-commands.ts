/**
 * The commands a script's `#!` line makes the kernel run: the interpreter's name, and for
 * `#!/usr/bin/env [-S] NAME` the name env looks up on PATH. Strict mode must let these run, or the
 * hook itself could not start. binfmt_script only reads the first line of the first 256 bytes.
 */
export function shebangCommands(header: Uint8Array): string[] {
  const bytes = Buffer.from(header.buffer, header.byteOffset, Math.min(header.length, 256));
  if (bytes[0] !== 0x23 || bytes[1] !== 0x21) return [];
  const end = bytes.indexOf(0x0a);
  const line = bytes.subarray(2, end < 0 ? bytes.length : end).toString('latin1').replace(/\r$/, '');
  const [interpreter, ...rest] = line.trim().split(/[ \t]+/);
  if (!interpreter) return [];
  const name = interpreter.slice(interpreter.lastIndexOf('/') + 1);
  if (name !== 'env') return [name];
  const target = rest.find((word) => !word.startsWith('-') && !word.includes('='));
  return target === undefined ? [name] : [name, target.slice(target.lastIndexOf('/') + 1)];
}
