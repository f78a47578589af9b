import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { survivors } from '../support/survivors.js';

// examples/robustness backs the README's "How hangs, timeouts and leftovers are reported": the
// hanging hook fails at the timeout and the child holding the hook's output fails as the hang it
// is (j1), in every reporter; the properly detached helper passes with a warning (j2).
// --timeout 1 keeps this spec short.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'virthook-robustness-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const LINGERING = /network lab started begin -: the hook exited, but \d+ \(sleep 300\) kept its stdout\/stderr open: a real libvirtd would block here until they exit/;
const TIMED_OUT = 'network lab start begin -: the hook was stopped by virthook after the 1 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)';
const SURVIVOR = /network lab started begin -: \d+ \(sleep 300\) outlived the hook with stdio redirected \(libvirt does not wait for them\)/;

it('runs examples/robustness as the README shows: hangs fail, survivors warn, in every reporter; nothing is left running', async () => {
  let stdout = '';
  let stderr = '';
  const reports = ['tap', 'junit', 'json'].flatMap((name) => ['--reporter', `${name}:${join(out, `report.${name}`)}`]);
  const code = await main(['run', 'examples/robustness', '--timeout', '1', '--reporter', 'pretty', ...reports], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: ROOT,
    env: { GITHUB_STEP_SUMMARY: join(out, 'summary.md') },
    isTTY: false,
  });
  expect([code, stderr]).toEqual([1, '']);
  expect(stdout.split('\n').filter((line) => /^[✓✗] /.test(line)).map((line) => line.replace(/ \(\d+ ms\)$/, ''))).toEqual([
    '✓ a hook that detaches its helper [libvirt 9.0] examples/robustness/detached-helper.yaml',
    '✗ a hook that leaves a child holding its output [libvirt 9.0] examples/robustness/lingering-child.yaml',
    '✗ a hook that never returns [libvirt 9.0] examples/robustness/slow-hook.yaml',
  ]);
  expect(stdout).toMatch(/^ {4}⚠ steps\[0\] \(examples\/robustness\/detached-helper\.yaml:11, net-start lab\)$/m);
  expect(stdout).toMatch(/^ {4}✗ steps\[0\] \(examples\/robustness\/lingering-child\.yaml:10, net-start lab\)$/m);
  expect(stdout).toMatch(LINGERING);
  expect(stdout).toContain(`      ${TIMED_OUT}\n`);
  expect(stdout).toContain('      which was stopped by virthook after the 1 s timeout\n');
  expect(stdout).toContain('lab: waiting for the provisioning lock');
  expect(stdout).toMatch(SURVIVOR);
  expect(stdout).toMatch(/\n1 passed, 2 failed\n$/);

  const tap = readFileSync(join(out, 'report.tap'), 'utf8');
  expect(tap).toMatch(/^ok 1 - a hook that detaches its helper \[libvirt 9\.0\]\n# warning: steps\[0\] \(examples\/robustness\/detached-helper\.yaml:11\): /m);
  expect(tap).toMatch(/^not ok 2 - a hook that leaves a child holding its output/m);
  expect(tap).toMatch(LINGERING);
  expect(tap).toContain(TIMED_OUT);

  const junit = readFileSync(join(out, 'report.junit'), 'utf8');
  expect(junit).toContain('failures="2"');
  expect(junit).toMatch(new RegExp(`<failure message="${LINGERING.source}`));
  expect(junit).toContain(`<failure message="2 expectations failed; first: ${TIMED_OUT}"`);
  expect(junit).toMatch(/<system-err>virthook warning: steps\[0\] \(examples\/robustness\/detached-helper\.yaml:11\): network lab started begin -: \d+ \(sleep 300\) outlived/);

  const json = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { scenarios: { passed: boolean; runs: { failures: { path: string; message: string }[]; warnings: { message: string }[] }[] }[] };
  expect(json.scenarios.map((s) => [s.passed, s.runs[0]!.failures.map((f) => f.path), s.runs[0]!.warnings.length])).toEqual([
    [true, [], 1],
    [false, ['steps[0]'], 0],
    [false, ['steps[0]', 'steps[0].expect.ok'], 0],
  ]);
  expect(json.scenarios[1]!.runs[0]!.failures[0]!.message).toMatch(LINGERING);

  const summary = readFileSync(join(out, 'summary.md'), 'utf8');
  expect(summary).toContain('## virthook: 1 passed, 2 failed');
  expect(summary).toContain('| ✅ ⚠️ | a hook that detaches its helper |');
  expect(summary).toMatch(LINGERING);
  expect(summary).toContain(TIMED_OUT);
  expect(summary).toMatch(/### ⚠️ a hook that detaches its helper \[libvirt 9\.0\]\n\n- ⚠️ `steps\[0\]`/);
  expect(survivors()).toEqual([]);
});
