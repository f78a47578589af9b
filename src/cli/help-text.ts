/** `virthook --help`. */
export const HELP_TEXT = `Usage: virthook run [PATHS...] [options]
       virthook init [DIR]
       virthook call HOOKDIR OP --network FILE [options]

virthook run replays libvirt lifecycles described in scenario files against
your real hook scripts, as libvirtd would run them, and checks what the
scenarios expect.

PATHS are scenario files (.yaml, .yml, .json), directories (searched for them)
or globs (quote them: 'scenarios/**/*.yaml'). Default: scenarios/

Options of run:
  --hooks DIR             hooks directory (like /etc/libvirt/hooks); overrides
                          each scenario's "hooks:"
  --libvirt LIST          libvirt releases to simulate, comma-separated
                          (e.g. 9.0,11.3); overrides each scenario's "libvirt:"
  --reporter NAME[:FILE]  pretty (default), tap, junit or json; repeatable
  -o, --output FILE       write the preceding --reporter to FILE
  --record FILE.json      write the JSON recording of every hook run:
                          { invocations, steps } for one run (one scenario on
                          one release); for several, { recordings: [{
                          scenario, file, libvirt, invocations, steps }] }
  --filter TEXT           run only scenarios whose name or path contains TEXT
  --timeout SECONDS       per-hook time limit; overrides "timeout:"
  --max-output BYTES      output cap per stream of each hook (e.g. 65536, 64K,
                          16MiB; default 16MiB); overrides "max-output:"
  --rerun-failed          run only what failed last time (.virthook/last-run.json)
  --shard I/N             run the I-th of N parts of the suite (split by path,
                          for parallel CI runners)
  -w, --watch             re-run affected scenarios when a scenario, definition
                          or hook changes, until Ctrl+C
  -u, --update            rewrite the transcript snapshots (expect: snapshot)
                          instead of comparing them
  -j, --jobs N            run N scenarios at once on forked workers (default:
                          one per core; 1 runs them in this process)
  --replay-orders all[:N] also run every other port-created replay order libvirt
                          could use, at every restart that replays ports; at
                          most N runs per release (default 24; labels say
                          "i/24 of M" when M orders exist). Default: the seed's
  --debug                 show stack traces of errors
Every run records its failures in .virthook/last-run.json, and appends a
markdown summary to $GITHUB_STEP_SUMMARY when that is set.

virthook init [DIR] scaffolds scenarios/, networks/ and a GitHub Actions
workflow in a hooks repository (default: the current directory); it never
overwrites a file.

virthook call HOOKDIR OP runs the network hook once, as libvirt would for OP
(start, started, stopped, updated, port-created, port-deleted), and prints its
argv, environment, stdin and outcome:
  --network FILE          the network definition (required)
  --port FILE             for port-created and port-deleted: a <networkport>
                          (as virsh net-port-create takes it) or a guest's
                          <interface type='network'>
  --owner NAME            the guest owning a port built from an <interface>
                          (default: guest)
  --update 'CMD SECTION XML'  the live net-update behind "updated", e.g.
                          "add ip-dhcp-host <host mac='52:54:00:0:0:1' ip='192.0.2.9'/>"
  --libvirt VERSION       the release to simulate (default: 9.0)
  --seed TEXT             seed of generated UUIDs and MACs (default: virthook)
  --timeout SECONDS       time limit of each script
  --max-output BYTES      output cap per stream of each script (e.g. 64K,
                          16MiB; default 16MiB)

  -h, --help              show this help
  -v, --version           show the version

A hook virthook stops at the timeout or the output cap, or whose children keep
its stdout/stderr open after it exits, fails the scenario (a real libvirtd
would hang there); children left running with their output elsewhere are
warnings.

Exit codes:
  0  every scenario passed (call: every script ran and exited 0)
  1  a scenario failed (call: a script failed, was stopped or left its
     stdout/stderr held open, or none ran)
  2  usage error or bad input (invalid scenario, missing hooks or files)
  3  internal error
`;
