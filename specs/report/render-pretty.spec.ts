import { describe, expect, it } from 'vitest';
import { renderPretty } from '../../src/report/render-pretty.js';
import { sampleResults } from './sample-results.js';

describe('renderPretty', () => {
  it('explains failures with the step, the command line libvirt logs, the hook stderr, the diff and a timeline', () => {
    expect(renderPretty(sampleResults)).toMatchInlineSnapshot(`
      "✓ nat lifecycle [libvirt 9.0] scenarios/nat.yaml (12 ms)
      ✗ guard # isolated [libvirt 9.0] scenarios/guard.yaml (7 ms)
          ✗ steps[0].expect.ok (scenarios/guard.yaml:6, net-start lvo-iso)
            the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso & <refusing>
            expected: ok: true
            actual:   ok: false
                      error: Failed to start network lvo-iso
                      error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: no IP on lvo-iso & <refusing>
            libvirt ran: LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -
            which ended with exit status 1
            stderr of network:
              no IP on lvo-iso & <refusing>
              \\x1b[0m
          ✗ steps[0].expect.calls[0].stdin.equals (scenarios/guard.yaml:6, net-start lvo-iso)
            network lvo-iso start begin - ran, but stdin differs from the expected document
            diff (- expected, + actual):
              --- expected
              +++ actual
              @@ -1,1 +1,1 @@
              -<a/>
              +<hookData/>
          ✗ expect.calls[1] (scenarios/guard.yaml:12)
            expected network.d/20-log * stopped to run, but it did not
            expected: network.d/20-log * stopped
            actual:   network lvo-iso start begin -
            hint: network.d/20-log exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?
          timeline:
            1. net-define lvo-iso  ok
            2. net-start lvo-iso  failed (vetoed by a hook)
                 network lvo-iso start begin -  exit status 1
      ✓ guard # isolated [libvirt 11.3] scenarios/guard.yaml (8 ms)

      2 passed, 1 failed
      "
    `);
  });

  it('colours only when asked, and ends with the summary line', () => {
    const plain = renderPretty(sampleResults);
    const coloured = renderPretty(sampleResults, { colour: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31m✗\u001b[39m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
    expect(plain.trimEnd().split('\n').at(-1)).toBe('2 passed, 1 failed');
  });

  it('says 0 passed, 0 failed for no results', () => {
    expect(renderPretty([])).toBe('\n0 passed, 0 failed\n');
  });
});
