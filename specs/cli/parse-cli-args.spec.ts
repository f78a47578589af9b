import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/parse-cli-args.js';
import { VirthookError } from '../../src/errors/virthook-error.js';

const usageError = (argv: string[]) => {
  try {
    parseCliArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(VirthookError);
    expect((error as VirthookError).code).toBe('OPTIONS_INVALID');
    return (error as VirthookError).message;
  }
  throw new Error('expected a usage error');
};

describe('parseCliArgs', () => {
  it('parses run with every option', () => {
    expect(
      parseCliArgs(['run', 'a.yaml', 'dir', '--hooks', 'h', '--libvirt', '9.0, 11.3', '--record', 'r.json', '--reporter', 'tap', '--reporter', 'junit:out/j.xml', '--filter', 'nat', '--timeout', '2.5', '--max-output', '64K', '--debug']),
    ).toEqual({
      command: 'run',
      paths: ['a.yaml', 'dir'],
      hooksDir: 'h',
      libvirt: ['9.0', '11.3'],
      record: 'r.json',
      reports: [
        { reporter: 'tap', output: null },
        { reporter: 'junit', output: 'out/j.xml' },
      ],
      filter: 'nat',
      timeoutMs: 2500,
      maxOutputBytes: 65_536,
      debug: true,
      rerunFailed: false,
      shard: null,
      watch: false,
      update: false,
      replayOrders: 'seed',
      maxReplayOrders: null,
      jobs: null,
    });
    expect(parseCliArgs(['run', '-j', '2'])).toMatchObject({ jobs: 2, maxOutputBytes: null });
    for (const [text, bytes] of [['4096', 4_096], ['16MiB', 16 * 2 ** 20], ['2M', 2 * 2 ** 20], ['1G', 2 ** 30], ['8 KiB', 8_192]] as const) {
      expect(parseCliArgs(['run', '--max-output', text])).toMatchObject({ maxOutputBytes: bytes });
    }
    for (const bad of ['0', '-1', '1.5', '16MB', '16 bananas', '', '99999999999G']) {
      expect(() => parseCliArgs(['run', `--max-output=${bad}`]), bad).toThrow(/^--max-output takes a positive whole number of bytes, or a size such as 64K or 16MiB/);
    }
    expect(() => parseCliArgs(['run', '--jobs', '0'])).toThrow(/--jobs takes a whole number/);
    expect(parseCliArgs(['run', '--replay-orders', 'all'])).toMatchObject({ replayOrders: 'all', maxReplayOrders: null });
    expect(parseCliArgs(['run', '--replay-orders', 'all:100'])).toMatchObject({ replayOrders: 'all', maxReplayOrders: 100 });
    expect(() => parseCliArgs(['run', '--replay-orders', 'some'])).toThrow(/--replay-orders takes "all", "all:N" .* or "seed"/);
    expect(() => parseCliArgs(['run', '--replay-orders', 'all:0'])).toThrow(/not "all:0"/);
    expect(parseCliArgs(['run', '--rerun-failed', '--shard', '2/3', '-u'])).toMatchObject({ rerunFailed: true, shard: { index: 2, count: 3 }, watch: false, update: true });
    expect(parseCliArgs(['--debug', 'run', '-w'])).toMatchObject({ command: 'run', watch: true, debug: true });
  });

  it('parses init and call', () => {
    expect(parseCliArgs(['init'])).toEqual({ command: 'init', dir: '.' });
    expect(parseCliArgs(['init', 'repo'])).toEqual({ command: 'init', dir: 'repo' });
    expect(parseCliArgs(['call', 'hooks', 'port-created', '--network', 'n.xml', '--port', 'nic.xml', '--libvirt', '11.3', '--owner', 'web1', '--timeout', '1', '--max-output', '1M'])).toEqual({
      command: 'call',
      hooksDir: 'hooks',
      op: 'port-created',
      network: 'n.xml',
      port: 'nic.xml',
      owner: 'web1',
      update: null,
      libvirt: '11.3',
      seed: 'virthook',
      timeoutMs: 1000,
      maxOutputBytes: 1_048_576,
      debug: false,
    });
    expect(parseCliArgs(['call', '--help'])).toEqual({ command: 'help' });
  });

  it('defaults to the pretty reporter on stdout and pairs --output with the preceding --reporter', () => {
    const reports = (argv: string[]) => {
      const parsed = parseCliArgs(['run', ...argv]);
      return parsed.command === 'run' ? parsed.reports : null;
    };
    expect(reports([])).toEqual([{ reporter: 'pretty', output: null }]);
    expect(reports(['--reporter', 'junit', '--output', 'j.xml', '--reporter', 'pretty'])).toEqual([
      { reporter: 'junit', output: 'j.xml' },
      { reporter: 'pretty', output: null },
    ]);
    expect(reports(['-o', 'report.txt'])).toEqual([{ reporter: 'pretty', output: 'report.txt' }]);
  });

  it('recognises help, version and a missing command', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['run', '-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs([])).toEqual({ command: 'usage' });
  });

  it('rejects bad usage with a did-you-mean where it helps', () => {
    expect(usageError(['run', '--hook', 'h'])).toBe('Unknown option --hook; did you mean --hooks? Run virthook --help for usage.');
    expect(usageError(['runn'])).toBe('Unknown command "runn"; did you mean "run"? Run virthook --help for usage.');
    expect(usageError(['run', '--reporter', 'junt'])).toBe('Unknown reporter "junt"; did you mean "junit"? (reporters: pretty, tap, junit, json)');
    expect(usageError(['run', '--timeout', '0'])).toBe('--timeout takes a positive number of seconds; got "0"');
    expect(usageError(['run', '--libvirt', ','])).toMatch(/^--libvirt needs a release/);
    expect(usageError(['run', '--reporter', 'tap:a.tap', '--output', 'b.tap'])).toBe('--output b.tap: the tap reporter already writes to a.tap');
    expect(usageError(['run', '--hooks'])).toMatch(/Run virthook --help for usage\.$/);
    expect(usageError(['run', '--shard', '3/2'])).toBe('--shard takes i/n with 1 <= i <= n (e.g. --shard 2/4 on the second of four CI runners); got "3/2"');
    expect(usageError(['run', '--shard', '0/2'])).toMatch(/^--shard takes i\/n/);
    expect(usageError(['run', '--watch', '--rerun-failed'])).toMatch(/^--watch and --rerun-failed do not combine/);
    expect(usageError(['init', 'a', 'b'])).toBe('virthook init takes one directory; got "a" "b"');
    expect(usageError(['call', 'hooks'])).toMatch(/^virthook call needs a hooks directory and an op/);
    expect(usageError(['call', 'hooks', 'strated', '--network', 'n.xml'])).toBe('Unknown op "strated"; did you mean "started"? (network hook ops: start, started, stopped, updated, port-created, port-deleted)');
    expect(usageError(['call', 'hooks', 'start'])).toMatch(/^virthook call needs --network FILE/);
    expect(usageError(['call', 'hooks', 'port-created', '--network', 'n.xml'])).toMatch(/^port-created needs --port FILE/);
    expect(usageError(['call', 'hooks', 'updated', '--network', 'n.xml'])).toMatch(/^updated needs --update/);
    expect(usageError(['call', 'hooks', 'start', '--network', 'n.xml', '--netwrk', 'x'])).toBe('Unknown option --netwrk; did you mean --network? Run virthook --help for usage.');
  });
});
