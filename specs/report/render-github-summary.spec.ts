import { describe, expect, it } from 'vitest';
import { mermaidSequence } from '../../src/report/mermaid-sequence.js';
import { renderGithubSummary } from '../../src/report/render-github-summary.js';
import { sampleResults } from './sample-results.js';

describe('renderGithubSummary', () => {
  it('heads with the counts, tables every run, and draws each failed run as a mermaid sequence diagram', () => {
    expect(renderGithubSummary(sampleResults)).toMatchInlineSnapshot(`
      "## virthook: 2 passed, 1 failed

      | | scenario | libvirt | file | time |
      | --- | --- | --- | --- | --- |
      | ✅ | nat lifecycle | 9.0 | \`scenarios/nat.yaml\` | 12 ms |
      | ❌ | guard # isolated | 9.0 | \`scenarios/guard.yaml\` | 7 ms |
      | ✅ | guard # isolated | 11.3 | \`scenarios/guard.yaml\` | 8 ms |

      ### ❌ guard # isolated [libvirt 9.0]

      - \`steps[0].expect.ok\` (\`scenarios/guard.yaml:6\`): the step failed: Hook script execution failed: internal error: Child process (...) unexpected exit status 1: no IP on lvo-iso &amp; &lt;refusing&gt;
      - \`steps[0].expect.calls[0].stdin.equals\` (\`scenarios/guard.yaml:6\`): network lvo-iso start begin - ran, but stdin differs from the expected document
      - \`expect.calls[1]\` (\`scenarios/guard.yaml:12\`): expected network.d/20-log * stopped to run, but it did not
        - hint: network.d/20-log exists but is not executable (mode 0644); libvirt skips it silently. Did you forget chmod +x?

      \`\`\`mermaid
      sequenceDiagram
          participant virsh
          participant libvirtd
          participant h0 as network
          virsh->>libvirtd: net-define lvo-iso
          libvirtd-->>virsh: ok: Network lvo-iso defined from iso.xml
          virsh->>libvirtd: net-start lvo-iso
          libvirtd->>h0: lvo-iso start begin -
          h0-->>libvirtd: exit status 1
          libvirtd-->>virsh: vetoed: Hook script execution failed: internal error: Child process (…) unexpected exit status 1: no IP on lvo-iso #38; #60;refusing#62;
          Note over virsh,libvirtd: ✗ steps[0].expect.ok: the step failed: Hook script execution failed: internal error: Child process (…) unexpected exit status 1: no IP on lvo…
          Note over virsh,libvirtd: ✗ steps[0].expect.calls[0].stdin.equals: network lvo-iso start begin - ran, but stdin differs from the expected document
          Note over virsh,libvirtd: ✗ expect.calls[1]: expected network.d/20-log * stopped to run, but it did not
      \`\`\`

      "
    `);
  });

  it('keeps mermaid syntax intact whatever the texts hold', () => {
    const [, guard] = sampleResults;
    const diagram = mermaidSequence(guard!.runs[0]!);
    const texts = diagram.split('\n').filter((l) => l.includes(':')).map((l) => l.slice(l.indexOf(':') + 1));
    // A `;` would end the statement and `#` start an entity; both, and <>, become entity codes.
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.every((t) => !/[;#<>]/u.test(t.replace(/#\d+;/gu, '')))).toBe(true);
    expect(diagram).toContain('#60;refusing#62;');
  });

  it('says so when every run passed', () => {
    expect(renderGithubSummary([sampleResults[0]!])).toBe(
      ['## virthook: 1 passed, 0 failed', '', '| | scenario | libvirt | file | time |', '| --- | --- | --- | --- | --- |', '| ✅ | nat lifecycle | 9.0 | `scenarios/nat.yaml` | 12 ms |', '', ''].join('\n'),
    );
  });
});
