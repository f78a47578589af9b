/**
 * The environment libvirt gives a hook script (virCommandAddEnvPassCommon): `LC_ALL=C` first,
 * then each name of the pass-list, in the list's order, only when the daemon has it set, with
 * the daemon's value. Before 6.0, PATH fell back to `defaultPath` when the daemon had none.
 * Nothing else of the daemon's environment (and nothing of virthook's own) reaches the hook.
 *
 * @param daemonEnv the simulated daemon's environment, in order; the first entry of a name wins, as with getenv.
 * @param envPass the variable names passed through (LibvirtProfile.envPass).
 * @param defaultPath pre-6.0 PATH default (LibvirtProfile.defaultPath), null for none.
 * @returns `NAME=value` entries in execve order.
 */
export function hookEnv(
  daemonEnv: ReadonlyArray<readonly [string, string]>,
  envPass: readonly string[],
  defaultPath: string | null,
): string[] {
  const env = ['LC_ALL=C'];
  for (const name of envPass) {
    const value = daemonEnv.find(([key]) => key === name)?.[1];
    if (value !== undefined) env.push(`${name}=${value}`);
    // Pre-6.0 virCommandAddEnvPassBlockSUID(cmd, "PATH", "/bin:/usr/bin").
    else if (name === 'PATH' && defaultPath !== null) env.push(`PATH=${defaultPath}`);
  }
  return env;
}
