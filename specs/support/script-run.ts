import type { ScriptRun } from '../../src/runner/run-script.js';

/** A ScriptRun as the runner reports it, for doubles: only what a spec cares about is given. */
export function scriptRun(fields: Pick<ScriptRun, 'hook' | 'argv'> & Partial<ScriptRun>): ScriptRun {
  return {
    path: `/hooks/${fields.hook}`,
    libvirtPath: `/etc/libvirt/hooks/${fields.hook}`,
    stdin: null,
    env: ['LC_ALL=C'],
    cwd: '/',
    exitCode: 0,
    signal: null,
    execError: null,
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
    durationMs: 1,
    timedOut: false,
    outputCapped: null,
    timeoutMs: 30_000,
    maxOutputBytes: 16 * 1024 * 1024,
    lingering: null,
    survivors: [],
    failure: null,
    ...fields,
  };
}
