import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HookCall } from '../../src/model/hook-call.js';
import { libvirtProfile } from '../../src/model/libvirt-profile.js';
import type { Command } from '../../src/simulator/command.js';
import { seedSimulatorState } from '../../src/simulator/seed-simulator-state.js';
import type { StepResult } from '../../src/simulator/step-result.js';
import { parseDomainXml } from '../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../src/xml/parse-domain-interface.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { parseNetworkPortRequestXml } from '../../src/xml/parse-network-port.js';
import { ourView, withOurPortUuids, withReconnectsSorted, type CallView } from './support/compare-calls.js';
import { recordedHookError } from './support/replay-timeline.js';
import { OK, Stepper } from './support/stepper.js';

// A real libvirtd 9.0.0 (qemu 7.2 TCG guests) ran fixtures/xml/differential-guests/steps.json with
// a recording hook as qemu and network (capture-differential-guests.sh); the same steps run here.
const DIR = fileURLToPath(new URL('../../fixtures/xml/differential-guests/', import.meta.url));
const STEPS = JSON.parse(readFileSync(join(DIR, 'steps.json'), 'utf8')) as string[][];
const TRANSCRIPT = JSON.parse(readFileSync(join(DIR, 'transcript.json'), 'utf8')) as { rc: number; stdout: string; stderr: string }[];
type TraceLine = { marker: string } | { hook: string; argv: string[]; stdin: string; exit: number };
const TRACE = readFileSync(join(DIR, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceLine);

/** The recorded calls of each step, as `driver object op subop extra` and stdin. */
const RECORDED: CallView[][] = [];
for (const line of TRACE) {
  if ('marker' in line) RECORDED.push([]);
  else RECORDED.at(-1)!.push({ head: `${line.hook} ${line.argv.join(' ')}`, stdin: line.stdin });
}

/** The recorder's static vetoes (capture/rec.py), failing as libvirt reported them. */
function answer(call: HookCall) {
  const vetoed = (call.driver === 'qemu' && call.object === 'dd-vp' && call.op === 'prepare')
    || (call.driver === 'network' && call.op === 'port-created' && (call.stdin ?? '').includes("<mac address='52:54:00:dd:0e:02'/>"))
    || (call.driver === 'qemu' && call.object === 'dd-vs' && call.op === 'started');
  if (!vetoed) return OK;
  return { status: 'failed' as const, error: recordedHookError(call, { exit: 1, stderr: `dd veto ${call.object} ${call.op}\n` }), output: null };
}

const read = (path: string) => readFileSync(join(DIR, 'defs', basename(path)), 'utf8');
const option = (args: readonly string[], name: string) => args[args.indexOf(name) + 1]!;

/** The order libvirt replayed ports in at the restart (its hash order), as `network:mac`. */
const REPLAY_ORDER = RECORDED[STEPS.findIndex((s) => s[0] === 'daemon-restart')]!
  .filter((c) => c.head.startsWith('network ') && c.head.includes(' port-created '))
  .map((c) => `${c.head.split(' ')[1]}:${[...c.stdin.matchAll(/<mac address='([^']+)'/g)].at(-1)![1]}`);

function toCommand(step: readonly string[]): Command {
  const [verb, ...args] = step;
  switch (verb) {
    case 'net-define': return { verb, def: parseNetworkXml(read(args[0]!), args[0]!), file: args[0]! };
    case 'net-start': case 'net-destroy': return { verb, network: args[0]! };
    case 'define': return { verb, def: parseDomainXml(read(args[0]!), args[0]!), file: args[0]! };
    case 'start': case 'destroy': return { verb, domain: args[0]! };
    case 'attach-interface': {
      const xml = `<interface type='${args[1]}'><source network='${args[2]}'/><mac address='${option(args, '--mac')}'/><model type='${option(args, '--model')}'/></interface>`;
      return { verb, domain: args[0]!, iface: parseInterfaceXml(xml, 'attach-interface'), live: true, config: false };
    }
    // The guests run no OS: the unplug request is never answered (oracle e4).
    case 'detach-interface': return { verb, domain: args[0]!, type: args[1]!, mac: option(args, '--mac'), live: true, config: false, unplugIgnored: true };
    case 'net-port-create': return { verb, network: args[0]!, port: parseNetworkPortRequestXml(read(args[1]!), args[1]!), file: args[1]! };
    case 'net-port-delete': return { verb, network: args[0]!, port: args[1]! };
    case 'save': return { verb, domain: args[0]!, file: args[1]! };
    case 'restore': return { verb, file: args[0]! };
    case 'daemon-restart': return { verb, order: REPLAY_ORDER };
    default: throw new Error(`no command for ${verb}`);
  }
}

// The lab host could not shape traffic (no tc police action): `start dd-bw` failed there after its
// two port-created calls, on a tap; here it starts, so it is compared up to those calls and stopped.
const BANDWIDTH_STEP = STEPS.findIndex((s) => s.join(' ') === 'start dd-bw');

const stepper = new Stepper(seedSimulatorState({ profile: libvirtProfile('9.0'), seed: 'differential', hooksFound: ['qemu', 'network'] }), { answer, found: ['qemu', 'network'] });
const OURS: CallView[][] = [];
const RESULTS: StepResult[] = [];
STEPS.forEach((step, i) => {
  const before = stepper.calls.length;
  RESULTS.push(stepper.run(toCommand(step)));
  OURS.push(stepper.calls.slice(before).map(ourView));
  if (i === BANDWIDTH_STEP) stepper.run({ verb: 'destroy', domain: 'dd-bw' });
});

/**
 * Values libvirt generates at random (virUUIDGenerate, virMacAddrGenerate) and virthook from its
 * seed: MACs outside the pinned 52:54:00:dd range and virtualport ids. Both sides are numbered in
 * order of appearance, so the same generated value must appear in the same places.
 */
function numberGenerated(stdins: string[]): string[] {
  const names = new Map<string, string>();
  const name = (kind: string) => (value: string) => names.get(value) ?? names.set(value, `${kind}${names.size}`).get(value)!;
  return stdins.map((s) => s
    .replace(/52:54:00:(?!dd:)[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}/g, name('MAC'))
    .replace(/(?<=(?:instanceid|interfaceid)=')(?!7b2e0d1f-|09b11c53-)[0-9a-f-]{36}/g, name('VPORT')));
}

/** The lab host runs guests in a cgroup partition; the oracle host did not (host-derived, dropped). */
const withoutPartition = (stdin: string) => stdin.replace('  <resource>\n    <partition>/machine</partition>\n  </resource>\n', '');

// What libvirt adds to disks at start (blockdev source index, the probed backing chain) and the
// format an empty cdrom loses at `started` are not modelled: dropped from both sides (README).
const withoutDiskRuntime = (stdin: string) => stdin
  .replace(/(<source file='[^']*') index='\d+'\/>/g, '$1/>')
  .replace(/ *<backingStore\/>\n/g, '')
  .replace(/ *<source index='\d+'\/>\n/g, '')
  .replace(/(<disk type='file' device='cdrom'>\n *<driver name='qemu') type='raw'\/>/g, '$1/>');

const recordedAll = RECORDED.flatMap((calls, i) => (i === BANDWIDTH_STEP ? calls.slice(0, 3) : calls).map((c) => ({ ...c, step: i })));
const oursAll = OURS.flatMap((calls, i) => (i === BANDWIDTH_STEP ? calls.slice(0, 3) : calls).map((c) => ({ ...c, step: i })));
const ours = withReconnectsSorted(oursAll);
const recordedSorted = withReconnectsSorted(recordedAll);
const recordedNamed = withOurPortUuids(recordedSorted, ours);
const theirs = numberGenerated(recordedNamed.map((c) => withoutDiskRuntime(withoutPartition(c.stdin))));
const mine = numberGenerated(ours.map((c) => withoutDiskRuntime(c.stdin)));

describe('differential guests (a real libvirtd 9.0.0 on definitions virthook had not seen)', () => {
  it('makes the recorded hook calls, step by step, in the recorded order', () => {
    const heads = (calls: readonly { head: string; step: number }[]) => calls.map((c) => `${STEPS[c.step]!.join(' ')}: ${c.head}`);
    expect(heads(ours as never)).toEqual(heads(recordedSorted as never));
  });

  it.each(recordedNamed.map((c, i) => [i, c.head, i] as const))('#%i %s gets byte-identical stdin', (_n, _head, i) => {
    expect(mine[i] ?? '').toBe(theirs[i]!);
  });

  it('prints what virsh printed', () => {
    const strip = (text: string) => text.replace(/\n+$/, '');
    const texts = (pick: (i: number) => { ok: boolean; text: string }) => STEPS.map((s, i) => (i === BANDWIDTH_STEP || s[0] === 'daemon-restart' ? null : { step: s.join(' '), ...pick(i) }));
    expect(texts((i) => ({ ok: RESULTS[i]!.ok, text: RESULTS[i]!.ok ? RESULTS[i]!.output : RESULTS[i]!.error ?? '' })))
      .toEqual(texts((i) => ({ ok: TRANSCRIPT[i]!.rc === 0, text: strip(TRANSCRIPT[i]!.rc === 0 ? TRANSCRIPT[i]!.stdout : TRANSCRIPT[i]!.stderr) })));
  });
});

describe('differential guests, vlan checks (differential-guests/vlan)', () => {
  const vdir = join(DIR, 'vlan');
  const steps = JSON.parse(readFileSync(join(vdir, 'steps.json'), 'utf8')) as string[][];
  const transcript = JSON.parse(readFileSync(join(vdir, 'transcript.json'), 'utf8')) as { rc: number; stdout: string; stderr: string }[];
  const recorded: string[][] = [];
  for (const line of readFileSync(join(vdir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as TraceLine)) {
    if ('marker' in line) recorded.push([]);
    else recorded.at(-1)!.push(`${line.hook} ${line.argv.join(' ')}`);
  }
  const vread = (path: string) => readFileSync(join(vdir, 'defs', basename(path)), 'utf8');
  const run = new Stepper(seedSimulatorState({ profile: libvirtProfile('9.0'), seed: 'vlan', hooksFound: ['qemu', 'network'] }), { found: ['qemu', 'network'] });
  const at = (line: string) => steps.findIndex((s) => s.join(' ') === line);
  const calls = (command: Command) => {
    const before = run.calls.length;
    const result = run.run(command);
    return { result, heads: run.calls.slice(before).map((c) => ourView(c).head) };
  };
  for (const step of steps.slice(0, at('start dd-isol'))) {
    const [verb, arg] = step;
    run.run(verb === 'define' ? { verb, def: parseDomainXml(vread(arg!), arg!), file: arg! } : verb === 'net-define'
      ? { verb, def: parseNetworkXml(vread(arg!), arg!), file: arg! } : { verb: verb as 'net-start', network: arg! });
  }

  it('a type=bridge NIC with a vlan fails the start after the earlier NIC port-created, as recorded', () => {
    const i = at('start dd-brvlan');
    const { result, heads } = calls({ verb: 'start', domain: 'dd-brvlan' });
    expect(heads).toEqual(recorded[i]);
    expect(result.error).toBe(transcript[i]!.stderr.replace(/\n$/, ''));
  });

  it('a hot-plugged NIC with a vlan on a NAT network gets its port, then loses it (port-deleted)', () => {
    const i = at(`attach-device dd-hot ${steps[at('start dd-hot') + 1]![2]} --live`);
    calls({ verb: 'start', domain: 'dd-hot' });
    const iface = parseInterfaceXml(vread('nic-vlan.xml'), 'nic-vlan.xml');
    const { result, heads } = calls({ verb: 'attach-interface', domain: 'dd-hot', iface, live: true, config: false });
    expect(heads).toEqual(recorded[i]);
    // virsh attach-device says `Failed to attach device from FILE`; the libvirt error is the same
    expect(result.error!.split('\n')[1]).toBe(transcript[i]!.stderr.split('\n')[1]);
  });
});
