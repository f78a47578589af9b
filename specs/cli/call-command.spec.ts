import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { survivors } from '../support/survivors.js';
import { runCli } from './support/cli-repo.js';

let dir: string;
const fixture = (name: string) => new URL(`../../fixtures/hooks/${name}`, import.meta.url);

/** Real hooks: `echo` prints its stdin back; `veto` also has network.d/50-veto, which always fails. */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virthook-call-'));
  await mkdir(join(dir, 'echo'), { recursive: true });
  await mkdir(join(dir, 'veto/network.d'), { recursive: true });
  await mkdir(join(dir, 'none/qemu.d'), { recursive: true });
  await copyFile(fixture('cat-stdin'), join(dir, 'echo/network'));
  await copyFile(fixture('exit-0'), join(dir, 'veto/network'));
  await copyFile(fixture('fail-with-stderr'), join(dir, 'veto/network.d/50-veto'));
  await mkdir(join(dir, 'flood'));
  await copyFile(fixture('flood-stdout'), join(dir, 'flood/network'));
  await mkdir(join(dir, 'linger'));
  await copyFile(fixture('background-child-holding-pipes'), join(dir, 'linger/network'));
  await writeFile(join(dir, 'nat.xml'), await readFile(new URL('../../fixtures/oracle/xml/net-nat.xml', import.meta.url)));
  await writeFile(join(dir, 'nic.xml'), "<interface type='network'>\n  <mac address='52:54:00:12:34:56'/>\n  <source network='lvo-nat'/>\n</interface>\n");
  await writeFile(
    join(dir, 'port.xml'),
    '<networkport>\n  <owner>\n    <name>db1</name>\n    <uuid>11111111-2222-4333-8444-555555555555</uuid>\n  </owner>\n  <mac address=\'52:54:00:ab:cd:ef\'/>\n</networkport>\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  expect(survivors()).toEqual([]);
});

const call = (args: string[]) => runCli(dir, ['call', ...args], { createSession: undefined });

