import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileWatcher } from '../../src/cli/file-watcher.js';
import { scriptedSessions } from '../scenario/scripted-runner.js';
import { cliRepo, isoScenario, runCli } from './support/cli-repo.js';

const repos: string[] = [];
afterEach(async () => {
  await Promise.all(repos.splice(0).map((repo) => rm(repo, { recursive: true, force: true })));
});

/** A watcher double: records what is watched and lets the spec announce changes; `armed` resolves each time the CLI waits. */
function fakeWatcher() {
  let listener: ((path: string) => void) | null = null;
  const targets: { files: readonly string[]; directories: readonly string[] }[] = [];
  let resolveArmed: () => void = () => {};
  let armed = new Promise<void>((resolve) => (resolveArmed = resolve));
  const watcher: FileWatcher = {
    debounceMs: 20,
    watch(target, onChange) {
      targets.push(target);
      listener = onChange;
      return { close: () => (listener = null) };
    },
  };
  return {
    watcher,
    targets,
    change: (...paths: string[]) => paths.forEach((p) => listener?.(p)),
    /** Resolves once the CLI printed its "watching" line (it is waiting for changes). */
    waiting: () => armed,
    rearm: () => (armed = new Promise<void>((resolve) => (resolveArmed = resolve))),
    notify: () => resolveArmed(),
  };
}

describe('virthook run --watch', () => {
  it('runs everything, then re-runs only the scenarios a change affects, until aborted', async () => {
    const dir = await cliRepo({
      'hooks/network': '#!/bin/sh\n',
      'other-hooks/network': '#!/bin/sh\n',
      'scenarios/a.yaml': isoScenario('a'),
      'scenarios/b.yaml': isoScenario('b').replace('hooks: ../hooks', 'hooks: ../other-hooks'),
    });
    repos.push(dir);
    const fake = fakeWatcher();
    const stop = new AbortController();
    let out = '';
    const stdout = {
      write: (text: string) => {
        out += text;
        if (text.includes('for changes (Ctrl+C to stop)')) fake.notify();
      },
    };
    let vetoStart = false;
    const sessions = scriptedSessions(['network'], (_s, call) => (vetoStart && call.op === 'start' ? { exitCode: 1, stderr: 'no\n' } : {}));
    const running = runCli(dir, ['run', '--watch'], { stdout, watcher: fake.watcher, signal: stop.signal, createSession: sessions });

    await fake.waiting();
    expect(out).toContain('✓ a [libvirt 9.0]');
    expect(out).toContain('✓ b [libvirt 9.0]');
    expect(fake.targets[0]).toEqual({
      files: [join(dir, 'iso.xml'), join(dir, 'scenarios/a.yaml'), join(dir, 'scenarios/b.yaml')],
      directories: [join(dir, 'hooks'), join(dir, 'other-hooks'), join(dir, 'scenarios')],
    });

    // A hook of a's hooks directory changes (twice, debounced into one run): only a re-runs, and now fails.
    out = '';
    fake.rearm();
    vetoStart = true;
    fake.change(join(dir, 'hooks/network'), join(dir, 'hooks/network'));
    await fake.waiting();
    expect(out).toContain('hooks/network changed: re-running 1 scenario file\n');
    expect(out).toContain('✗ a [libvirt 9.0]');
    expect(out).not.toContain(' b [libvirt');
    expect(out.split('\n').filter((l) => l === '0 passed, 1 failed')).toHaveLength(1);

    // The definition both read changes: both re-run. A new scenario file appears: it runs too.
    out = '';
    fake.rearm();
    vetoStart = false;
    await writeFile(join(dir, 'scenarios/c.yaml'), isoScenario('c'));
    fake.change(join(dir, 'iso.xml'), join(dir, 'scenarios/c.yaml'));
    await fake.waiting();
    expect(out).toContain('re-running 3 scenario files');
    expect(out).toContain('3 passed, 0 failed');

    // A scenario edited into an invalid one is reported, and watched until it loads again.
    out = '';
    fake.rearm();
    await writeFile(join(dir, 'scenarios/c.yaml'), 'hooks: ../hooks\nsteps:\n  - net-strat: x\n');
    fake.change(join(dir, 'scenarios/c.yaml'));
    await fake.waiting();
    expect(fake.targets.at(-1)!.files).toContain(join(dir, 'scenarios/c.yaml'));

    stop.abort();
    const { code, stderr } = await running;
    expect(stderr).toContain('scenarios/c.yaml:3:5: steps[0].net-strat: unknown step "net-strat"; did you mean "net-start"?');
    expect(code).toBe(2);
  });

  it('ignores changes that affect no scenario', async () => {
    const dir = await cliRepo({ 'hooks/network': '#!/bin/sh\n', 'scenarios/a.yaml': isoScenario('a') });
    repos.push(dir);
    const fake = fakeWatcher();
    const stop = new AbortController();
    let runs = 0;
    const stdout = {
      write: (text: string) => {
        if (text.endsWith('passed, 0 failed\n')) runs++;
        if (text.includes('Ctrl+C')) fake.notify();
      },
    };
    const running = runCli(dir, ['run', 'scenarios', '--watch'], { stdout, watcher: fake.watcher, signal: stop.signal });
    await fake.waiting();
    fake.rearm();
    fake.change(join(dir, 'README.md'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    stop.abort();
    expect((await running).code).toBe(0);
    expect(runs).toBe(1);
  });
});
