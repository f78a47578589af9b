import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeShell, formatCommand } from '../../src/runner/format-command.js';

/** Reads back one word written by virBufferEscapeShell (plain, or '...' with '\'' for a quote). */
function unescape(word: string): string {
  if (word === "''") return '';
  if (!word.startsWith("'")) return word;
  return word.slice(1, -1).replaceAll("'\\''", "'");
}

describe('escapeShell (virBufferEscapeShell)', () => {
  it('leaves words without shell specials alone, even with = , : % - . / and UTF-8', () => {
    for (const word of ['-', 'lvo-iso', 'begin', 'PATH=/usr/bin:/bin', 'a,b%c', 'héllo', '/etc/libvirt/hooks/network.d/10-first']) {
      expect(escapeShell(word)).toBe(word);
    }
  });

  it.each([...'\r\t\n !"#$&\'()*;<>?[\\]^`{|}~'])('single-quotes a word containing %j', (char) => {
    const quoted = escapeShell(`a${char}b`);
    expect(quoted.startsWith("'") && quoted.endsWith("'")).toBe(true);
    expect(unescape(quoted)).toBe(`a${char}b`);
  });

  it("writes the empty word as '' and a quote as '\\''", () => {
    expect(escapeShell('')).toBe("''");
    expect(escapeShell("it's")).toBe("'it'\\''s'");
    expect(escapeShell('from snapshot')).toBe("'from snapshot'");
  });

  it('round-trips any mix of quotes, specials, letters and UTF-8', () => {
    const unit = fc.constantFrom(..."'\\\" \t\n\r!#$&()*;<>?[]^`{|}~aZ09=-_/.,:%é€😀");
    fc.assert(fc.property(fc.string({ unit }), (word) => unescape(escapeShell(word)) === word), { numRuns: 500 });
  });
});

describe('formatCommand (virCommandToString)', () => {
  it('prints env entries, then path and args, separated by single spaces', () => {
    expect(formatCommand(['LC_ALL=C', 'PATH=/usr/bin:/bin'], ['/etc/libvirt/hooks/network', 'lvo-iso', 'start', 'begin', '-']))
      .toBe('LC_ALL=C PATH=/usr/bin:/bin /etc/libvirt/hooks/network lvo-iso start begin -');
  });

  it('escapes only the value of an env entry', () => {
    expect(formatCommand(['HOME=/my home', 'X='], ['/h', 'a b', ''])).toBe("HOME='/my home' X='' /h 'a b' ''");
  });

  it('quotes a release reason with a space as one word', () => {
    expect(formatCommand([], ['/etc/libvirt/hooks/qemu', 'vm', 'release', 'end', 'from snapshot']))
      .toBe("/etc/libvirt/hooks/qemu vm release end 'from snapshot'");
  });
});
