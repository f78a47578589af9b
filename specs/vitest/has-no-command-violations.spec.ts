import { describe, expect, it } from 'vitest';
import '../../src/vitest.js';
import { runNetworkHook, useFirewallRun } from './firewall-session.js';

const run = useFirewallRun();

describe('toHaveNoCommandViolations', () => {
  it('passes when nothing was refused and nothing called back into libvirt', () => {
    expect(run.start.ok).toBe(true);
    expect(run.start).toHaveNoCommandViolations();
    expect(run.start.calls[1]!).toHaveNoCommandViolations();
  });

  it('fails a step whose hook succeeded but ran an undoubled command in strict mode and called virsh', () => {
    // libvirt's outcome is untouched: the hook exited 0, so the step succeeded.
    expect(run.destroy.ok).toBe(true);
    expect(() => expect(run.destroy).toHaveNoCommandViolations()).toThrow([
      'expected no strict-mode refusal and no call back into libvirt, but there were 2:',
      '  - network ran systemctl restart dnsmasq, which is neither doubled nor allowed (strict mode). Double it in the scenario (doubles: { systemctl: { replies: [{ stdout: ..., exit: 0 }] } }) or let it run for real (allow: [systemctl]).',
      "  - network ran virsh net-list: this deadlocks a real libvirtd (libvirt runs hooks synchronously while holding the network's lock). Do the work outside the hook, or set libvirt-callbacks: allow in the scenario (libvirtCallbacks in code) if this is intended.",
    ].join('\n'));
    expect(() => expect([run.start, run.destroy]).toHaveNoCommandViolations()).toThrow(/there were 2/);
    expect(run.destroy).not.toHaveNoCommandViolations();
    expect(() => expect(run.start).not.toHaveNoCommandViolations()).toThrow(/^expected a strict-mode refusal or a call back into libvirt, but there was none; commands that ran:\n {2}iptables/);
  });
});

describe('toHaveNoCommandViolations on a session without a doubles option', () => {
  it('fails on a call back into libvirt, watched by default', async () => {
    const plain = await runNetworkHook('#!/bin/sh\ncat >/dev/null\n[ "$2" = started ] && virsh net-list >/dev/null 2>&1\nexit 0\n');
    try {
      expect(plain.start.ok).toBe(true);
      expect(() => expect(plain.start).toHaveNoCommandViolations()).toThrow(/but there was 1:\n {2}- network ran virsh net-list: this deadlocks a real libvirtd/);
      expect(plain.destroy).toHaveNoCommandViolations();
    } finally {
      await plain.dispose();
    }
  });
});
