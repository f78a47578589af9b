import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runJobsInOrder, type ScenarioJobRunner } from '../../src/cli/run-scenario-jobs.js';
import { scriptedSessions } from '../scenario/scripted-runner.js';
import { cliRepo, isoScenario, ranCases, runCli } from './support/cli-repo.js';

const repos: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => rm(repo, { recursive: true, force: true })));
});
const repo = async (files: Record<string, string>) => {
  const dir = await cliRepo({ 'hooks/network': '#!/bin/sh\n', ...files });
  repos.push(dir);
  return dir;
};

const vetoed = ['    expect: { vetoed: true }'];

describe('virthook run --shard', () => {
  it('splits the suite into disjoint parts that together run every scenario', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`scenarios/${n}.yaml`, isoScenario(n)]));
    const dir = await repo(files);
    const shards = [];
    for (const index of [1, 2, 3]) {
      const { code, stdout } = await runCli(dir, ['run', '--shard', `${index}/3`, '--reporter', 'json']);
      expect(code).toBe(0);
      shards.push(ranCases(stdout).map((c) => c.split(' ')[0]));
    }
    expect(shards).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
  });

  it('runs nothing, and says why, in a shard with no file', async () => {
    const dir = await repo({ 'scenarios/a.yaml': isoScenario('a') });
    expect(await runCli(dir, ['run', '--shard', '2/2'])).toEqual({
      code: 0,
      stdout: '\n0 passed, 0 failed\n',
      stderr: 'virthook: shard 2/2 has no scenario (there are fewer files than shards)\n',
    });
  });
});

describe('virthook run --rerun-failed', () => {
  it('reruns only what failed last time, on the releases it failed on, until it passes', async () => {
    const dir = await repo({
      'scenarios/ok.yaml': isoScenario('ok'),
      'scenarios/veto.yaml': isoScenario('veto', vetoed, ["libvirt: ['9.0', '11.3']"]),
      'scenarios/teardown.yaml': isoScenario('teardown', ['    expect:', "      per-libvirt: { '>=10.8': { ok: false } }"], ["libvirt: ['9.0', '11.3']"]),
    });
    const first = await runCli(dir, ['run', '--reporter', 'json']);
    expect([first.code, ranCases(first.stdout)]).toEqual([
      1,
      ['ok 9.0 passed', 'teardown 9.0 passed', 'teardown 11.3 failed', 'veto 9.0 failed', 'veto 11.3 failed'],
    ]);
    expect(JSON.parse(await readFile(join(dir, '.virthook/last-run.json'), 'utf8')).failed).toEqual([
      { file: 'scenarios/teardown.yaml', libvirt: '11.3' },
      { file: 'scenarios/veto.yaml', libvirt: '9.0' },
      { file: 'scenarios/veto.yaml', libvirt: '11.3' },
    ]);
    expect(await readFile(join(dir, '.virthook/.gitignore'), 'utf8')).toBe('*\n');

    const rerun = await runCli(dir, ['run', '--rerun-failed', '--reporter', 'json']);
    expect([rerun.code, ranCases(rerun.stdout)]).toEqual([1, ['teardown 11.3 failed', 'veto 9.0 failed', 'veto 11.3 failed']]);

    // The veto scenario is fixed; teardown still fails on 11.3 and stays remembered.
    await writeFile(join(dir, 'scenarios/veto.yaml'), isoScenario('veto', [], ["libvirt: ['9.0', '11.3']"]));
    const fixed = await runCli(dir, ['run', '--rerun-failed', '--reporter', 'json']);
    expect([fixed.code, ranCases(fixed.stdout)]).toEqual([1, ['teardown 11.3 failed', 'veto 9.0 passed', 'veto 11.3 passed']]);
    const narrowed = await runCli(dir, ['run', '--rerun-failed', '--reporter', 'json']);
    expect(ranCases(narrowed.stdout)).toEqual(['teardown 11.3 failed']);

    await writeFile(join(dir, 'scenarios/teardown.yaml'), isoScenario('teardown', [], ["libvirt: ['9.0', '11.3']"]));
    expect((await runCli(dir, ['run', '--rerun-failed'])).code).toBe(0);
    expect(await runCli(dir, ['run', '--rerun-failed'])).toEqual({
      code: 0,
      stdout: '\n0 passed, 0 failed\n',
      stderr: 'virthook: nothing failed in the last run (.virthook/last-run.json): nothing to rerun\n',
    });
  });

  it('runs everything when no run is recorded yet', async () => {
    const dir = await repo({ 'scenarios/ok.yaml': isoScenario('ok') });
    const { code, stdout, stderr } = await runCli(dir, ['run', '--rerun-failed']);
    expect([code, stdout.trimEnd().split('\n').at(-1), stderr]).toEqual([0, '1 passed, 0 failed', 'virthook: no previous run is recorded in .virthook/last-run.json: running every scenario\n']);
  });

  it('still gives its verdict, with a warning, where it cannot remember the failures (a read-only checkout)', async () => {
    // A file where the .virthook directory should be fails for root too (EACCES would not).
    const dir = await repo({ 'scenarios/veto.yaml': isoScenario('veto', vetoed), '.virthook': 'not a directory\n' });
    const { code, stdout, stderr } = await runCli(dir, ['run']);
    expect([code, stdout.trimEnd().split('\n').at(-1)]).toEqual([1, '0 passed, 1 failed']);
    expect(stderr).toBe("virthook: warning: could not write .virthook/last-run.json (EEXIST), so --rerun-failed will not know this run's failures. Run from a directory you can write to.\n");
  });
});

