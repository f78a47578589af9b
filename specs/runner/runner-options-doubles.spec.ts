import { expect, it } from 'vitest';
import { createCommandDoubles } from '../../src/doubles/command-doubles.js';
import { normalizeRunnerOptions } from '../../src/runner/runner-options.js';

it('has no doubles unless asked, and normalises the doubles option once, with the other options', () => {
  expect(normalizeRunnerOptions({ hooksDir: '/' }).doubles).toBeNull();
  const settings = normalizeRunnerOptions({ hooksDir: '/', doubles: { doubles: { iptables: {} }, strict: true } });
  expect(settings.doubles?.config).toMatchObject({ strict: true, commands: [{ command: 'virsh' }, { command: 'logger' }, { command: 'iptables' }] });
  const shared = createCommandDoubles({});
  expect(normalizeRunnerOptions({ hooksDir: '/', doubles: shared }).doubles).toBe(shared);
});

it('lists doubles problems among the runner\'s, with their paths', () => {
  expect(() => normalizeRunnerOptions({ hooksDir: '/', timeoutMs: 0, doubles: { doubles: { iptables: { replies: [{ exit: 300 }] } }, allow: 'sh' as never } })).toThrow(expect.objectContaining({
    code: 'OPTIONS_INVALID',
    problems: [
      expect.objectContaining({ path: 'timeoutMs' }),
      expect.objectContaining({ path: 'doubles.allow' }),
      expect.objectContaining({ path: 'doubles.doubles.iptables.replies[0].exit', message: expect.stringContaining('must be an integer from 0 to 255, got 300 (number)') }),
    ],
  }));
});
