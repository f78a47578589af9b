import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirthookError } from '../../src/errors/virthook-error.js';
import { createSession } from '../../src/harness/create-session.js';
import type { Session } from '../../src/harness/session.js';
import type { Command, NetUpdateCommand, NetUpdateSection } from '../../src/simulator/command.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { survivors } from '../support/survivors.js';

// plan.json (from plan.py) ran on a real libvirtd 9.0.0 with the recorder hooks of hooks/
// (capture-differential.sh): real-9.0.json holds virsh's output and every hook run per op.
const DIR = fileURLToPath(new URL('../../fixtures/xml/differential/', import.meta.url));
type Op = { readonly op: string; readonly net?: string; readonly inactive?: boolean; readonly file?: string; readonly dev?: string; readonly rules?: unknown;
  readonly command?: string; readonly section?: string; readonly xml?: string; readonly flags?: readonly string[]; readonly parentIndex?: number };
interface Call { readonly script: string; readonly argv: readonly string[]; readonly stdin: string }
interface Captured { readonly op: Op; readonly rc?: number; readonly stdout?: string; readonly stderr?: string; readonly calls?: readonly Call[] }
const plan: readonly Op[] = JSON.parse(readFileSync(join(DIR, 'plan.json'), 'utf8'));
const real: readonly Captured[] = JSON.parse(readFileSync(join(DIR, 'real-9.0.json'), 'utf8'));

// Networks defined without uuid/mac: libvirt's are random, so those two are masked (virbrN is not).
const GENERATED = new Set(['dn-auto-a', 'dn-auto-b', 'dn-auto-c', 'dn-auto-tmpl', 'dn-transient']);
const mask = (call: Call) => (GENERATED.has(call.argv[0]!)
  ? { ...call, stdin: call.stdin.replace(/<uuid>[0-9a-f-]{36}<\/uuid>/g, '<uuid>UUID</uuid>').replace(/<mac address='[0-9a-f:]{17}'\/>/g, "<mac address='MAC'/>") }
  : call);

// Host-dependent outcomes virthook does not model (README: known differences): SR-IOV VFs of a
// hostdev pf, firewalld for a zone, the kernel's bridge vlan_filtering for macTableManager.
const HOST_DEPENDENT = new Set(['dn-hostdev', 'dn-zone', 'dn-bridge-attrs']);
const hostDependent = (index: number) => HOST_DEPENDENT.has(plan[index]!.net ?? '') && ['net-start', 'net-destroy'].includes(plan[index]!.op);

function toCommand(op: Op): Command | { readonly error: string } | null {
  switch (op.op) {
    case 'ctl': return { verb: 'hook-file', change: { op: 'write', path: 'ctl.json', content: JSON.stringify(op.rules), mode: 0o644 } };
    case 'link-del': return { verb: 'host-link-del', bridge: op.dev! };
    case 'kill-dnsmasq': return { verb: 'host-kill-dnsmasq', network: op.net! };
    case 'net-define':
    case 'net-create':
      try {
        return { verb: op.op, def: parseNetworkXml(readFileSync(join(DIR, op.file!), 'utf8'), op.file!), file: op.file! };
      } catch (error) {
        // virthook refuses a definition libvirt refuses when it is read, with libvirt's message.
        if (!(error instanceof VirthookError) || !error.problems[0]) throw error;
        const verb = op.op === 'net-define' ? 'define' : 'create';
        return { error: `error: Failed to ${verb} network from ${op.file}\nerror: ${error.problems[0].message}` };
      }
    case 'net-start':
    case 'net-destroy':
    case 'net-undefine': return { verb: op.op, network: op.net! };
    case 'net-update':
      return { verb: 'net-update', network: op.net!, command: op.command as NetUpdateCommand, section: op.section as NetUpdateSection, xml: op.xml!,
        parentIndex: op.parentIndex ?? -1, live: op.flags!.includes('--live'), config: op.flags!.includes('--config') };
    default: return null; // net-dumpxml: read from the files below
  }
}

interface Seen { readonly index: number; readonly rc: number; readonly text: string; readonly calls: readonly Call[] }

