import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { predictExecError } from '../../src/runner/predict-exec-error.js';
import { dir, file, fixture, makeSandbox } from './hooks-dir.js';

const sandbox = makeSandbox({
  ok: fixture('exit-0'), 'not-executable': fixture('not-executable'), 'bad-interpreter': fixture('bad-interpreter'),
  'crlf-shebang': fixture('crlf-shebang'), 'no-shebang': fixture('no-shebang'), directory: dir(),
  'empty-shebang': file('#!\n', 0o755),
});
afterAll(() => sandbox.remove());
const at = (name: string) => join(sandbox.hooksDir, name);

describe('predictExecError (the kernel\'s answer to execve, for the process-group mechanism)', () => {
  it.each([
    ['ok', null],
    ['not-executable', 'EACCES'],
    ['directory', 'EACCES'],
    ['missing', 'ENOENT'],
    ['bad-interpreter', 'ENOENT'],
    ['crlf-shebang', 'ENOENT'],
    ['no-shebang', 'ENOEXEC'],
    ['empty-shebang', 'ENOEXEC'],
  ])('%s -> %s', (name, errno) => {
    expect(predictExecError(at(name))).toBe(errno);
  });

  it('accepts an ELF binary', () => {
    expect(predictExecError('/bin/sh')).toBeNull();
  });
});
