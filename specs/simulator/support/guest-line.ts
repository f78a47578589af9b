import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '../../../src/simulator/command.js';
import { parseDomainXml } from '../../../src/xml/parse-domain.js';
import { parseInterfaceXml } from '../../../src/xml/parse-domain-interface.js';
import { virshLineToCommand } from '../../support/virsh-line.js';

const option = (args: readonly string[], name: string): string | null => {
  const i = args.indexOf(name);
  return i === -1 ? null : args[i + 1] ?? null;
};

/**
 * A recorded `virsh -c qemu:///system ...` line as a simulator command, guest verbs included;
 * null for read-only commands (list, domiflist, dumpxml ...). The recorded guests have no OS, so
 * their detach requests are never acknowledged (oracle e4).
 */
export function recordedLineToCommand(line: string, baseDir: string): Command | null {
  const match = /^virsh -c qemu:\/\/\/system (\S+) ?(.*)$/.exec(line);
  if (!match) return virshLineToCommand(line, baseDir);
  const [, verb, rest = ''] = match;
  const args = rest.split(' ');
  const live = args.includes('--live');
  const config = args.includes('--config');
  switch (verb) {
    case 'define': {
      const file = args[0]!;
      return { verb, def: parseDomainXml(readFileSync(join(baseDir, file), 'utf8'), file), file };
    }
    case 'start':
    case 'destroy':
    case 'shutdown':
    case 'undefine':
      return { verb, domain: args[0]! };
    case 'attach-interface': {
      const [domain, type, source] = args;
      const mac = option(args, '--mac');
      const model = option(args, '--model');
      const xml = `<interface type='${type}'><source ${type}='${source}'/>${mac ? `<mac address='${mac}'/>` : ''}${model ? `<model type='${model}'/>` : ''}</interface>`;
      return { verb, domain: domain!, iface: parseInterfaceXml(xml, 'attach-interface'), live, config };
    }
    case 'detach-interface':
      return { verb, domain: args[0]!, type: args[1]!, mac: option(args, '--mac'), live, config, unplugIgnored: true };
    default:
      return virshLineToCommand(line, baseDir);
  }
}
