import { describe, expect, it } from 'vitest';
import { renderJson } from '../../src/report/render-json.js';
import { sampleResults } from './sample-results.js';

describe('renderJson', () => {
  it('holds every run with its recording under the stable field names, and the summary', () => {
    const report = JSON.parse(renderJson(sampleResults));
    expect(report.summary).toEqual({ passed: 2, failed: 1, line: '2 passed, 1 failed' });
    expect(report.scenarios.map((s: { name: string; runs: { libvirt: string; passed: boolean }[] }) => [s.name, s.runs.map((r) => [r.libvirt, r.passed])])).toEqual([
      ['nat lifecycle', [['9.0', true]]],
      ['guard # isolated', [['9.0', false], ['11.3', true]]],
    ]);
    const invocation = report.scenarios[1].runs[0].recording.invocations[0];
    expect(Object.keys(invocation)).toEqual(['hook', 'argv', 'stdin', 'env', 'cwd', 'exitCode', 'signal', 'stdout', 'stderr', 'durationMs', 'stepIndex']);
    expect(report.scenarios[1].runs[0].failures[2].ranInstead).toEqual(['network lvo-iso start begin -']);
  });
});
