import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, NetUpdateCommand, NetUpdateSection } from '../../src/simulator/command.js';
import { parseNetworkXml } from '../../src/xml/parse-network.js';

/**
 * Turns a recorded `virsh -c qemu:///system VERB ARGS` line into a simulator command, or null for
 * commands the specs do not replay (net-list, dumpxml, version). Files resolve against `baseDir`.
 */
export function virshLineToCommand(line: string, baseDir: string): Command | null {
  const linkDel = /^ip link del (\S+)$/.exec(line);
  if (linkDel) return { verb: 'host-link-del', bridge: linkDel[1]! };
  const match = /^virsh -c qemu:\/\/\/system (\S+) ?(.*)$/.exec(line);
  if (!match) return null;
  const [, verb, rest = ''] = match;
  const args = rest.split(' ');
  switch (verb) {
    case 'net-define':
    case 'net-create': {
      const file = args[0]!;
      const def = parseNetworkXml(readFileSync(join(baseDir, file), 'utf8'), file);
      return { verb, def, file };
    }
    case 'net-start':
    case 'net-destroy':
    case 'net-undefine':
      return { verb, network: args[0]! };
    case 'net-autostart':
      return { verb, network: args[0]!, disable: args.includes('--disable') };
    case 'net-update': {
      const flags = /((?: --\S+)*)$/.exec(rest)![1]!;
      const body = rest.slice(0, rest.length - flags.length);
      const [network, command, section, ...xml] = body.split(' ');
      return {
        verb,
        network: network!,
        command: command as NetUpdateCommand,
        section: section as NetUpdateSection,
        xml: xml.join(' '),
        parentIndex: -1,
        live: flags.includes('--live'),
        config: flags.includes('--config'),
      };
    }
    default:
      return null;
  }
}
