import { chmod, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load-scenario.js';
import { runScenario } from '../../src/scenario/run-scenario.js';
import { survivors } from '../support/survivors.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Processes whose command line mentions `text` (read from /proc, not through virthook). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmdline.includes(text) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

describe('scenarios against real hooks', () => {
  let copy: string;
  beforeAll(async () => {
    copy = await mkdtemp(join(tmpdir(), 'virthook-e2e-'));
    await cp(examples, copy, { recursive: true });
  });
  afterAll(async () => rm(copy, { recursive: true, force: true }));

  // Every example, one after another: the limit is a hang guard, generous for a loaded machine.
  it('passes every bundled example with the real runner, leaving no process behind', async () => {
    const files = (await readdir(join(copy, 'scenarios'))).sort();
    const results = [];
    for (const file of files) results.push(await runScenario(await loadScenario(join(copy, 'scenarios', file), { cwd: copy })));
    expect(results.flatMap((r) => r.runs.flatMap((run) => run.failures.map((f) => `${r.file} ${run.libvirt} ${f.path}: ${f.message}`)))).toEqual([]);
    const guard = results.find((r) => r.file === 'scenarios/guard-isolated.yaml')!;
    const [veto] = guard.runs[0]!.recording.invocations;
    expect(veto).toMatchObject({ hook: 'network', argv: ['lab-isolated', 'start', 'begin', '-'], exitCode: 1, cwd: '/' });
    expect(veto!.env[0]).toBe('LC_ALL=C');
    expect(guard.runs[0]!.steps[2]!.error).toBe(
      "error: Failed to start network lab-isolated\nerror: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lab-isolated start begin -) unexpected exit status 1: refusing to start lab-isolated: an isolated network needs an owner tag in its <metadata>, e.g. <lab:owner xmlns:lab='https://example.org/lab' tag='ci'/>",
    );
    expect(processesMentioning(copy)).toEqual([]);
    expect(survivors()).toEqual([]);
  }, 120_000);

  it('fails a scenario whose network.d script lost its exec bit, saying so', async () => {
    await chmod(join(copy, 'hooks/network.d/50-audit'), 0o644);
    try {
      const result = await runScenario(await loadScenario(join(copy, 'scenarios/nat-lifecycle.yaml'), { cwd: copy }), { libvirt: ['9.0'] });
      const [failure] = result.runs[0]!.failures;
      expect(result.passed).toBe(false);
      expect(failure).toMatchObject({ path: 'steps[0].expect.calls', message: 'expected 4 calls, 2 script runs happened' });
      expect(result.runs[0]!.failures[1]).toMatchObject({
        path: 'steps[0].expect.calls[1]',
        ranInstead: ['network lab-nat start begin -', 'network lab-nat started begin -'],
        hint: 'network.d/50-audit exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?',
      });
      expect(survivors()).toEqual([]);
    } finally {
      await chmod(join(copy, 'hooks/network.d/50-audit'), 0o755);
    }
  });
});
