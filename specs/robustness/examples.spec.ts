import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { survivors } from '../support/survivors.js';

// examples/robustness backs the README's "How hangs, timeouts and leftovers are reported": the
// lingering-child scenario passes (libvirt reports nothing; virthook kills the helper) and the
// hanging hook fails at the timeout with virthook's explanation. --timeout 1 keeps this spec short.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('runs examples/robustness as the README shows: the hang fails at the timeout, nothing is left running', async () => {
  let stdout = '';
  let stderr = '';
  const code = await main(['run', 'examples/robustness', '--timeout', '1'], {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: ROOT,
    env: {},
    isTTY: false,
  });
  expect([code, stderr]).toEqual([1, '']);
  expect(stdout).toMatch(/^✓ a hook that leaves a child holding its output \[libvirt 9\.0\] examples\/robustness\/lingering-child\.yaml/m);
  expect(stdout).toMatch(/^✗ a hook that never returns \[libvirt 9\.0\] examples\/robustness\/slow-hook\.yaml/m);
  expect(stdout).toContain('error: Hook script /etc/libvirt/hooks/network did not finish within 1000 ms; virthook stopped it. libvirt has no timeout: a real libvirtd would still be waiting.');
  expect(stdout).toContain('lab: waiting for the provisioning lock');
  expect(stdout).toMatch(/\n1 passed, 1 failed\n$/);
  expect(survivors()).toEqual([]);
});
