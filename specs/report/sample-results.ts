import type { RecordedInvocation } from '../../src/model/recording.js';
import type { ScenarioResult } from '../../src/scenario/scenario-result.js';

const ENV = ['LC_ALL=C', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOME=/root', 'USER=root', 'LOGNAME=root', 'TMPDIR=/tmp'];

function run(hook: string, argv: [string, string, string, string], stepIndex: number, extra: Partial<RecordedInvocation> = {}): RecordedInvocation {
  return { hook, argv, stdin: '<hookData/>', env: ENV, cwd: '/', exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 3, stepIndex, ...extra };
}

const VETO =
  'error: Failed to start network lvo-iso\nerror: Hook script execution failed: internal error: Child process (LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp /etc/libvirt/hooks/network lvo-iso start begin -) unexpected exit status 1: no IP on lvo-iso & <refusing>';

/** Results as runScenario returns them, with fixed durations: one passing scenario, one failing on 9.0 only. */
export const sampleResults: ScenarioResult[] = [
  {
    name: 'nat lifecycle',
    description: null,
    file: 'scenarios/nat.yaml',
    hooksDir: '/repo/hooks',
    passed: true,
    runs: [
      {
        libvirt: '9.0',
        passed: true,
        durationMs: 12,
        failures: [],
        steps: [
          { index: 0, step: 'net-define lvo-nat', path: 'networks[0]', line: 3, ok: true, vetoed: false, output: 'Network lvo-nat defined from nat.xml', error: null },
          { index: 1, step: 'net-start lvo-nat', path: 'steps[0]', line: 5, ok: true, vetoed: false, output: 'Network lvo-nat started', error: null },
        ],
        recording: {
          invocations: [run('network', ['lvo-nat', 'start', 'begin', '-'], 1, { stdout: 'starting lvo-nat\n' }), run('network', ['lvo-nat', 'started', 'begin', '-'], 1)],
          steps: [
            { step: 'net-define lvo-nat', ok: true, error: null },
            { step: 'net-start lvo-nat', ok: true, error: null },
          ],
        },
      },
    ],
  },
  {
    name: 'guard # isolated',
    description: 'the guard vetoes an isolated network without an IP',
    file: 'scenarios/guard.yaml',
    hooksDir: '/repo/hooks',
    passed: false,
    runs: [
      {
        libvirt: '9.0',
        passed: false,
        durationMs: 7,
        failures: [
          {
            path: 'steps[0].expect.ok',
            message: 'the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso & <refusing>',
            expected: 'ok: true',
            actual: `ok: false\n${VETO}`,
            stepIndex: 1,
            line: 6,
          },
          {
            path: 'steps[0].expect.calls[0].stdin.equals',
            message: 'network lvo-iso start begin - ran, but stdin differs from the expected document',
            expected: '<a/>',
            actual: '<hookData/>',
            diff: ['--- expected', '+++ actual', '@@ -1,1 +1,1 @@', '-<a/>', '+<hookData/>'],
            invocation: 0,
            stepIndex: 1,
            line: 6,
          },
          {
            path: 'expect.calls[1]',
            message: 'expected network.d/20-log * stopped to run, but it did not',
            expected: 'network.d/20-log * stopped',
            actual: 'network lvo-iso start begin -',
            ranInstead: ['network lvo-iso start begin -'],
            missingHook: 'network.d/20-log',
            hint: 'network.d/20-log exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?',
            stepIndex: null,
            line: 12,
          },
        ],
        steps: [
          { index: 0, step: 'net-define lvo-iso', path: 'networks[0]', line: 3, ok: true, vetoed: false, output: 'Network lvo-iso defined from iso.xml', error: null },
          { index: 1, step: 'net-start lvo-iso', path: 'steps[0]', line: 6, ok: false, vetoed: true, output: '', error: VETO },
        ],
        recording: {
          invocations: [run('network', ['lvo-iso', 'start', 'begin', '-'], 1, { exitCode: 1, stderr: 'no IP on lvo-iso & <refusing>\n\u001b[0m' })],
          steps: [
            { step: 'net-define lvo-iso', ok: true, error: null },
            { step: 'net-start lvo-iso', ok: false, error: VETO },
          ],
        },
      },
      {
        libvirt: '11.3',
        passed: true,
        durationMs: 8,
        failures: [],
        steps: [],
        recording: { invocations: [], steps: [] },
      },
    ],
  },
];

const STOPPED = 'error: Failed to start network lab\nerror: Hook script /etc/libvirt/hooks/network was stopped by virthook after the 2 s timeout: a real libvirtd would still be waiting (libvirt has no timeout).';

/**
 * runScenario's verdicts on the hook processes: a run failing on a `start` hook virthook stopped at
 * its timeout and on a `started` hook whose child held its pipes, and a run that passes with a
 * survivor warning.
 */
export const hangResults: ScenarioResult[] = [
  {
    name: 'hanging hooks',
    description: null,
    file: 'scenarios/hang.yaml',
    hooksDir: '/repo/hooks',
    passed: false,
    runs: [
      {
        libvirt: '9.0',
        passed: false,
        durationMs: 2_100,
        failures: [
          {
            path: 'steps[0]',
            message: 'network lab started begin -: the hook exited, but 45 (sleep 300) kept its stdout/stderr open: a real libvirtd would block here until they exit (virthook stopped waiting 250 ms after the exit and killed them)',
            stepIndex: 1,
            line: 5,
            invocation: 1,
          },
          {
            path: 'steps[1]',
            message: 'network lab start begin -: the hook was stopped by virthook after the 2 s timeout: a real libvirtd would still be waiting (libvirt has no timeout)',
            stepIndex: 3,
            line: 7,
            invocation: 3,
          },
        ],
        warnings: [],
        steps: [
          { index: 0, step: 'net-define lab', path: 'networks[0]', line: 3, ok: true, vetoed: false, output: 'Network lab defined from lab.xml', error: null },
          { index: 1, step: 'net-start lab', path: 'steps[0]', line: 5, ok: true, vetoed: false, output: 'Network lab started', error: null },
          { index: 2, step: 'net-destroy lab', path: 'steps[1]', line: 6, ok: true, vetoed: false, output: 'Network lab destroyed', error: null },
          { index: 3, step: 'net-start lab', path: 'steps[1]', line: 7, ok: false, vetoed: false, output: '', error: STOPPED },
        ],
        recording: {
          invocations: [
            run('network', ['lab', 'start', 'begin', '-'], 1),
            run('network', ['lab', 'started', 'begin', '-'], 1, { lingering: { afterExitMs: 250, holders: [{ pid: 45, command: 'sleep 300' }] } }),
            run('network', ['lab', 'stopped', 'end', '-'], 2),
            run('network', ['lab', 'start', 'begin', '-'], 3, { exitCode: null, signal: 'SIGTERM', stderr: 'lab: waiting for the lock\n', timedOut: true, timeoutMs: 2_000 }),
          ],
          steps: [
            { step: 'net-define lab', ok: true, error: null },
            { step: 'net-start lab', ok: true, error: null },
            { step: 'net-destroy lab', ok: true, error: null },
            { step: 'net-start lab', ok: false, error: STOPPED },
          ],
        },
      },
    ],
  },
  {
    name: 'detached helper',
    description: null,
    file: 'scenarios/detached.yaml',
    hooksDir: '/repo/hooks',
    passed: true,
    runs: [
      {
        libvirt: '9.0',
        passed: true,
        durationMs: 30,
        failures: [],
        warnings: [{
          stepIndex: 1,
          path: 'steps[0]',
          line: 5,
          invocation: 0,
          message: 'network lab started begin -: 46 (sleep 300) outlived the hook with stdio redirected (libvirt does not wait for them); virthook killed them, a real host keeps them running',
        }],
        steps: [
          { index: 0, step: 'net-define lab', path: 'networks[0]', line: 3, ok: true, vetoed: false, output: 'Network lab defined from lab.xml', error: null },
          { index: 1, step: 'net-start lab', path: 'steps[0]', line: 5, ok: true, vetoed: false, output: 'Network lab started', error: null },
        ],
        recording: {
          invocations: [run('network', ['lab', 'started', 'begin', '-'], 1, { survivors: [{ pid: 46, command: 'sleep 300' }] })],
          steps: [
            { step: 'net-define lab', ok: true, error: null },
            { step: 'net-start lab', ok: true, error: null },
          ],
        },
      },
    ],
  },
];
