import { describe, expect, it } from 'vitest';
import { checkSnapshot } from '../../src/assertions/check-snapshot.js';
import { formatTranscript, type TranscriptInput } from '../../src/assertions/format-transcript.js';

const invocation = (hook: string, op: string, stepIndex: number, stdin: string, exitCode: number | null = 0) => ({
  hook, argv: ['lab', op, op === 'stopped' ? 'end' : 'begin', '-'] as const, stdin, exitCode, signal: exitCode === null ? 'SIGKILL' : null, stepIndex,
});

const run: TranscriptInput = {
  steps: [
    { step: 'net-define lab', ok: true, vetoed: false, output: 'Network lab defined from lab.xml\n', error: null },
    { step: 'net-start lab', ok: false, vetoed: true, output: '', error: 'error: Failed to start network lab\nerror: Hook script execution failed: ... exit status 1: no\n' },
    { step: 'daemon-reload', ok: true, vetoed: false, output: '', error: null },
  ],
  invocations: [
    invocation('network', 'start', 1, '<hookData>\n  <network/>\n</hookData>', 1),
    invocation('network.d/50-audit', 'start', 1, '<hookData>\n  <network/>\n</hookData>'),
    invocation('network.d/60-other', 'start', 1, '<changed/>', null),
    { hook: 'daemon', argv: ['-', 'reload', 'begin', 'SIGHUP'] as const, stdin: '', exitCode: 0, signal: null, stepIndex: 2 },
  ],
};

describe('formatTranscript', () => {
  it('writes each step, its scripts with argv, stdin and exit, then what virsh printed; only $ lines start a line', () => {
    expect(formatTranscript(run)).toBe(
      [
        '$ net-define lab',
        '  Network lab defined from lab.xml',
        '$ net-start lab',
        '  hook network lab start begin -: exit status 1',
        '    | <hookData>',
        '    |   <network/>',
        '    | </hookData>',
        '  hook network.d/50-audit lab start begin -: exit status 0 (same stdin)',
        '  hook network.d/60-other lab start begin -: killed by SIGKILL',
        '    | <changed/>',
        '  failed (vetoed by a hook):',
        '    error: Failed to start network lab',
        '    error: Hook script execution failed: ... exit status 1: no',
        '$ daemon-reload',
        '  hook daemon - reload begin SIGHUP: exit status 0',
        '',
      ].join('\n'),
    );
  });
});

describe('checkSnapshot', () => {
  it('passes on the same text, diffs recorded against this run, and asks for --update when none is recorded', () => {
    const text = formatTranscript(run);
    expect(checkSnapshot(text, text, 's.snap')).toEqual([]);
    const [changed] = checkSnapshot(text.replace('exit status 1', 'exit status 2'), text, 's.snap');
    expect(changed!.message).toBe('the transcript differs from the one recorded in s.snap');
    expect(changed!.diff!.slice(0, 2)).toEqual(['--- recorded', '+++ this run']);
    expect(changed!.diff!.filter((l) => /^[-+] /.test(l))).toEqual(['-  hook network lab start begin -: exit status 1', '+  hook network lab start begin -: exit status 2']);
    expect(checkSnapshot(text, null, 's.snap')[0]).toMatchObject({ path: 'snapshot', hint: expect.stringContaining('virthook run --update') });
  });
});
