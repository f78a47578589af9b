import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/render-junit.js';
import { sampleResults } from './sample-results.js';

describe('renderJunit', () => {
  it('writes one testcase per scenario and release, with hook output in system-out/system-err', () => {
    expect(renderJunit(sampleResults)).toMatchInlineSnapshot(`
      "<?xml version="1.0" encoding="UTF-8"?>
      <testsuites name="virthook" tests="3" failures="1" errors="0" time="0.027">
        <testsuite name="scenarios/nat.yaml" tests="1" failures="0" errors="0" skipped="0" time="0.012">
          <testcase name="nat lifecycle [libvirt 9.0]" classname="scenarios/nat.yaml" file="scenarios/nat.yaml" time="0.012">
            <system-out>--- network lvo-nat start begin - (exit status 0)
      starting lvo-nat
      </system-out>
          </testcase>
        </testsuite>
        <testsuite name="scenarios/guard.yaml" tests="2" failures="1" errors="0" skipped="0" time="0.015">
          <testcase name="guard # isolated [libvirt 9.0]" classname="scenarios/guard.yaml" file="scenarios/guard.yaml" time="0.007">
            <failure message="3 expectations failed; first: the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso &amp; &lt;refusing&gt;" type="expectation">✗ steps[0].expect.ok (scenarios/guard.yaml:6, net-start lvo-iso)
        the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso &amp; &lt;refusing&gt;
        expected: ok: true
        actual:   ok: false
                  error: Failed to start network lvo-iso
                  error: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: no IP on lvo-iso &amp; &lt;refusing&gt;
        libvirt ran: LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -
        which ended with exit status 1
        stderr of network:
          no IP on lvo-iso &amp; &lt;refusing&gt;
          \\x1b[0m
      ✗ steps[0].expect.calls[0].stdin.equals (scenarios/guard.yaml:6, net-start lvo-iso)
        network lvo-iso start begin - ran, but stdin differs from the expected document
        diff (- expected, + actual):
          --- expected
          +++ actual
          @@ -1,1 +1,1 @@
          -&lt;a/&gt;
          +&lt;hookData/&gt;
      ✗ expect.calls[1] (scenarios/guard.yaml:12)
        expected network.d/20-log * stopped to run, but it did not
        expected: network.d/20-log * stopped
        actual:   network lvo-iso start begin -
        hint: network.d/20-log exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?
      timeline:
        1. net-define lvo-iso  ok
        2. net-start lvo-iso  failed (vetoed by a hook)
             network lvo-iso start begin -  exit status 1</failure>
            <system-err>--- network lvo-iso start begin - (exit status 1)
      no IP on lvo-iso &amp; &lt;refusing&gt;
      \\x1b[0m
      </system-err>
          </testcase>
          <testcase name="guard # isolated [libvirt 11.3]" classname="scenarios/guard.yaml" file="scenarios/guard.yaml" time="0.008"/>
        </testsuite>
      </testsuites>
      <!-- 2 passed, 1 failed -->
      "
    `);
  });

  it('is well-formed XML that an independent parser reads back, control characters included', () => {
    const errors: string[] = [];
    const doc = new DOMParser({ onError: (level, message) => void errors.push(`${level}: ${message}`) }).parseFromString(renderJunit(sampleResults), 'text/xml');
    expect(errors).toEqual([]);
    const cases = Array.from(doc.getElementsByTagName('testcase'));
    expect(cases.map((c) => [c.getAttribute('name'), c.getElementsByTagName('failure').length])).toEqual([
      ['nat lifecycle [libvirt 9.0]', 0],
      ['guard # isolated [libvirt 9.0]', 1],
      ['guard # isolated [libvirt 11.3]', 0],
    ]);
    const failure = doc.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toMatch(/^3 expectations failed; first: the step failed: .* no IP on lvo-iso & <refusing>$/);
    expect(failure.textContent).toContain('-<a/>\n');
    expect(doc.getElementsByTagName('system-err')[0]!.textContent).toBe('--- network lvo-iso start begin - (exit status 1)\nno IP on lvo-iso & <refusing>\n\\x1b[0m\n');
    expect(doc.getElementsByTagName('system-out')[0]!.textContent).toBe('--- network lvo-nat start begin - (exit status 0)\nstarting lvo-nat\n');
    const root = doc.documentElement!;
    expect([root.getAttribute('tests'), root.getAttribute('failures')]).toEqual(['3', '1']);
    expect(doc.lastChild!.nodeValue).toBe(' 2 passed, 1 failed ');
  });
});
