import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderTap } from '../../src/report/render-tap.js';
import { sampleResults } from './sample-results.js';

describe('renderTap', () => {
  it('writes TAP 13 with a YAML diagnostic block per failed test point', () => {
    expect(renderTap(sampleResults)).toMatchInlineSnapshot(`
      "TAP version 13
      1..3
      ok 1 - nat lifecycle [libvirt 9.0]
      not ok 2 - guard \\# isolated [libvirt 9.0]
        ---
        file: "scenarios/guard.yaml"
        libvirt: "9.0"
        duration_ms: 7
        failures:
          - path: "steps[0].expect.ok"
            line: 6
            step: "net-start lvo-iso"
            message: "the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso & <refusing>"
            expected: "ok: true"
            actual: |-
              ok: false
              error: Failed to start network lvo-iso
              error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: no IP on lvo-iso & <refusing>
          - path: "steps[0].expect.calls[0].stdin.equals"
            line: 6
            step: "net-start lvo-iso"
            message: "network lvo-iso start begin - ran, but stdin differs from the expected document"
            diff: |-
              --- expected
              +++ actual
              @@ -1,1 +1,1 @@
              -<a/>
              +<hookData/>
          - path: "expect.calls[1]"
            line: 12
            message: "expected network.d/20-log * stopped to run, but it did not"
            expected: "network.d/20-log * stopped"
            actual: "network lvo-iso start begin -"
            hint: "network.d/20-log exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?"
        ...
      ok 3 - guard \\# isolated [libvirt 11.3]
      # 2 passed, 1 failed
      "
    `);
  });

  it('keeps every diagnostic block valid YAML that reads back to the failures', () => {
    const tap = renderTap(sampleResults);
    const block = tap.split('\n  ---\n')[1]!.split('\n  ...\n')[0]!;
    const diagnostics = parse(block.split('\n').map((l) => l.slice(2)).join('\n')) as { failures: { path: string; actual?: string; diff?: string }[] };
    const failures = sampleResults[1]!.runs[0]!.failures;
    expect(diagnostics.failures.map((f) => f.path)).toEqual(failures.map((f) => f.path));
    expect(diagnostics.failures[0]!.actual).toBe(failures[0]!.actual);
    expect(diagnostics.failures[1]!.diff).toBe(failures[1]!.diff!.join('\n'));
    expect(tap.trimEnd().split('\n').at(-1)).toBe('# 2 passed, 1 failed');
  });
});
