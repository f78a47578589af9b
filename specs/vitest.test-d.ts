import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CallResult, Session, SessionStep } from '../src/index.js';
import type { RecordedInvocation, Recording } from '../src/model/recording.js';
import type { ProfileRun } from '../src/scenario/scenario-result.js';
import '../src/vitest.js';

declare const session: Session;
declare const step: SessionStep;
declare const recording: Recording;
declare const invocation: RecordedInvocation;
declare const run: ProfileRun;
declare const call: CallResult;

describe('virthook/vitest types', () => {
  it('offers the matchers on what they read, returning void', () => {
    expectTypeOf(expect(step).toBeVetoed()).toEqualTypeOf<void>();
    expectTypeOf(expect(session).toHaveRunHook('network', ['lab', 'start'])).toEqualTypeOf<void>();
    expect(step).toHaveRunHook('network.d/10-first');
    expect(recording).toHaveRunHooksInOrder(['network', { hook: 'network', op: 'started', exitCode: 0 }]);
    expect(run).toHaveRunHook('qemu');
    expect(session).toHaveStdinMatching('/hookData/network/name', 'lab');
    expect(invocation).toHaveStdinMatching('count(//ip)', 1);
    expect(step).toHaveStdinMatching('//host/@ip', ['192.0.2.9']);
    expect(session).toMatchTranscriptSnapshot();
    expect(run).toMatchTranscriptSnapshot('after restart');
    expect(step).not.toBeVetoed();
    expectTypeOf(expect(session.run({ verb: 'net-start', network: 'lab' })).resolves.toBeVetoed()).toEqualTypeOf<Promise<void>>();
  });

  it('offers the command matchers on a SessionStep, a list of them and a CallResult', () => {
    expectTypeOf(expect(step).toHaveRunCommand('iptables')).toEqualTypeOf<void>();
    expect(step).toHaveRunCommand('iptables', { argv: ['-L'], matches: /-A/, stdin: 'x', env: { PATH: /sbin/, LC_ALL: 'C', X: null, Y: { contains: 'y' } }, cwd: '/', script: 'network', times: 2 });
    expect(step).toHaveRunCommand('nft', { matches: '-f -', stdin: { matches: /table/ } });
    expect([step, step]).toHaveRunCommandsInOrder(['iptables', { command: 'nft', stdin: /table/, env: { A: 'b' } }]);
    expect(call).toHaveRunCommand('/sbin/iptables');
    expect(step).not.toHaveRunCommand('virsh');
    expect(call).toHaveNoCommandViolations();
    expectTypeOf(expect(session.run({ verb: 'net-start', network: 'lab' })).resolves.toHaveNoCommandViolations()).toEqualTypeOf<Promise<void>>();
  });

  it('rejects the command matchers on what keeps no command calls, and wrong arguments', () => {
    // @ts-expect-error a Session keeps no command calls: use the SessionStep
    expect(session).toHaveRunCommand('iptables');
    // @ts-expect-error a Recording keeps no command calls
    expect(recording).toHaveNoCommandViolations();
    // @ts-expect-error a scenario run keeps no command calls
    expect(run).toHaveRunCommandsInOrder(['iptables']);
    // @ts-expect-error argv is a list of strings
    expect(step).toHaveRunCommand('iptables', { argv: '-L' });
    // @ts-expect-error an order pattern has no count
    expect(step).toHaveRunCommandsInOrder([{ command: 'iptables', times: 1 }]);
    // @ts-expect-error toHaveNoCommandViolations takes no argument
    expect(step).toHaveNoCommandViolations('virsh');
  });

  it('rejects them on values they cannot read, and wrong arguments', () => {
    // @ts-expect-error toBeVetoed reads a SessionStep, not a Session
    expect(session).toBeVetoed();
    // @ts-expect-error toHaveRunHook reads a Session, SessionStep, scenario run or Recording
    expect(42).toHaveRunHook('network');
    // @ts-expect-error a hook name is text
    expect(session).toHaveRunHook(1);
    // @ts-expect-error expected XPath values are strings, numbers, booleans or lists of strings
    expect(session).toHaveStdinMatching('/a', { no: 1 });
    // @ts-expect-error a Recording has no virsh output to transcribe
    expect(recording).toMatchTranscriptSnapshot();
  });
});
