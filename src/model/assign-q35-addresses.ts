import { PCI_ASSIGN_ORDER, pciAddressWanted, pciAssignStep } from './device-wants-pci.js';
import type { DomainDef } from './domain-def.js';
import type { ControllerDef, DevicePciAddress, DomainDevice } from './domain-device-def.js';

const address = (bus: number, slot: number, fn = 0, multifunction: 'on' | null = null): DevicePciAddress =>
  ({ type: 'pci', domain: 0, bus, slot, function: fn, multifunction });

const PCIE_NICS = new Set(['virtio', 'e1000e']);
const PCI_NICS = new Set(['e1000', 'rtl8139']);

/** Whether the device plugs into a PCIe root port (true), a conventional PCI slot (false), or is not modelled (null). */
function isPcie(device: DomainDevice): boolean | null {
  switch (device.kind) {
    case 'interface': return PCIE_NICS.has(device.model ?? '') ? true : PCI_NICS.has(device.model ?? '') ? false : null;
    case 'controller': return device.type === 'usb' && device.model === 'qemu-xhci' ? true : null;
    case 'disk': case 'rng': return true;
    case 'memballoon': return device.model === 'virtio' ? true : null;
    default: return null;
  }
}

function controller(index: number, model: string, children: ControllerDef['children'], at: DevicePciAddress): ControllerDef {
  return { kind: 'controller', type: 'pci', index, model, attributes: [], children, info: { alias: null, address: at } };
}

/**
 * qemuDomainAssignPCIAddresses for a q35 guest whose PCI topology libvirt builds itself (only
 * pcie-root defined; NICs virtio/e1000e/e1000/rtl8139, qemu-xhci, virtio disks, balloon, rng):
 * the built-in SATA controller at 00:1f.2; a pcie-root-port per PCIe device in
 * qemuDomainAssignDevicePCISlots' order, aggregated as functions of pcie-root slots 1, 2, ...
 * (chassis = index, port = slot*8+function); conventional PCI devices on a pcie-to-pci-bridge
 * (slots 1, 2, ...) whose root port is the first one added; one spare root port for hot-plug.
 * Rules from libvirt 9.0's output (differential-guests); other q35 guests are left unaddressed.
 */
export function assignQ35Addresses(def: DomainDef): DomainDef {
  const devices = [...def.devices];
  const pciControllers = devices.filter((d): d is ControllerDef => d.kind === 'controller' && d.type === 'pci');
  if (pciControllers.some((c) => c.model !== 'pcie-root')) return def;
  const wanting = devices.flatMap((d, i) => (d.kind !== 'audio' && pciAddressWanted(d.info) && pciAssignStep(d) !== null
    && !(d.kind === 'controller' && d.type === 'sata' && d.index === 0) ? [i] : []));
  if (wanting.some((i) => isPcie(devices[i]!) === null)) return def;

  devices.forEach((d, i) => {
    if (d.kind === 'controller' && d.type === 'sata' && d.index === 0 && d.info.address === null) devices[i] = { ...d, info: { ...d.info, address: address(0, 0x1f, 2) } };
  });
  const added: ControllerDef[] = [];
  let nextIndex = 1;
  let rootPorts = 0;
  const addRootPort = (): number => {
    const index = nextIndex++;
    const [slot, fn] = [1 + Math.floor(rootPorts / 8), rootPorts % 8];
    rootPorts++;
    added.push(controller(index, 'pcie-root-port', [
      { name: 'model', attributes: [['name', 'pcie-root-port']], children: [] },
      { name: 'target', attributes: [['chassis', String(index)], ['port', `0x${(slot * 8 + fn).toString(16)}`]], children: [] },
    ], address(0, slot, fn, fn === 0 ? 'on' : null)));
    return index;
  };
  const bridgePort = wanting.some((i) => isPcie(devices[i]!) === false) ? addRootPort() : null;
  let bridge: { index: number; slot: number } | null = null;
  for (const step of PCI_ASSIGN_ORDER) {
    for (const i of wanting) {
      const device = devices[i]!;
      if (device.kind === 'audio' || pciAssignStep(device) !== step) continue;
      let at: DevicePciAddress;
      if (isPcie(device)) at = address(addRootPort(), 0);
      else {
        if (!bridge) {
          bridge = { index: nextIndex++, slot: 1 };
          added.push(controller(bridge.index, 'pcie-to-pci-bridge', [{ name: 'model', attributes: [['name', 'pcie-pci-bridge']], children: [] }], address(bridgePort!, 0)));
        }
        at = address(bridge.index, bridge.slot++);
      }
      devices[i] = { ...device, info: { ...device.info, address: at } } as DomainDevice;
    }
  }
  addRootPort();
  const sorted = added.sort((a, b) => a.index - b.index);
  const last = devices.reduce((at, d, i) => (d.kind === 'controller' ? i : at), -1);
  devices.splice(last + 1, 0, ...sorted);
  return { ...def, devices };
}

/**
 * qemuDomainEnsurePCIAddress on q35 (recorded): a hot-plugged PCIe device takes the first
 * pcie-root-port with nothing plugged in, a conventional PCI one the lowest free slot of the
 * pcie-to-pci-bridge; null when there is none (libvirt then fails with `No more available PCI
 * slots`, not modelled) or the device is not one virthook places.
 */
export function q35HotplugAddress(def: DomainDef, device: DomainDevice): DevicePciAddress | null {
  const pcie = isPcie(device);
  if (pcie === null) return null;
  const taken = new Set<string>();
  for (const d of def.devices) {
    const at = d.kind === 'audio' ? null : d.info.address;
    if (at?.type === 'pci') taken.add(`${(at as DevicePciAddress).bus}:${(at as DevicePciAddress).slot}`);
  }
  const pci = def.devices.filter((d): d is ControllerDef => d.kind === 'controller' && d.type === 'pci').sort((a, b) => a.index - b.index);
  if (pcie) {
    const port = pci.find((c) => c.model === 'pcie-root-port' && !taken.has(`${c.index}:0`));
    return port ? address(port.index, 0) : null;
  }
  const bridge = pci.find((c) => c.model === 'pcie-to-pci-bridge');
  if (!bridge) return null;
  for (let slot = 1; slot <= 31; slot++) if (!taken.has(`${bridge.index}:${slot}`)) return address(bridge.index, slot);
  return null;
}
