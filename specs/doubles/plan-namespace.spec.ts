import { describe, expect, it } from 'vitest';
import type { InterceptionInput } from '../../src/doubles/intercepted-commands.js';
import { LIBVIRT_SOCKET_NAMES } from '../../src/doubles/libvirt-sockets.js';
import { type DoublesOptions, normalizeDoubles } from '../../src/doubles/normalize-doubles.js';
import { type NamespaceLayout, planNamespace } from '../../src/doubles/plan-namespace.js';
import { MERGED_USR, tableFs } from './table-fs.js';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const fs = tableFs(MERGED_USR);
const sockets = new Map(LIBVIRT_SOCKET_NAMES.map((name) => [name, `/slot/libvirt/${name}`]));
const LAYOUT: NamespaceLayout = { hooksDir: '/work/hooks', libvirtHooksDir: '/etc/libvirt/hooks', shim: '/slot/shim', viewRoot: '/slot/views', sockets };

function input(options: DoublesOptions, extra: Partial<InterceptionInput> = {}): InterceptionInput {
  return { config: normalizeDoubles(options).config, hookPath: PATH, interpreters: ['sh'], protectedPaths: ['/usr/bin/python3.11'], ...extra };
}

const viewOf = (plan: ReturnType<typeof planNamespace>, dir: string) => {
  const op = plan.ops.find((o) => o.op === 'overlay' && o.target === dir);
  return op && 'lower' in op ? plan.views.find((v) => v.dir === op.lower)?.names : undefined;
};

