// Runs hook calls with the built library and prints what they did as JSON: the unprivileged-user
// spec starts it as another user (setpriv), so it must be plain JavaScript over dist/.
// argv[2]: { dist, hooksDir, cwd, doubles, calls } (calls: how many START-like calls to make).
const { dist, hooksDir, cwd, doubles, calls } = JSON.parse(process.argv[2]);
const { createRunner } = await import(dist);
const runner = createRunner({ hooksDir, cwd, doubles, timeoutMs: 10_000, lingerGraceMs: 100, forceKillAfterMs: 300 });
const results = [];
try {
  for (let i = 0; i < calls; i++) {
    const result = await runner.run({ driver: 'network', object: 'lvo-iso', op: 'start', subop: 'begin', extra: '-', stdin: '<hookData/>', filter: false });
    results.push({
      isolation: result.isolation,
      interception: result.interception,
      warnings: result.warnings,
      scripts: result.scripts.map((s) => ({ hook: s.hook, stdout: String(s.stdout), stderr: String(s.stderr), survivors: s.survivors.map((p) => p.command) })),
      commands: result.commands?.map((c) => ({ command: c.command, path: c.path, outcome: c.outcome })),
      violations: result.violations?.map((v) => ({ kind: v.kind, command: v.command })),
    });
  }
} finally {
  await runner.dispose();
}
process.stdout.write(JSON.stringify(results));
