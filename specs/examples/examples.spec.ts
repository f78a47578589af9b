import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { survivors } from '../support/survivors.js';

// examples/ backs the README's "Examples": every scenario passes against examples/hooks (npm
// start), and examples/buggy shows the bug class a port-created hook has when it is not idempotent
// under the replay at a daemon restart. Run in-process, as `virthook run` from the repository root.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function virthook(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd: ROOT,
    env: {},
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** The report's lines for one scenario run (`✓`/`✗` lines), and its failure lines (indented `✗`). */
const resultLines = (stdout: string) => stdout.split('\n').filter((line) => /^[✓✗] /.test(line));
const failureLines = (stdout: string) => stdout.split('\n').filter((line) => /^ {4}✗ /.test(line));

describe('the bundled examples', () => {
  it('passes every scenario of examples/scenarios against examples/hooks, as npm start runs them', async () => {
    const { code, stdout, stderr } = await virthook(['run', 'examples/scenarios', '--hooks', 'examples/hooks']);
    expect([code, stderr, failureLines(stdout)]).toEqual([0, '', []]);
    const results = resultLines(stdout);
    for (const file of readdirSync(`${ROOT}examples/scenarios`).filter((name) => name.endsWith('.yaml'))) {
      expect(results.filter((line) => line.includes(` examples/scenarios/${file} `)), file).not.toEqual([]);
    }
    expect(results.every((line) => line.startsWith('✓ '))).toBe(true);
    expect(stdout).toMatch(new RegExp(`\\n${results.length} passed, 0 failed\\n$`));
    expect(survivors()).toEqual([]);
  });

  it('fails the buggy restart replay on the iptables -A calls the replayed port-created made after daemon-restart, and on nothing else', async () => {
    const { code, stdout, stderr } = await virthook(['run', 'examples/buggy/scenarios']);
    expect([code, stderr]).toEqual([1, '']);
    expect(resultLines(stdout)).toEqual([expect.stringMatching(/^✗ a daemon restart replays port-created and the hook adds no rule twice \[libvirt 9\.0\] examples\/buggy\/scenarios\/restart-replay\.yaml /)]);
    // The only failure is the duplicate: start web passed its -A count, destroy its -D count.
    expect(failureLines(stdout)).toEqual([expect.stringMatching(/^ {4}✗ steps\[2\]\.expect\.commands\[0\] \(examples\/buggy\/scenarios\/restart-replay\.yaml:\d+, daemon-restart\)$/)]);
    expect(stdout).toContain('      expected iptables /(^| )-[AI] / to be called 0 times, it was called 4 times\n');
    expect(stdout).toContain('      actual:   iptables -t nat -A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 198.51.100.5:80 (from network)\n');
    expect(stdout).toContain('                iptables -I FORWARD -d 198.51.100.5/32 -p tcp --dport 443 -j ACCEPT (from network)\n');
    expect(stdout).toMatch(/\n0 passed, 1 failed\n$/);
    expect(survivors()).toEqual([]);
  });

  it('passes the buggy scenario with the fixed hook, so it fails for the duplicate alone', async () => {
    const { code, stdout, stderr } = await virthook(['run', 'examples/buggy/scenarios', '--hooks', 'examples/hooks']);
    expect([code, stderr, failureLines(stdout)]).toEqual([0, '', []]);
    expect(stdout).toMatch(/^✓ a daemon restart replays port-created and the hook adds no rule twice \[libvirt 9\.0\] examples\/buggy\/scenarios\/restart-replay\.yaml /m);
    expect(stdout).toMatch(/\n1 passed, 0 failed\n$/);
    expect(survivors()).toEqual([]);
  });
});
