import { afterAll, beforeAll, expect } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSession, type SessionOptions } from '../../src/harness/create-session.js';
import type { Session, SessionStep } from '../../src/harness/session.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';
import { PYTHON } from '../runner/sandbox-runner.js';
import { survivors } from '../support/survivors.js';

/**
 * A firewall hook: at `started` it adds a NAT rule, loads an nft table from stdin, brings the
 * bridge up from /tmp with a variable set, and logs; at `stopped` it deletes the rule, restarts
 * dnsmasq (undoubled: strict mode refuses it) and asks virsh (a call back into libvirt).
 */
const FIREWALL = `#!/bin/sh
cat >/dev/null
case "$2" in
  started)
    iptables -t nat -A POSTROUTING -s 198.51.100.0/24 -j MASQUERADE
    printf 'table ip lab {\\n  chain post { type nat hook postrouting priority 100; }\\n}\\n' | nft -f -
    (cd /tmp && HOOK_ZONE=lab ip link set virbr-lab up)
    logger -t fw "started $1" ;;
  stopped)
    iptables -t nat -D POSTROUTING -s 198.51.100.0/24 -j MASQUERADE
    systemctl restart dnsmasq
    virsh net-list >/dev/null 2>&1 ;;
esac
exit 0
`;

export interface FirewallRun {
  readonly session: Session;
  /** net-start lab-nat: no violation. */
  readonly start: SessionStep;
  /** net-destroy lab-nat: a strict-mode refusal (systemctl) and a call back into libvirt (virsh). */
  readonly destroy: SessionStep;
  dispose(): Promise<void>;
}

/** The example network started and destroyed in a session over one network hook (`script`'s text). */
export async function runNetworkHook(script: string, options: Partial<SessionOptions> = {}): Promise<FirewallRun> {
  const dir = await mkdtemp(join(tmpdir(), 'virthook-vitest-commands-'));
  await mkdir(join(dir, 'hooks'));
  await writeFile(join(dir, 'hooks/network'), script, { mode: 0o755 });
  const session = await createSession({ hooksDir: join(dir, 'hooks'), python: PYTHON, seed: 'vitest-commands', timeoutMs: 10_000, ...options });
  const dispose = async () => {
    await session.dispose();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const xml = await readFile(new URL('../../examples/networks/nat.xml', import.meta.url), 'utf8');
    await session.run({ verb: 'net-define', def: parseNetworkXml(xml, 'nat.xml'), file: 'nat.xml' });
    const start = await session.run({ verb: 'net-start', network: 'lab-nat' });
    const destroy = await session.run({ verb: 'net-destroy', network: 'lab-nat' });
    return { session, start, destroy, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * The firewall hook in a strict session with iptables, nft and ip doubled. Options replace that
 * (`doubles: false` lets every command run for real: give the hook a PATH where they do not exist).
 */
export function runFirewall(options: Partial<SessionOptions> = {}): Promise<FirewallRun> {
  return runNetworkHook(FIREWALL, { doubles: { doubles: { iptables: {}, nft: {}, ip: {} }, strict: true }, ...options });
}

/**
 * One firewall run shared by a spec file: started before its tests and disposed after them with no
 * process left behind. The returned object reads through to that run once it exists.
 */
export function useFirewallRun(): FirewallRun {
  let run: FirewallRun | undefined;
  beforeAll(async () => {
    run = await runFirewall();
  });
  afterAll(async () => {
    await run?.dispose();
    expect(survivors()).toEqual([]);
  });
  return new Proxy({} as FirewallRun, { get: (_, key) => Reflect.get(run!, key) });
}
