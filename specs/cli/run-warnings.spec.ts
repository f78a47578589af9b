import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { SessionFactory } from '../../src/scenario/run-scenario.js';
import { PYTHON, skippedWithout } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';
import { cliRepo, isoScenario, runCli } from './support/cli-repo.js';

const repos: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => rm(repo, { recursive: true, force: true })));
  expect(survivors()).toEqual([]);
});

/** Two strict scenarios whose hook runs a command strict mode refuses, by absolute path only. */
async function strictRepo(): Promise<string> {
  const hook = '#!/bin/sh\n/usr/bin/nproc >/dev/null\n';
  const dir = await cliRepo({ 'hooks/network': hook, 'scenarios/a.yaml': isoScenario('a', [], ['strict: true']), 'scenarios/b.yaml': isoScenario('b', [], ['strict: true']) });
  repos.push(dir);
  return dir;
}

/** Real hooks under the subreaper isolation: no mount namespace, as for a user without namespaces. */
const withoutNamespaces: SessionFactory = (request) => createSession({ ...request, isolation: 'subreaper', python: PYTHON });

describe('virthook run without namespaces (the PATH fallback)', () => {
  it('passes a strict scenario whose hook ran an undoubled command by absolute path, but says once, on stderr and in the report, that it ran for real', async () => {
    const dir = await strictRepo();
    const { code, stdout, stderr } = await runCli(dir, ['run', '--reporter', 'tap'], { createSession: withoutNamespaces });
    expect(code).toBe(0);
    const said = stderr.split('\n').filter((line) => line !== '');
    expect(said).toEqual([expect.stringMatching(/^virthook: warning: Command doubles fall back to PATH: isolation 'subreaper' was chosen, and it has no mount namespace\. Commands a hook runs by absolute path \(.*\) are NOT intercepted: they run for real on this machine, and strict mode cannot refuse them\. /)]);
    expect(said[0]).toContain('README: Namespaces');
    expect(stdout.split('\n').filter((line) => line.startsWith('# warning: '))).toEqual([said[0]!.replace(/^virthook: warning: /, '# warning: ')]);
  });
});

const noNamespaces = await skippedWithout('pid-namespace');

describe.skipIf(noNamespaces !== '')(`virthook run with namespaces${noNamespaces}`, () => {
  it('refuses the same command by absolute path, and has nothing to warn about', async () => {
    const dir = await strictRepo();
    const { code, stdout, stderr } = await runCli(dir, ['run', '--reporter', 'tap'], { createSession });
    expect(stderr).toBe('');
    expect(stdout).not.toContain('# warning:');
    // The refusal fails both scenarios (its wording is violation-messages.ts's).
    expect(stdout).toMatch(/^not ok 1 - a .*\n[^]*nproc[^]*^not ok 2 - b /m);
    expect(code).toBe(1);
  });
});
