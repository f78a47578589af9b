import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { skippedWithout } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';
import { runCli } from './support/cli-repo.js';

const noNamespaces = await skippedWithout('pid-namespace');
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
const emptyDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'virthook-init-'));
  dirs.push(dir);
  return dir;
};

describe('virthook init', () => {
  it('scaffolds a starter scenario, network, hook and CI workflow that pass as written (real hooks)', async () => {
    const dir = await emptyDir();
    const init = await runCli(dir, ['init']);
    expect(init).toEqual({
      code: 0,
      stdout: [
        'created scenarios/example-nat.yaml',
        'created networks/example-nat.xml',
        'created .github/workflows/virthook.yml',
        'created hooks/network',
        '',
        'Next: npx virthook run',
        '',
      ].join('\n'),
      stderr: '',
    });
    expect((await stat(join(dir, 'hooks/network'))).mode & 0o777).toBe(0o755);
    const workflow = parse(await readFile(join(dir, '.github/workflows/virthook.yml'), 'utf8')) as { jobs: { hooks: { steps: { run?: string }[] } } };
    const runs = workflow.jobs.hooks.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs[0]).toBe('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 || true');
    const run = runs[1]!;
    expect(run).toMatch(/^npx --yes virthook@\d+\.\d+\.\d+ run scenarios --reporter pretty --reporter junit:reports\/virthook\.xml$/);

    // The scaffold runs green against the real starter hook, on both releases it names.
    const result = await runCli(dir, ['run'], { createSession: undefined });
    // Without namespaces here (not root, no user namespaces) the run says once that doubles fell back to PATH.
    expect(result.stderr).toMatch(noNamespaces === '' ? /^$/ : /^virthook: warning: Command doubles fall back to PATH: [^\n]*\n$/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('2 passed, 0 failed');
    expect(result.code).toBe(0);
    expect(survivors()).toEqual([]);
  });

  it('never overwrites a file, and says which it kept', async () => {
    const dir = await emptyDir();
    await mkdir(join(dir, 'scenarios'), { recursive: true });
    await writeFile(join(dir, 'scenarios/example-nat.yaml'), 'mine\n');
    const first = await runCli(dir, ['init', '.']);
    expect(first.stdout.split('\n')[0]).toBe('kept    scenarios/example-nat.yaml (it exists; virthook init never overwrites)');
    expect(await readFile(join(dir, 'scenarios/example-nat.yaml'), 'utf8')).toBe('mine\n');
    const again = await runCli(dir, ['init']);
    expect(again.code).toBe(0);
    // hooks/network exists now, so no starter hook is offered.
    expect(again.stdout.split('\n').filter((l) => l.startsWith('kept'))).toHaveLength(3);
    expect(again.stdout).toContain('Nothing created: every file exists already.');
  });

  it('uses hooks already in the repository: at its root, without writing a starter hook', async () => {
    const dir = await emptyDir();
    await mkdir(join(dir, 'repo/qemu.d'), { recursive: true });
    const { code, stdout } = await runCli(dir, ['init', 'repo']);
    expect(code).toBe(0);
    expect(stdout).not.toContain('hooks/network');
    expect(stdout).toContain('created repo/scenarios/example-nat.yaml');
    expect(stdout).toContain('Next: cd repo && npx virthook run');
    const scenario = await readFile(join(dir, 'repo/scenarios/example-nat.yaml'), 'utf8');
    expect(scenario).toContain('\nhooks: ..\n');
    // No network hook to expect calls from: the starter checks outcomes and state only.
    expect(scenario).not.toContain('calls:');
  });
});
