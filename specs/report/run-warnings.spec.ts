import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { renderGithubSummary } from '../../src/report/render-github-summary.js';
import { renderJson } from '../../src/report/render-json.js';
import { renderJunit } from '../../src/report/render-junit.js';
import { renderTap } from '../../src/report/render-tap.js';
import { runWarnings } from '../../src/report/run-warnings.js';
import type { ScenarioResult } from '../../src/scenario/scenario-result.js';
import { sampleResults } from './sample-results.js';

const FALLBACK = 'Command doubles fall back to PATH: no private mount namespace could be created (...). Commands a hook runs by absolute path (/sbin/iptables, /usr/sbin/nft ...) are NOT intercepted: they run for real on this machine <here>.';
const OTHER = 'Cannot show the hooks directory in the hook\'s namespace: /etc is not a directory.';
// Both scenarios ran under the fallback (each runner says it once); the second also met another limit.
const results: ScenarioResult[] = [
  { ...sampleResults[0]!, warnings: [FALLBACK] },
  { ...sampleResults[1]!, warnings: [FALLBACK, OTHER] },
];

describe('the run\'s warnings in every report', () => {
  it('are each scenario\'s, once each, in the order first met', () => {
    expect(runWarnings(results)).toEqual([FALLBACK, OTHER]);
    expect(runWarnings(sampleResults)).toEqual([]);
  });

  it('TAP: a comment each after the plan, which TAP consumers show and do not count', () => {
    const lines = renderTap(results).split('\n');
    expect(lines.slice(0, 4)).toEqual(['TAP version 13', '1..3', `# warning: ${FALLBACK}`, `# warning: ${OTHER}`]);
    expect(lines.filter((line) => line.startsWith('# warning:'))).toHaveLength(2);
    expect(renderTap(sampleResults)).not.toContain('# warning:');
  });

  it('JUnit: in the system-err of each scenario\'s testsuite, escaped', () => {
    const xml = renderJunit(results);
    const suites = new DOMParser().parseFromString(xml, 'text/xml').getElementsByTagName('testsuite');
    const suiteErr = (i: number) => Array.from(suites[i]!.childNodes).filter((n) => n.nodeName === 'system-err').map((n) => n.textContent);
    expect(suiteErr(0)).toEqual([`virthook: warning: ${FALLBACK}\n`]);
    expect(suiteErr(1)).toEqual([`virthook: warning: ${FALLBACK}\nvirthook: warning: ${OTHER}\n`]);
    expect(xml).toContain('on this machine &lt;here&gt;.');
    expect(renderJunit(sampleResults)).not.toContain('virthook: warning');
  });

  it('JSON: the run\'s under `warnings`, and each scenario\'s', () => {
    const report = JSON.parse(renderJson(results));
    expect(report.warnings).toEqual([FALLBACK, OTHER]);
    expect(report.scenarios.map((s: { warnings: string[] }) => s.warnings)).toEqual([[FALLBACK], [FALLBACK, OTHER]]);
    expect(JSON.parse(renderJson(sampleResults)).warnings).toEqual([]);
  });

  it('GitHub step summary: a warning alert each under the headline', () => {
    const summary = renderGithubSummary(results).split('\n');
    expect(summary.slice(0, 8)).toEqual([
      '## virthook: 2 passed, 1 failed', '',
      '> [!WARNING]', `> ${FALLBACK.replaceAll('<', '&lt;').replaceAll('>', '&gt;')}`, '',
      '> [!WARNING]', `> ${OTHER}`, '',
    ]);
    expect(renderGithubSummary(sampleResults)).not.toContain('[!WARNING]');
  });
});
