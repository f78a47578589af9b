import type { DevicePciAddress } from './domain-device-def.js';

/** Slots on bus 0 of a conventional PCI root (slot 0 is the host bridge). */
const LAST_SLOT = 31;

/**
 * virDomainPCIAddressSet reduced to what an i440fx guest uses: the functions taken on bus 0,
 * and the last address handed out (virDomainPCIAddressGetNextAddr searches on from there).
 */
export class PciSlotSet {
  private readonly used = new Map<number, Set<number>>([[0, new Set([0])]]);
  private lastSlot = 0;

  /** virDomainPCIAddressReserveAddr for an address already in the definition or fixed by the chipset. */
  reserve(address: { readonly bus: number; readonly slot: number; readonly function: number }): void {
    if (address.bus !== 0) return;
    const functions = this.used.get(address.slot) ?? new Set<number>();
    functions.add(address.function);
    this.used.set(address.slot, functions);
  }

  /** virDomainPCIAddressSlotInUse. */
  slotInUse(slot: number): boolean {
    return (this.used.get(slot)?.size ?? 0) > 0;
  }

  /**
   * virDomainPCIAddressReserveNextAddr: the first free slot after the last one handed out,
   * wrapping around once; null when bus 0 is full (libvirt would add a pci-bridge, not modelled).
   */
  reserveNext(fn = 0): DevicePciAddress | null {
    for (let step = 1; step <= LAST_SLOT; step++) {
      const slot = ((this.lastSlot + step - 1) % LAST_SLOT) + 1;
      if (this.slotInUse(slot)) continue;
      this.reserve({ bus: 0, slot, function: fn });
      this.lastSlot = slot;
      return pciAddress(slot, fn);
    }
    return null;
  }
}

/** A bus-0 PCI address as libvirt stores it in a device info. */
export function pciAddress(slot: number, fn = 0, multifunction: 'on' | 'off' | null = null): DevicePciAddress {
  return { type: 'pci', domain: 0, bus: 0, slot, function: fn, multifunction };
}