describe('virthook call', () => {
  it("prints the script's argv, environment, cwd, stdin (the live network for started) and outcome", async () => {
    const { code, stdout, stderr } = await call(['echo', 'started', '--network', 'nat.xml']);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'libvirt 9.0: virsh net-start lvo-nat',
      '(after net-define lvo-nat, whose hook calls were not run)',
      '',
      'network hook call: lvo-nat started begin -',
      '  script  echo/network',
    ]);
    expect(lines).toContain('  argv    /etc/libvirt/hooks/network lvo-nat started begin -');
    expect(lines.slice(lines.indexOf('  env     LC_ALL=C'), lines.indexOf('  cwd     /'))).toEqual([
      '  env     LC_ALL=C',
      '          PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '          HOME=/root',
      '          USER=root',
      '          LOGNAME=root',
      '          TMPDIR=/tmp',
    ]);
    expect(lines).toContain('  stdin   <hookData>');
    expect(lines).toContain("                  <port start='1024' end='65535'/>");
    expect(lines).toContain("  stdout  <hookData>");
    expect(stdout).toMatch(/\n {2}ended {3}exit status 0 after \d+ ms\n/);
    expect(stdout.endsWith('virsh net-start lvo-nat: succeeded\n  Network lvo-nat started\n')).toBe(true);
  });

  it("exits 1 and shows libvirt's error when a script vetoes the op", async () => {
    const { code, stdout } = await call(['veto', 'start', '--network', 'nat.xml']);
    expect(code).toBe(1);
    expect(stdout).toContain('  script  veto/network.d/50-veto\n  argv    /etc/libvirt/hooks/network.d/50-veto lvo-nat start begin -\n');
    expect(stdout).toContain('  stdin   (the same bytes as above)\n');
    expect(stdout).toContain('  stderr  veto from 50-veto\n');
    expect(stdout).toContain('virsh net-start lvo-nat: failed (vetoed by the hook)\n  error: Failed to start network lvo-nat\n  error: Hook script execution failed: internal error: Child process (LC_ALL=C');
    expect(stdout).toContain('/etc/libvirt/hooks/network.d/50-veto lvo-nat start begin -) unexpected exit status 1: veto from 50-veto\n');
  });

  it('says when libvirt ignores the failure (stopped), and when no hook would run', async () => {
    const stopped = await call(['veto', 'stopped', '--network', 'nat.xml']);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('(after net-define lvo-nat, net-start lvo-nat, whose hook calls were not run)');
    expect(stopped.stdout).toContain('network hook call: lvo-nat stopped end -');
    expect(stopped.stdout).toContain('virsh net-destroy lvo-nat: succeeded (libvirt ignores a failure of this op)\n  Network lvo-nat destroyed\n');
    const none = await call(['none', 'start', '--network', 'nat.xml']);
    expect(none.code).toBe(1);
    expect(none.stdout).toContain('libvirt made no such call: none had no executable network hook (network or network.d/*) when the daemon started');
  });

  it('fails a hook virthook stops at --max-output even in an op whose failure libvirt ignores', async () => {
    const { code, stdout } = await call(['flood', 'stopped', '--network', 'nat.xml', '--max-output', '1K', '--timeout', '30']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}ended {3}stopped by virthook at the output cap \(1024 bytes of stdout\) after \d+ ms\n/);
    expect(stdout).toContain('  libvirt Hook script /etc/libvirt/hooks/network was stopped by virthook at the output cap (1024 bytes of stdout): a real libvirtd would keep reading.\n');
    expect(stdout).toContain('virsh net-destroy lvo-nat: succeeded (only because virthook stopped the hook: a real libvirtd would hang there)\n');
  });

  it('fails a hook whose child keeps its stdout/stderr open after it exited (a hang of the real daemon)', async () => {
    const { code, stdout } = await call(['linger', 'started', '--network', 'nat.xml']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/\n {2}hang {4}\d+ \(sleep 1000000\) kept the hook's stdout\/stderr open \d+ ms after it exited; a real libvirtd would block here until they exit/);
    expect(stdout).toContain('virsh net-start lvo-nat: succeeded\n');
  });

  it('builds the port of port-created from a guest interface, with the owner and connections libvirt passes', async () => {
    const { code, stdout } = await call(['echo', 'port-created', '--network', 'nat.xml', '--port', 'nic.xml', '--owner', 'web1', '--libvirt', '11.3']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('libvirt 11.3: virsh net-port-create lvo-nat nic.xml');
    expect(stdout).toContain("            <network connections='1'>");
    expect(stdout).toContain('            <networkport>');
    expect(stdout).toContain('                <name>web1</name>');
    expect(stdout).toContain("              <mac address='52:54:00:12:34:56'/>");
    expect(stdout).toContain("              <plug type='network' bridge='lvonat0'/>");
    const deleted = await call(['echo', 'port-deleted', '--network', 'nat.xml', '--port', 'nic.xml']);
    expect(deleted.code).toBe(0);
    // virNetworkDefFormatBuf prints connections only while some remain.
    expect(deleted.stdout).toContain('            <network>\n');
    expect(deleted.stdout).toContain('            <networkport>');
    expect(deleted.stdout).toMatch(/virsh net-port-delete lvo-nat [0-9a-f-]{36}: succeeded\n {2}Network port [0-9a-f-]{36} deleted\n$/);
  });

  it('takes a <networkport> as virsh net-port-create does, with its own owner', async () => {
    const { code, stdout } = await call(['echo', 'port-created', '--network', 'nat.xml', '--port', 'port.xml']);
    expect(code).toBe(0);
    expect(stdout).toContain('                <name>db1</name>\n                <uuid>11111111-2222-4333-8444-555555555555</uuid>');
    expect(stdout).toContain("              <mac address='52:54:00:ab:cd:ef'/>");
  });

  it('exits 2 for bad input before running anything', async () => {
    expect(await call(['echo', 'start', '--network', 'missing.xml'])).toMatchObject({ code: 2, stderr: 'virthook: --network missing.xml: not found\n' });
    expect(await call(['nowhere', 'start', '--network', 'nat.xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('hooks directory nowhere not found') });
    expect(await call(['echo', 'port-created', '--network', 'nat.xml', '--port', 'nic.xml', '--libvirt', '5.4'])).toMatchObject({ code: 2, stderr: expect.stringContaining('libvirt 5.4 has no port-created op') });
  });
});
