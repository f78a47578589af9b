import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/harness/create-session.js';
import type { Session, SessionStep } from '../../src/harness/session.js';
import { isRecord, ORACLE_DIR, readTrace, readTranscript, type TranscriptSegment } from '../support/oracle.js';
import { ORACLE_DAEMON_ENV } from '../support/oracle-daemon-env.js';
import { EXACT_VIEW_DOUBLES } from '../support/exact-view-doubles.js';
import { recorderHooks, type RecorderHooks } from '../support/recorder-hooks.js';
import { virshLineToCommand } from '../support/virsh-line.js';
import { survivors } from '../support/survivors.js';

// The network scenarios ran in this order on one daemon (their segments' timestamps); a2 ran much later.
const NETWORK_SCENARIOS = ['a-network-lifecycle', 'b-start-veto', 'c-started-veto', 'd-net-update'] as const;
const SCRIPTS = ['network', 'network.d/10-first', 'network.d/20-second'];

interface Replayed {
  readonly scenario: string;
  readonly line: string;
  readonly expected: string;
  readonly rc: number;
  readonly step: SessionStep;
}

// `pgrep -a dnsmasq` in the transcripts: which network's dnsmasq each pid was, and which ended.
const DNSMASQ_PID = /^(\d+) \/usr\/sbin\/dnsmasq --conf-file=\/var\/lib\/libvirt\/dnsmasq\/(\S+)\.conf/;
const DEFUNCT_PID = /^(\d+) \[dnsmasq\] <defunct>$/;

async function replay(session: Session, hooks: RecorderHooks, segments: readonly TranscriptSegment[], into: Replayed[]) {
  const dnsmasqOf = new Map<string, string>();
  for (const segment of segments) {
    for (const command of segment.commands) {
      if (command.line === 'pgrep -a dnsmasq') {
        // c4's cleanup ended the leaked dnsmasq (its pids are defunct): the admin's host-kill-dnsmasq.
        for (const line of command.output.split('\n')) {
          const alive = DNSMASQ_PID.exec(line);
          if (alive) dnsmasqOf.set(alive[1]!, alive[2]!);
          const ended = DEFUNCT_PID.exec(line);
          const network = ended && dnsmasqOf.get(ended[1]!);
          if (network) {
            dnsmasqOf.delete(ended[1]!);
            if ([...dnsmasqOf.values()].includes(network)) continue;
            await session.run({ verb: 'host-kill-dnsmasq', network });
          }
        }
        continue;
      }
      const simulated = virshLineToCommand(command.line, ORACLE_DIR);
      if (!simulated) continue;
      hooks.setRules(command.rules);
      const step = await session.run(simulated);
      into.push({ scenario: segment.scenario, line: command.line, expected: command.output, rc: command.rc, step });
    }
  }
}

/** The recorded network-hook runs of a scenario, in order (daemon and qemu hooks are other specs'). */
function recordedNetworkRuns(scenario: string) {
  return readTrace(scenario).filter(isRecord).filter((r) => !r.argv[0]!.endsWith('/daemon'));
}

describe('oracle a-d: network lifecycle against real hooks, byte for byte (libvirt 9.0)', () => {
  const replayed: Replayed[] = [];
  let hooks: RecorderHooks;
  let session: Session;

  beforeAll(async () => {
    hooks = recorderHooks(SCRIPTS);
    session = await createSession({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: ORACLE_DAEMON_ENV, ...EXACT_VIEW_DOUBLES });
    const segments = NETWORK_SCENARIOS.flatMap((name) => readTranscript(name));
    const first = segments.filter((s) => !s.commands.some((c) => c.line.includes('net-create')));
    await replay(session, hooks, first.sort((x, y) => x.at.localeCompare(y.at)), replayed);
    await session.dispose();
    // a2 (net-create of a transient network) ran on a fresh daemon after other scenarios.
    session = await createSession({ hooksDir: hooks.dir, libvirt: '9.0', daemonEnv: ORACLE_DAEMON_ENV, ...EXACT_VIEW_DOUBLES });
    await replay(session, hooks, segments.filter((s) => s.commands.some((c) => c.line.includes('net-create'))), replayed);
  });

  afterAll(async () => {
    await session?.dispose();
    hooks?.remove();
  });

  it('prints what virsh printed for every command', () => {
    const outputs = replayed.map((r) => ({ line: r.line, rc: r.step.ok ? 0 : 1, text: r.step.ok ? r.step.output : r.step.error }));
    expect(outputs).toEqual(replayed.map((r) => ({ line: r.line, rc: r.rc, text: r.expected })));
  });

  for (const scenario of NETWORK_SCENARIOS) {
    it(`${scenario}: the same scripts get the same argv, env, cwd and stdin bytes in the same order`, () => {
      const ours = replayed.filter((r) => r.scenario === scenario).flatMap((r) => r.step.calls.flatMap((c) => c.scripts));
      const seen = ours.map((run) => JSON.parse(run.stdout.toString('utf8').split('\n')[0]!) as Record<string, unknown>);
      const recorded = recordedNetworkRuns(scenario);
      expect(ours.map((run) => `/etc/libvirt/hooks/${run.hook}`)).toEqual(recorded.map((r) => r.argv[0]));
      // What the hook itself observed (argv, environ, cwd, stdin), not what the harness believes it sent.
      expect(seen).toEqual(recorded.map((r) => ({ argv: r.argv.slice(1), env: r.env, cwd: r.cwd, stdin: r.stdin_text })));
    });
  }

  it('leaves no process behind once the session is disposed', async () => {
    await session.dispose();
    expect(survivors()).toEqual([]);
  });
});
