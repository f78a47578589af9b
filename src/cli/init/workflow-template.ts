/**
 * The GitHub Actions workflow `virthook init` writes: replays the scenarios on every push and
 * pull request, JUnit for test reporters, the step summary (virthook writes it when
 * GITHUB_STEP_SUMMARY is set) and the report as an artifact.
 */
export function workflowTemplate(version: string): string {
  return `# Written by virthook init: fails when a hook change would break a libvirt host.
name: virthook

on:
  push:
  pull_request:

jobs:
  hooks:
    runs-on: ubuntu-latest
    # To split the scenarios across runners, add
    #   strategy: { matrix: { shard: [1, 2, 3] } }
    # and append --shard \${{ matrix.shard }}/3 to the run command.
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # Ubuntu 24.04 restricts unprivileged user namespaces; virthook needs them (or root) to
      # intercept commands run by absolute path, such as /sbin/iptables. Harmless where absent.
      - name: Allow user namespaces
        run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 || true
      - name: Replay libvirt lifecycles against the hooks
        run: npx --yes virthook@${version} run scenarios --reporter pretty --reporter junit:reports/virthook.xml
      - name: Keep the JUnit report
        if: \${{ !cancelled() }}
        uses: actions/upload-artifact@v4
        with:
          name: virthook-report
          path: reports/virthook.xml
`;
}
