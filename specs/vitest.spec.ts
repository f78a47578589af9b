import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/harness/create-session.js';
import type { Session } from '../src/harness/session.js';
import { parseNetworkXml } from '../src/xml/parse-network.js';
import '../src/vitest.js';
import { survivors } from './support/survivors.js';

let dir: string;
let session: Session;
const fixture = (name: string) => new URL(`../fixtures/hooks/${name}`, import.meta.url);

/** Real hooks: network prints its stdin back, network.d/50-veto always fails (so starts are vetoed). */
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virthook-vitest-'));
  await mkdir(join(dir, 'hooks/network.d'), { recursive: true });
  await copyFile(fixture('cat-stdin'), join(dir, 'hooks/network'));
  await copyFile(fixture('fail-with-stderr'), join(dir, 'hooks/network.d/50-veto'));
  const xml = await readFile(new URL('../fixtures/oracle/xml/net-nat.xml', import.meta.url), 'utf8');
  session = await createSession({ hooksDir: join(dir, 'hooks'), libvirt: '9.0', seed: 'vitest-spec' });
  await session.run({ verb: 'net-define', def: parseNetworkXml(xml, 'nat.xml'), file: 'nat.xml' });
});
afterAll(async () => {
  await session.dispose();
  await rm(dir, { recursive: true, force: true });
  expect(survivors()).toEqual([]);
});

describe('virthook/vitest matchers', () => {
  it('toBeVetoed, toHaveRunHook and toHaveRunHooksInOrder read a SessionStep and a Session', async () => {
    const step = await session.run({ verb: 'net-start', network: 'lvo-nat' });
    expect(step).toBeVetoed();
    expect(step).toHaveRunHook('network', ['lvo-nat', 'start', 'begin']);
    expect(step).toHaveRunHook('network.d/50-veto');
    expect(step).not.toHaveRunHook('network', ['lvo-nat', 'started']);
    expect(session).toHaveRunHooksInOrder(['network', 'network.d/50-veto']);
    expect(session).toHaveRunHooksInOrder([{ hook: 'network', op: 'start', exitCode: 0 }, { hook: 'network.d/50-veto', exitCode: 1 }]);
    expect(session).not.toHaveRunHooksInOrder(['network.d/50-veto', 'network']);
    expect(session.recording).toHaveRunHook('network');
  });

  it('toHaveStdinMatching queries what the scripts got on stdin with XPath', () => {
    expect(session).toHaveStdinMatching('/hookData/network/name', 'lvo-nat');
    expect(session).toHaveStdinMatching('count(/hookData/network/ip)', 1);
    expect(session).toHaveStdinMatching('/hookData/network/forward/nat', false);
    expect(session.recording.invocations[0]!).toHaveStdinMatching('/hookData/network/bridge/@name', 'lvonat0');
    expect(session).not.toHaveStdinMatching('/hookData/network/name', 'other');
  });

  it('fails with the engine\'s explanation, in both directions', () => {
    const step = session.steps.at(-1)!;
    expect(() => expect(step).not.toBeVetoed()).toThrow(/expected the step not to be vetoed, but a hook vetoed it:\nerror: Failed to start network lvo-nat/);
    expect(() => expect(step).toHaveRunHook('network', ['lvo-nat', 'started'])).toThrow(
      /expected network lvo-nat started to run, but it did not\nscripts that ran:\n {2}network lvo-nat start begin - \(exit 0\)\n {2}network\.d\/50-veto lvo-nat start begin - \(exit 1\)/,
    );
    expect(() => expect(step).toHaveRunHook('network.d/60-gone')).toThrow(/network\.d\/60-gone never ran: check that it exists in the hooks directory/);
    expect(() => expect(session).toHaveStdinMatching('/hookData/network/name', 'other')).toThrow(
      /none did:\n {2}network lvo-nat start begin -: stdin: \/hookData\/network\/name gave lvo-nat, expected other/,
    );
    expect(() => expect(session).toHaveRunHooksInOrder(['network.d/50-veto', 'network'])).toThrow(/out of order/);
    // @ts-expect-error the types refuse this misuse; the runtime check explains it too
    expect(() => expect(42).toBeVetoed()).toThrow(/toBeVetoed expects a SessionStep \(what session.run returns\); received number/);
  });

  it('toMatchTranscriptSnapshot snapshots the seeded transcript (argv, stdin, virsh output)', () => {
    expect(session).toMatchTranscriptSnapshot();
  });
});
