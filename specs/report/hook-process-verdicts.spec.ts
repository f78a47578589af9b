import { describe, expect, it } from 'vitest';
import { renderGithubSummary } from '../../src/report/render-github-summary.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderJunit } from '../../src/report/render-junit.js';
import { renderPretty } from '../../src/report/render-pretty.js';
import { renderTap } from '../../src/report/render-tap.js';
import { hangResults } from './sample-results.js';

// Every reporter shows a hook virthook had to stop, or whose child held its pipes, as the failure
// it is (with virthook's words, not a signal death or a veto), and a survivor as a warning of a
// run that passed.
const TIMED_OUT = 'network lab start begin -: the hook was stopped by virthook after the 2 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)';
const LINGERING = 'network lab started begin -: the hook exited, but 45 (sleep 300) kept its stdout/stderr open: a real libvirtd would block here until they exit';
const SURVIVOR = 'network lab started begin -: 46 (sleep 300) outlived the hook with stdio redirected (libvirt does not wait for them); virthook killed them, a real host keeps them running';

describe('hangs and leftovers in every reporter', () => {
  it('pretty: each hang as a failure with the script run, the stop in virthook\'s words in the timeline, survivors as ⚠', () => {
    expect(renderPretty(hangResults)).toBe(`✗ hanging hooks [libvirt 9.0] scenarios/hang.yaml (2100 ms)
    ✗ steps[0] (scenarios/hang.yaml:5, net-start lab)
      ${LINGERING} (virthook stopped waiting 250 ms after the exit and killed them)
      libvirt ran: LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lab started begin -
      which ended with exit status 0
    ✗ steps[1] (scenarios/hang.yaml:7, net-start lab)
      ${TIMED_OUT}
      libvirt ran: LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lab start begin -
      which was stopped by virthook after the 2 s timeout
      stderr of network:
        lab: waiting for the lock
    timeline:
      1. net-define lab  ok
      2. net-start lab  ok
           network lab start begin -  exit status 0
           network lab started begin -  exit status 0, its stdout/stderr held open after it exited
      3. net-destroy lab  ok
           network lab stopped end -  exit status 0
      4. net-start lab  failed (virthook stopped a hook)
           network lab start begin -  stopped by virthook after the 2 s timeout
✓ detached helper [libvirt 9.0] scenarios/detached.yaml (30 ms)
    ⚠ steps[0] (scenarios/detached.yaml:5, net-start lab)
      ${SURVIVOR}

1 passed, 1 failed
`);
  });

  it('tap: hangs in the failure block, survivors as # warning: diagnostics of a passing test point', () => {
    const tap = renderTap(hangResults);
    expect(tap).toContain(`      message: "${TIMED_OUT}"\n`);
    expect(tap).toContain(`      message: "${LINGERING} (virthook stopped waiting 250 ms after the exit and killed them)"\n`);
    expect(tap).toContain(`ok 2 - detached helper [libvirt 9.0]\n# warning: steps[0] (scenarios/detached.yaml:5): ${SURVIVOR}\n# 1 passed, 1 failed\n`);
  });

  it('junit: hangs as the failure (message and details), survivors leading system-err of a passing testcase', () => {
    const junit = renderJunit(hangResults);
    expect(junit).toContain(`<failure message="2 expectations failed; first: ${LINGERING} (virthook stopped waiting 250 ms after the exit and killed them)" type="expectation">`);
    expect(junit).toContain(`  ${TIMED_OUT}\n  libvirt ran:`);
    expect(junit).toContain('--- network lab start begin - (stopped by virthook after the 2 s timeout)\nlab: waiting for the lock\n');
    expect(junit).toMatch(new RegExp(`<testcase name="detached helper \\[libvirt 9\\.0\\]"[^>]*>\\n      <system-err>virthook warning: steps\\[0\\] \\(scenarios/detached\\.yaml:5\\): ${SURVIVOR.replace(/[()[\]]/g, '\\$&')}\\n</system-err>`));
  });

  it('json: failures and warnings of each run, with the limits in the recording', () => {
    const json = JSON.parse(renderJson(hangResults)) as { scenarios: { runs: { failures: { message: string }[]; warnings: { message: string }[]; recording: { invocations: object[] } }[] }[] };
    expect(json.scenarios[0]!.runs[0]!.failures.map((f) => f.message)).toEqual([expect.stringContaining(LINGERING), TIMED_OUT]);
    expect(json.scenarios[0]!.runs[0]!.recording.invocations[3]).toMatchObject({ timedOut: true, timeoutMs: 2_000 });
    expect(json.scenarios[1]!.runs[0]!.warnings.map((w) => w.message)).toEqual([SURVIVOR]);
  });

  it('github summary: hangs listed and drawn for the failed run, a ⚠️ section for the run that passed with warnings', () => {
    const summary = renderGithubSummary(hangResults);
    expect(summary).toContain('| ✅ ⚠️ | detached helper | 9.0 | `scenarios/detached.yaml` | 30 ms |');
    expect(summary).toContain(`- \`steps[1]\` (\`scenarios/hang.yaml:7\`): ${TIMED_OUT}\n`);
    expect(summary).toContain('h0-->>libvirtd: stopped by virthook after the 2 s timeout\n');
    expect(summary).toContain('h0-->>libvirtd: exit status 0, stdout/stderr held open after exit\n');
    expect(summary).toContain(`### ⚠️ detached helper [libvirt 9.0]\n\n- ⚠️ \`steps[0]\` (\`scenarios/detached.yaml:5\`): ${SURVIVOR}\n`);
  });
});
