import { describe, expect, it } from 'vitest';
import { libvirtCallbackMessage, LIBVIRT_CALLBACK_REPLY, refusalMessage } from '../../src/doubles/violation-messages.js';

describe('violation messages', () => {
  it('say once, in one sentence, why a call back into libvirt deadlocks, naming the lock the script runs under', () => {
    const tail = ' Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended.';
    expect(libvirtCallbackMessage('network.d/10-nat', 'ran virsh net-list')).toBe(
      `network.d/10-nat ran virsh net-list: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the network's lock).${tail}`,
    );
    expect(libvirtCallbackMessage('qemu', 'connected to /run/libvirt/virtqemud-sock')).toBe(
      `qemu connected to /run/libvirt/virtqemud-sock: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the domain's lock).${tail}`,
    );
    expect(libvirtCallbackMessage('daemon', 'ran virsh list')).toBe(`daemon ran virsh list: this deadlocks a real libvirtd (libvirt runs hooks synchronously and waits for them to exit).${tail}`);
    for (const message of [libvirtCallbackMessage('lxc.d/x', 'ran virsh list'), LIBVIRT_CALLBACK_REPLY.stderr]) {
      expect(message.match(/deadlock/g)).toHaveLength(1);
    }
  });

  it('tell how to double or allow a refused command', () => {
    expect(refusalMessage('network', 'ip link', 'ip')).toBe(
      'network ran ip link, which is neither doubled nor allowed (strict mode). Double it in the scenario (doubles: { ip: { replies: [{ stdout: ..., exit: 0 }] } }) or let it run for real (allow: [ip]).',
    );
  });
});