describe('virthook run --update', () => {
  it('records transcript snapshots, compares later runs with them, and shows the diff', async () => {
    const dir = await repo({ 'scenarios/snap.yaml': isoScenario('snap', [], ["libvirt: ['9.0', '11.3']", 'expect: { snapshot: true }']) });
    const missing = await runCli(dir, ['run']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain('no transcript is recorded for this release in scenarios/snap.snap');
    expect(missing.stdout).toContain('hint: Run virthook run --update to record it');

    const update = await runCli(dir, ['run', '--update']);
    expect([update.code, update.stderr]).toEqual([0, 'virthook: wrote snapshot scenarios/snap.snap\n']);
    const snap = await readFile(join(dir, 'scenarios/snap.snap'), 'utf8');
    expect(snap).toContain('== libvirt 9.0 ==\n$ net-define lvo-iso\n  Network lvo-iso defined from ../iso.xml\n$ net-start lvo-iso\n  hook network lvo-iso start begin -: exit status 0\n');
    expect(snap).toContain('== libvirt 11.3 ==');

    expect(await runCli(dir, ['run', '--update'])).toMatchObject({ code: 0, stderr: '' });
    expect((await runCli(dir, ['run'])).code).toBe(0);

    const changed = await runCli(dir, ['run', '--libvirt', '9.0'], { createSession: scriptedSessions(['network'], (_s, call) => (call.op === 'started' ? { exitCode: 3 } : {})) });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toContain('the transcript differs from the one recorded in scenarios/snap.snap');
    expect(changed.stdout).toContain('+  hook network lvo-iso started begin -: exit status 3');

    // Updating one release keeps the other's section.
    await runCli(dir, ['run', '--libvirt', '9.0', '--update'], { createSession: scriptedSessions(['network'], (_s, call) => (call.op === 'started' ? { exitCode: 3 } : {})) });
    const updated = await readFile(join(dir, 'scenarios/snap.snap'), 'utf8');
    expect(updated).toContain('exit status 3');
    expect(updated.slice(updated.indexOf('== libvirt 11.3 =='))).toBe(snap.slice(snap.indexOf('== libvirt 11.3 ==')));
  });
});

describe('GITHUB_STEP_SUMMARY', () => {
  it('gets a markdown summary with a sequence diagram of each failed run appended', async () => {
    const dir = await repo({ 'scenarios/ok.yaml': isoScenario('ok'), 'scenarios/veto.yaml': isoScenario('veto', vetoed), 'summary.md': '# earlier step\n' });
    const { code } = await runCli(dir, ['run'], { env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') } });
    expect(code).toBe(1);
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(summary.startsWith('# earlier step\n## virthook: 1 passed, 1 failed\n')).toBe(true);
    expect(summary).toContain('### ❌ veto [libvirt 9.0]');
    expect(summary).toContain('```mermaid\nsequenceDiagram\n    participant virsh\n    participant libvirtd\n    participant h0 as network\n');
    expect(summary).toContain('    libvirtd->>h0: lvo-iso start begin -\n    h0-->>libvirtd: exit status 0\n');
  });
});

describe('the job runner seam (CliIo.runJobs)', () => {
  it('gets every loaded scenario with its options, and reports the results in the order it returns them', async () => {
    const dir = await repo({ 'scenarios/a.yaml': isoScenario('a'), 'scenarios/b.yaml': isoScenario('b', vetoed) });
    const seen: string[] = [];
    // A pool finishing b first must still hand results back in input order.
    const pool: ScenarioJobRunner = async (jobs) => {
      seen.push(...jobs.map((j) => `${j.scenario.name} ${j.options.libvirt?.join(',')} ${j.options.timeoutMs}`));
      const reversed = await runJobsInOrder([...jobs].reverse());
      return reversed.reverse();
    };
    const { code, stdout } = await runCli(dir, ['run', '--libvirt', '11.3', '--timeout', '2', '--reporter', 'json'], { runJobs: pool });
    expect(code).toBe(1);
    expect(seen).toEqual(['a 11.3 2000', 'b 11.3 2000']);
    expect(ranCases(stdout)).toEqual(['a 11.3 passed', 'b 11.3 failed']);
  });
});
