import type { HookCall } from '../../../src/model/hook-call.js';
import type { HookDriver } from '../../../src/model/hook-driver.js';
import type { Command, ReplayOrder } from '../../../src/simulator/command.js';
import type { SimulatorState } from '../../../src/simulator/simulator-state.js';
import type { StepResult } from '../../../src/simulator/step-result.js';
import { AUTOSTARTED_MARKER } from '../../../src/status/status-paths.js';
import { formatNetwork } from '../../../src/xml/format-network.js';
import { ORACLE_DIR } from '../../support/oracle.js';
import { recordedLineToCommand } from './guest-line.js';
import type { TimelineSegment } from './oracle-timeline.js';
import { OK, Stepper } from './stepper.js';
import { virshListing } from './virsh-listing.js';

/** The environment part of the recorded hook errors (the daemon's, oracle README). */
const RECORDED_ENV = 'LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root USER=root LOGNAME=root TMPDIR=/tmp';

/** virRunScript's failure as libvirt reports it for a recorder rule (exit N or a signal, optional stderr). */
export function recordedHookError(call: HookCall, rule: Record<string, unknown>): string {
  const argv = [call.object, call.op, call.subop, call.extra].join(' ');
  const stderr = typeof rule['stderr'] === 'string' ? (rule['stderr'] as string).replace(/\n$/, '') : '';
  const how = rule['kill_self'] !== undefined ? `fatal signal ${String(rule['kill_self'])}` : `exit status ${String(rule['exit'])}`;
  return `Hook script execution failed: internal error: Child process (${RECORDED_ENV} /etc/libvirt/hooks/${call.driver} ${argv}) unexpected ${how}${stderr ? `: ${stderr}` : ''}`;
}

/** Whether a recorder control rule makes the main script of this call exit non-zero. */
function vetoes(rule: Record<string, unknown>, call: HookCall): boolean {
  const who = rule['who'] ?? rule['hook'];
  const fails = (rule['exit'] !== undefined && rule['exit'] !== 0) || rule['kill_self'] !== undefined;
  if (who !== call.driver || !fails) return false;
  return (rule['op'] === undefined || rule['op'] === call.op) && (rule['obj'] === undefined || rule['obj'] === call.object);
}

export interface ReplayedCommand {
  readonly line: string;
  readonly expected: { readonly output: string; readonly rc: number };
  readonly result: StepResult;
}

export interface TimelineReplay {
  readonly state: SimulatorState;
  readonly calls: HookCall[];
  readonly commands: ReplayedCommand[];
  /** `net-dumpxml` outputs next to the live XML the state gives. */
  readonly dumps: { readonly line: string; readonly expected: string; readonly actual: string }[];
  /** What the read-only listings (net-list, list, net-port-list, domiflist, domstate) printed, next to what the state gives. */
  readonly listings: { readonly line: string; readonly expected: string; readonly actual: string }[];
  readonly logs: string[];
}

export interface ReplayOptions {
  /** The port replay order of each daemon start in turn (libvirt's hash order of the recording). */
  readonly orders?: readonly ReplayOrder[];
  /** What every hook scan finds. @default ['daemon', 'qemu', 'network'] */
  readonly found?: readonly HookDriver[];
}

/**
 * Replays recorded transcript segments through the pure simulator: virsh lines become commands,
 * daemon comments become daemon steps, recorder rules veto the matching calls with libvirt's
 * recorded message. Nothing is spawned.
 */
export function replayTimeline(initial: SimulatorState, segments: readonly TimelineSegment[], options: ReplayOptions = {}): TimelineReplay {
  const commands: ReplayedCommand[] = [];
  const dumps: TimelineReplay['dumps'] = [];
  const listings: TimelineReplay['listings'] = [];
  const orders = [...(options.orders ?? [])];
  let rules: readonly Record<string, unknown>[] = [];
  const stepper = new Stepper(initial, {
    found: options.found ?? ['daemon', 'qemu', 'network'],
    answer: (call) => {
      const rule = rules.find((r) => vetoes(r, call));
      return rule ? { status: 'failed', error: recordedHookError(call, rule), output: null } : OK;
    },
  });
  const run = (command: Command): StepResult => stepper.run(command);
  for (const event of segments.flatMap((s) => s.events)) {
    if (event.kind === 'ctl') rules = event.rules;
    else if (event.kind === 'daemon-stop') run({ verb: 'daemon-stop' });
    else if (event.kind === 'daemon-start') run({ verb: 'daemon-start', ...(orders.length > 0 ? { order: orders.shift()! } : {}) });
    // The operator ran `rm /run/libvirt/network/autostarted` while the daemon was down.
    else if (event.kind === 'rm-autostarted') stepper.files.delete(AUTOSTARTED_MARKER);
    else {
      const dump = /^virsh -c qemu:\/\/\/system net-dumpxml (\S+)$/.exec(event.line);
      if (dump) {
        const obj = stepper.state.networks[dump[1]!]!;
        const actual = formatNetwork((obj.live ?? obj.config)!, { connections: obj.live ? obj.connections : 0, version: stepper.state.profile.version });
        dumps.push({ line: event.line, expected: event.output, actual: actual.trimEnd() });
        continue;
      }
      const listing = virshListing(stepper.state, event.line);
      if (listing !== null) {
        listings.push({ line: event.line, expected: event.output, actual: listing });
        continue;
      }
      const command = recordedLineToCommand(event.line, ORACLE_DIR);
      if (!command) continue;
      commands.push({ line: event.line, expected: { output: event.output, rc: event.rc }, result: run(command) });
    }
  }
  return { state: stepper.state, calls: stepper.calls, commands, dumps, listings, logs: stepper.logs };
}
