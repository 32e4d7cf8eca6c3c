/**
 * A takeover rehearsed once per process, on a scratch actor whose effects do nothing.
 *
 * A Backup's first Backup→Master step is the first run of the Master entry actions and of the
 * parts of XState that carry them out: V8 compiles each of those functions on its first call.
 * Timed in the daemon during bench/daemon.mjs takeovers, the step from Master_Down_Timer to the
 * advert's send took 0.92 ms at the median without this and 0.78 ms with it (alone, in a fresh
 * process: 0.37 ms the first time, 0.07 ms after). Walking a scratch actor through the same
 * steps at start-up compiles them while nothing is waiting.
 *
 * The scratch actor has its own clock and no-op effects: it sends, arms and logs nothing, so
 * it changes no trace, in the simulator either.
 */
import { createActor } from 'xstate';
import type { InstanceEvent, InstanceParamsInput } from '../../machines/index.js';
import { bindEffects, providedInstanceMachine } from './instance-machine.js';
import type { InstanceEffects } from './instance-machine.js';

const OUR_ADDRESS = '192.0.2.2';
const PEER_ADDRESS = '192.0.2.1';

/** A plain v2 instance at a Backup's priority: the shape of most configured instances. */
const REHEARSAL_INPUT: InstanceParamsInput = { name: 'rehearsal', vrid: 1, priority: 100, primaryAddress: OUR_ADDRESS };

const advert = (priority: number): InstanceEvent => ({ type: 'ADVERT', priority, maxAdvertIntervalMs: 1000, sourceAddress: PEER_ADDRESS });

let rehearsed = false;

/** Timers armed by the scratch actor, fired by hand. */
class ScratchClock {
  #lastId = 0;
  readonly #armed = new Map<number, () => void>();

  setTimeout(fn: (...args: unknown[]) => void): number { // port-ok: XState's clock interface; nothing here waits
    const id = ++this.#lastId;
    this.#armed.set(id, () => fn());
    return id;
  }

  clearTimeout(id: unknown): void { // port-ok: XState's clock interface
    this.#armed.delete(id as number);
  }

  /** Fires the timer armed last (Master_Down_Timer or Skew_Time in the steps below). */
  fireLatest(): void {
    const ids = [...this.#armed.keys()];
    const id = ids[ids.length - 1];
    if (id === undefined) return;
    const fn = this.#armed.get(id)!;
    this.#armed.delete(id);
    fn();
  }
}

/** Rehearses a takeover the first time it is called in this process. */
export function rehearseTakeoverOnce(): void {
  if (rehearsed) return;
  rehearsed = true;
  rehearseTakeover();
}

/**
 * Backup, held by a higher priority; Master_Down_Timer → Master; an Adver_Timer round; a higher
 * priority → Backup; its priority 0 → Skew_Time → Master; shut down. Returns whether the machine
 * went the whole way (if it did not, the next takeover compiles what was missed, and that is all).
 */
export function rehearseTakeover(): boolean {
  const clock = new ScratchClock();
  const actor = createActor(providedInstanceMachine, { input: REHEARSAL_INPUT, clock });
  const noop = (): void => undefined;
  const effects: InstanceEffects = {
    sendAdvert: noop,
    startAdverTimer: noop,
    stopAdverTimer: noop,
    addVips: noop,
    removeVips: noop,
    sendGratuitous: noop,
    notify: noop,
    statsCount: noop,
    syncReport: noop,
  };
  bindEffects(actor, effects);
  let role = '';
  let masterEntries = 0;
  const subscription = actor.subscribe((snapshot) => {
    if (snapshot.context.role === 'MASTER' && role !== 'MASTER') masterEntries++;
    role = snapshot.context.role;
  });
  try {
    actor.start();
    actor.send(advert(200));
    clock.fireLatest();
    actor.send({ type: 'ADVER_TIMER' });
    actor.send(advert(200));
    actor.send(advert(0));
    clock.fireLatest();
    actor.send({ type: 'SHUTDOWN' });
  } finally {
    subscription.unsubscribe();
    actor.stop();
  }
  return masterEntries === 2 && actor.getSnapshot().status === 'done';
}