// What net-dumpxml prints, read from virthook's files: the config file without its header comment
// (--inactive, or a network that is not running), else the <network> of the status file.
function dumpxml(session: Session, op: Op): string | null {
  const text = (path: string) => { const content = session.files.get(path); return typeof content === 'string' ? content : undefined; };
  const config = text(`/etc/libvirt/qemu/networks/${op.net}.xml`);
  const status = text(`/run/libvirt/network/${op.net}.xml`);
  const live = status === undefined ? undefined : /\n {2}(<network[\s\S]*?\n {2}<\/network>)/.exec(status)?.[1]?.replace(/^ {2}/gm, '');
  const inactive = config?.replace(/^<!--[\s\S]*?-->\n/, '').trim();
  return ((op.inactive ? inactive ?? live : live ?? inactive) ?? null);
}

describe('differential: 35 new network definitions through 311 virsh operations, against a real libvirtd 9.0.0', () => {
  const seen: Seen[] = [];
  const dumps: { index: number; xml: string | null }[] = [];
  let hooks: string;
  let session: Session;

  beforeAll(async () => {
    hooks = mkdtempSync(join(tmpdir(), 'virthook-differential-'));
    cpSync(join(DIR, 'hooks'), hooks, { recursive: true });
    session = await createSession({ hooksDir: hooks, libvirt: '9.0', seed: 'differential' });
    const ranges: { index: number; from: number; to: number; rc: number; text: string }[] = [];
    for (const [index, op] of plan.entries()) {
      if (op.op === 'net-dumpxml' && real[index]!.rc === 0) dumps.push({ index, xml: dumpxml(session, op) });
      const command = toCommand(op);
      if (command === null) continue;
      if ('error' in command) { ranges.push({ index, from: 0, to: 0, rc: 1, text: command.error }); continue; }
      const from = session.invocationCount;
      const step = await session.run(command);
      if (!['ctl', 'link-del', 'kill-dnsmasq'].includes(op.op)) ranges.push({ index, from, to: session.invocationCount, rc: step.ok ? 0 : 1, text: step.ok ? step.output : step.error! });
    }
    const runs = session.recording.invocations;
    for (const r of ranges) {
      seen.push({ index: r.index, rc: r.rc, text: r.text, calls: runs.slice(r.from, r.to).map((i) => ({ script: i.hook, argv: i.argv, stdin: i.stdin })) });
    }
  }, 120_000);

  afterAll(async () => {
    await session?.dispose();
    if (hooks) rmSync(hooks, { recursive: true, force: true });
  });

  const compared = () => seen.filter((s) => !hostDependent(s.index));

  it('virsh prints what it printed, op by op', () => {
    const ours = compared().map((s) => ({ index: s.index, op: plan[s.index], rc: s.rc, text: s.text }));
    const theirs = compared().map((s) => {
      const r = real[s.index]!;
      return { index: s.index, op: r.op, rc: r.rc, text: (r.rc === 0 ? r.stdout! : r.stderr!).trimEnd() };
    });
    expect(ours).toEqual(theirs);
  });

  it('the same scripts run with the same argv and stdin bytes, in the same order (generated uuid/mac masked)', () => {
    const ours = compared().map((s) => ({ index: s.index, calls: s.calls.map(mask) }));
    const theirs = compared().map((s) => ({ index: s.index, calls: real[s.index]!.calls!.map(mask) }));
    expect(ours).toEqual(theirs);
    expect(ours.flatMap((o) => o.calls).length).toBeGreaterThan(150);
  });

  it('net-dumpxml (live and --inactive) prints what virthook keeps in its config and status files', () => {
    const maskXml = (index: number, xml: string | null) => (GENERATED.has(plan[index]!.net!) && xml !== null
      ? mask({ script: '', argv: [plan[index]!.net!], stdin: xml }).stdin : xml);
    const compared = dumps.filter((d) => !(HOST_DEPENDENT.has(plan[d.index]!.net!) && !plan[d.index]!.inactive));
    expect(compared.map((d) => ({ index: d.index, xml: maskXml(d.index, d.xml) })))
      .toEqual(compared.map((d) => ({ index: d.index, xml: maskXml(d.index, real[d.index]!.stdout!.trim()) })));
    expect(compared.length).toBeGreaterThan(50);
  });

  it('leaves no process behind', async () => {
    await session.dispose();
    expect(survivors()).toEqual([]);
  });
});
