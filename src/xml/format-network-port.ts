import type { NetworkPortDef } from '../model/network-port-def.js';
import { formatBandwidth, formatVirtualPort, formatVlan } from './format-netdev.js';
import { finishFormatted } from './indent-formatted.js';
import { XmlBuffer } from './xml-buffer.js';

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** Writes `<networkport>` into a buffer (virNetworkPortDefFormatBuf). */
export function formatNetworkPortInto(buf: XmlBuffer, port: NetworkPortDef): void {
  buf.add('<networkport>\n');
  buf.adjustIndent(2);
  buf.add(`<uuid>${port.uuid}</uuid>\n`);
  buf.add('<owner>\n');
  buf.adjustIndent(2);
  buf.addEscaped('<name>%s</name>\n', port.owner.name);
  buf.add(`<uuid>${port.owner.uuid}</uuid>\n`);
  buf.adjustIndent(-2);
  buf.add('</owner>\n');
  buf.addEscaped('<group>%s</group>\n', port.group);
  buf.add(`<mac address='${port.mac}'/>\n`);
  formatVirtualPort(buf, port.virtualport);
  formatBandwidth(buf, port.bandwidth, port.classId);
  formatVlan(buf, port.vlan);
  if (port.isolatedPort) buf.add(`<port isolated='${port.isolatedPort}'/>\n`);
  if (port.trustGuestRxFilters) buf.add(`<rxfilters trustGuest='${port.trustGuestRxFilters}'/>\n`);
  const plug = port.plug;
  if (plug) {
    buf.add(`<plug type='${plug.type}'`);
    switch (plug.type) {
      case 'network':
      case 'bridge':
        buf.addEscaped(" bridge='%s'", plug.bridge);
        if (plug.macTableManager) buf.add(` macTableManager='${plug.macTableManager}'`);
        buf.add('/>\n');
        break;
      case 'direct':
        buf.addEscaped(" dev='%s'", plug.dev);
        buf.add(` mode='${plug.mode}'/>\n`);
        break;
      case 'hostdev-pci': {
        if (plug.managed) buf.add(` managed='${plug.managed}'`);
        buf.add('>\n');
        buf.adjustIndent(2);
        if (plug.driver) buf.add(`<driver name='${plug.driver}'/>\n`);
        const a = plug.address;
        // virPCIDeviceAddressFormat without the type attribute; the function is printed as 0x%d.
        buf.add(`<address domain='0x${hex(a.domain, 4)}' bus='0x${hex(a.bus, 2)}' slot='0x${hex(a.slot, 2)}' function='0x${a.function}'/>\n`);
        buf.adjustIndent(-2);
        buf.add('</plug>\n');
      }
    }
  }
  buf.adjustIndent(-2);
  buf.add('</networkport>\n');
}

/**
 * `<networkport>` at indent 0, ending with a newline, in virNetworkPortDefFormatBuf's order:
 * uuid, owner, group, mac, virtualport, bandwidth (with classID), vlan, port isolated,
 * rxfilters, plug.
 */
export function formatNetworkPort(port: NetworkPortDef): string {
  const buf = new XmlBuffer();
  formatNetworkPortInto(buf, port);
  return finishFormatted(buf);
}
