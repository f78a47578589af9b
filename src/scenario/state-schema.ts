import { z } from 'zod';
import { BRIDGE_STATES } from '../assertions/expectation.js';

const fact = (description: string) => z.boolean().optional().meta({ description });

const networkState = z
  .strictObject({
    defined: fact('Whether the network exists (persistent, or transient and running); false asserts it is gone.'),
    active: fact('Whether it runs (virsh net-list).'),
    persistent: fact('Whether it has a persistent config (false: transient).'),
    autostart: fact('Whether it is marked autostart.'),
    connections: z.number().int().optional().meta({ description: "The driver's count of plugged ports (<network connections='N'>)." }),
    ports: z.number().int().min(0).optional().meta({ description: 'How many ports the network holds.' }),
  })
  .meta({ id: 'NetworkState' });

const guestState = z
  .strictObject({
    defined: fact('Whether the guest exists; false asserts it is gone.'),
    running: fact('Whether it runs.'),
    persistent: fact('Whether it has a persistent definition.'),
  })
  .meta({ id: 'GuestState' });

/** The simulated host after a step (or after the last step, at the scenario level). */
export const stateSchema = z
  .strictObject({
    networks: z.record(z.string(), networkState).optional().meta({ description: 'Network name -> the facts that must hold.' }),
    guests: z.record(z.string(), guestState).optional().meta({ description: 'Guest name -> the facts that must hold.' }),
    bridges: z.record(z.string(), z.enum(BRIDGE_STATES)).optional().meta({
      description: 'Bridge device -> present, absent, or leaked (left behind by a vetoed start, libvirt < 10.8).',
    }),
  })
  .meta({ id: 'State', description: 'The simulated host: networks, guests and bridge devices.' });

export type StateInput = z.output<typeof stateSchema>;