describe('planNamespace', () => {
  it('shows by-name doubles in every bin directory, /sbin and /bin folded into /usr', () => {
    const plan = planNamespace(input({ doubles: { iptables: {} } }), LAYOUT, fs);
    const overlays = plan.ops.filter((o) => o.op === 'overlay').map((o) => ('target' in o ? o.target : ''));
    expect(overlays).toEqual(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin']);
    expect(viewOf(plan, '/usr/sbin')).toEqual(['iptables', 'logger', 'virsh']);
    // iptables is a symlink to a multi-call binary: only the name is replaced, ip6tables stays real.
    expect(plan.lookup.get('/usr/sbin/iptables')?.command).toBe('iptables');
    expect(plan.lookup.has('/usr/sbin/ip6tables')).toBe(false);
    expect(plan.lookup.get('/usr/bin/virsh')?.double?.libvirtClient).toBe(true);
  });

  it('shows an absolute-path double only at its path, and creates what the host lacks', () => {
    const plan = planNamespace(input({ doubles: { '/sbin/ip': {}, '/usr/local/libexec/vendor/fwctl': {}, '/opt/tool': {} } }), LAYOUT, fs);
    expect(viewOf(plan, '/usr/sbin')).toEqual(['ip', 'logger', 'virsh']);
    expect(plan.lookup.get('/usr/sbin/ip')?.command).toBe('/sbin/ip');
    expect(plan.lookup.has('/usr/bin/ip')).toBe(false);
    expect(plan.ops).toContainEqual({ op: 'shadow', target: '/usr/local' });
    expect(plan.ops).toContainEqual({ op: 'mkdir', target: '/usr/local/libexec/vendor' });
    expect(plan.ops).toContainEqual({ op: 'bind', source: '/slot/shim', target: '/usr/local/libexec/vendor/fwctl' });
    // Creating /opt would mean covering / itself: refused, and said.
    expect(plan.warnings).toEqual(["Cannot show the double /opt/tool in the hook's namespace: /opt does not exist and virthook does not cover / to create it."]);
  });

  it('shows the hooks directory at libvirt\'s path and libvirt\'s sockets, in a safe order', () => {
    const plan = planNamespace(input({}), LAYOUT, fs);
    expect(plan.hooksShown).toBe(true);
    const kinds = plan.ops.map((o) => o.op);
    expect(kinds[0]).toBe('slave');
    // Every shadow before any mkdir, mkdirs before overlays, binds last.
    expect(kinds.lastIndexOf('shadow')).toBeLessThan(kinds.indexOf('mkdir'));
    expect(kinds.lastIndexOf('mkdir')).toBeLessThan(kinds.indexOf('overlay'));
    expect(kinds.lastIndexOf('overlay')).toBeLessThan(kinds.indexOf('bind'));
    expect(plan.ops).toContainEqual({ op: 'shadow', target: '/etc/libvirt' });
    expect(plan.ops).toContainEqual({ op: 'bind', source: '/work/hooks', target: '/etc/libvirt/hooks' });
    // /var/run is /run here: one socket directory, created inside a shadow of /run.
    expect(plan.ops).toContainEqual({ op: 'shadow', target: '/run' });
    expect(plan.ops.filter((o) => o.op === 'bind' && o.target.startsWith('/run/libvirt/'))).toHaveLength(LIBVIRT_SOCKET_NAMES.length);
    expect(plan.ops).toContainEqual({ op: 'bind', source: '/slot/libvirt/virtqemud-sock', target: '/run/libvirt/virtqemud-sock' });
  });

  it('covers an existing /run/libvirt (a real daemon\'s sockets) and skips sockets when callbacks are allowed', () => {
    const withDaemon = tableFs({ ...MERGED_USR, '/run/libvirt/libvirt-sock': 'file', '/etc/libvirt/hooks': 'dir' });
    const plan = planNamespace(input({}), LAYOUT, withDaemon);
    expect(plan.ops).toContainEqual({ op: 'tmpfs', target: '/run/libvirt' });
    expect(plan.ops.filter((o) => o.op === 'shadow')).toEqual([]);
    const quiet = planNamespace(input({ libvirtCallbacks: 'allow' }), { ...LAYOUT, sockets: new Map() }, withDaemon);
    expect(quiet.ops.some((o) => 'target' in o && o.target.startsWith('/run'))).toBe(false);
    const same = planNamespace(input({}), { ...LAYOUT, hooksDir: '/etc/libvirt/hooks' }, withDaemon);
    expect(plan.ops).toContainEqual({ op: 'bind', source: '/work/hooks', target: '/etc/libvirt/hooks' });
    expect(same.hooksShown).toBe(true);
    expect(same.ops.some((o) => o.op === 'bind' && o.target === '/etc/libvirt/hooks')).toBe(false);
  });

  it('in strict mode refuses every present or commonly used command that is not allowed', () => {
    const plan = planNamespace(input({ strict: true, allow: ['nproc'], doubles: { python3: {} } }), LAYOUT, fs);
    const usrBin = viewOf(plan, '/usr/bin') ?? [];
    expect(usrBin).toEqual(expect.arrayContaining(['systemctl', 'ip', 'firewall-cmd', 'logger', 'virsh', 'python3']));
    // Allowed, their link targets (sh -> dash, awk -> alternatives -> mawk) and the shim's interpreter stay real.
    for (const name of ['sh', 'dash', 'bash', 'cat', 'env', 'awk', 'mawk', 'perl', 'nproc', 'python3.11']) expect(usrBin).not.toContain(name);
    expect(plan.lookup.get('/usr/bin/systemctl')).toEqual({ command: 'systemctl', double: null });
    expect(plan.lookup.get('/usr/bin/python3')?.double?.command).toBe('python3');
    expect(viewOf(plan, '/usr/sbin')).toEqual(expect.arrayContaining(['iptables', 'ip6tables', 'xtables-nft-multi', 'sysctl']));
  });

  it('builds the same key for the same namespace, another for another', () => {
    const a = planNamespace(input({ doubles: { iptables: {} } }), LAYOUT, fs);
    const b = planNamespace(input({ doubles: { iptables: { replies: [{ exit: 1 }] } } }), LAYOUT, fs);
    const c = planNamespace(input({ doubles: { nft: {} } }), LAYOUT, fs);
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});
