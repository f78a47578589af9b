import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['specs/**/*.spec.ts'],
    // Spawn-heavy specs run in parallel files; each file's hooks stay sequential like libvirt's.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    typecheck: { enabled: true, include: ['specs/**/*.test-d.ts'] },
  },
});
