/** `virthook --help`. */
export const HELP_TEXT = `Usage: virthook run [PATHS...] [options]

Replays libvirt lifecycles described in scenario files against your real hook
scripts, as libvirtd would run them, and checks what the scenarios expect.

PATHS are scenario files (.yaml, .yml, .json), directories (searched for them)
or globs (quote them: 'scenarios/**/*.yaml'). Default: scenarios/

Options:
  --hooks DIR             hooks directory (like /etc/libvirt/hooks); overrides
                          each scenario's "hooks:"
  --libvirt LIST          libvirt releases to simulate, comma-separated
                          (e.g. 9.0,11.3); overrides each scenario's "libvirt:"
  --reporter NAME[:FILE]  pretty (default), tap, junit or json; repeatable
  -o, --output FILE       write the preceding --reporter to FILE
  --record FILE.json      write the JSON recording of every hook run
  --filter TEXT           run only scenarios whose name or path contains TEXT
  --timeout SECONDS       per-hook time limit; overrides "timeout:"
  --debug                 show stack traces of errors
  -h, --help              show this help
  -v, --version           show the version

Exit codes:
  0  every scenario passed
  1  a scenario failed
  2  usage error or bad input (invalid scenario, missing hooks or files)
  3  internal error
`;
