import { workflowTemplate } from './workflow-template.js';

/** A file `virthook init` writes (never over an existing one). */
export interface ScaffoldFile {
  /** Relative to the scaffolded directory, with `/`. */
  readonly path: string;
  readonly text: string;
  /** 0o755 for hook scripts. */
  readonly mode?: number;
}

/** What init found in the directory. */
export interface ScaffoldContext {
  readonly version: string;
  /** The hooks directory relative to `scenarios/`: `../hooks`, or `..` when the repository root is the hooks directory. */
  readonly hooksFromScenarios: string;
  /** Whether a network hook (network or network.d/) exists, so the starter can expect its calls. */
  readonly hasNetworkHook: boolean;
  /** Whether to write a starter hooks/network (the directory has no hooks at all). */
  readonly writeStarterHook: boolean;
}

const NETWORK = 'example-nat';

const networkXml = `<network>
  <name>${NETWORK}</name>
  <forward mode='nat'/>
  <bridge name='virbr-example'/>
  <ip address='192.0.2.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.0.2.100' end='192.0.2.200'/>
    </dhcp>
  </ip>
</network>
`;

const starterHook = `#!/bin/sh
# libvirt runs this as /etc/libvirt/hooks/network NAME OP SUBOP EXTRA with <hookData> on stdin.
# Written by virthook init as a starting point: a non-zero exit on "start" refuses the start.
echo "network hook: $*" >&2
exit 0
`;

function scenarioYaml(context: ScaffoldContext): string {
  const calls = (lines: string[]) => (context.hasNetworkHook ? ['    expect:', '      mode: ordered', '      calls:', ...lines] : []);
  return [
    `# yaml-language-server: $schema=https://unpkg.com/virthook@${context.version}/schema/scenario.schema.json`,
    `name: ${NETWORK} starts and stops`,
    'description: >',
    '  Starter scenario written by virthook init: describe what your hooks must do.',
    '  Run it with: npx virthook run scenarios',
    `hooks: ${context.hooksFromScenarios}`,
    "libvirt: ['9.0', '11.3']",
    'networks:',
    `  - ../networks/${NETWORK}.xml`,
    'steps:',
    `  - net-start: ${NETWORK}`,
    ...calls([`        - { argv: [${NETWORK}, start, begin, '-'] }`, `        - { argv: [${NETWORK}, started, begin, '-'] }`]),
    `  - net-destroy: ${NETWORK}`,
    ...calls([`        - { argv: [${NETWORK}, stopped, end, '-'] }`]),
    'expect:',
    '  state:',
    '    networks:',
    `      ${NETWORK}: { active: false, persistent: true }`,
    '',
  ].join('\n');
}

/** The files `virthook init` scaffolds: a starter scenario, its network, a CI workflow, and a starter hook when there is none. */
export function scaffoldFiles(context: ScaffoldContext): ScaffoldFile[] {
  return [
    { path: `scenarios/${NETWORK}.yaml`, text: scenarioYaml(context) },
    { path: `networks/${NETWORK}.xml`, text: networkXml },
    { path: '.github/workflows/virthook.yml', text: workflowTemplate(context.version) },
    ...(context.writeStarterHook ? [{ path: 'hooks/network', text: starterHook, mode: 0o755 }] : []),
  ];
}
