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
      parseCliArgs(['run', 'a.yaml', 'dir', '--hooks', 'h', '--libvirt', '9.0, 11.3', '--record', 'r.json', '--reporter', 'tap', '--reporter', 'junit:out/j.xml', '--filter', 'nat', '--timeout', '2.5', '--debug']),
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
      debug: true,
    });
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
  });
});
