import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCi } from '../../src/doubles/is-ci.js';

afterEach(() => vi.unstubAllEnvs());

describe('isCi', () => {
  it('is true for CI set to anything but empty, 0 or false (any case)', () => {
    for (const value of ['true', '1', 'yes', 'TRUE', 'woodpecker']) expect(isCi({ CI: value }), value).toBe(true);
    for (const value of [undefined, '', '0', 'false', 'False', 'FALSE', ' false ']) expect(isCi({ CI: value }), String(value)).toBe(false);
    expect(isCi({})).toBe(false);
  });

  it("reads this process's environment when given none", () => {
    vi.stubEnv('CI', 'true');
    expect(isCi()).toBe(true);
    vi.stubEnv('CI', 'false');
    expect(isCi()).toBe(false);
  });
});
