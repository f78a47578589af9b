/**
 * Whether `env` says this is a CI run, which makes strict mode the default: the `CI` variable set
 * to anything but '', '0' or 'false' (any case), as CI services set it (`CI=true`) and as people
 * turn it off (`CI=false`, `CI=0`). The one place the library reads the environment; the CLI
 * passes its own `env`.
 */
export function isCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}
