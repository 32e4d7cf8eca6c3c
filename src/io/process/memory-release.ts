/**
 * Hands memory back once a burst of work is over. Start-up and reloads touch far more than the
 * steady state does: the config parser and its compilation, the module loader, TurboFan's first
 * optimisations. The pages of the node binary they ran stay in the process's resident set (at
 * 100 Masters the VRRP child held 40 MB of them, a bare node 31 MB), and malloc keeps the compiler
 * threads' freed memory in its arenas. Neither is live, but both count as RSS until the kernel
 * is short of memory. native/memory.cc drops the clean file pages from this process (they stay
 * in the page cache, shared, and fault back in if touched) and trims malloc. V8's heap is left
 * alone: a memory-reducing collection also flushes the compiled code of every function not
 * running, so all of it compiles again (with it, the VRRP child used a third more CPU at 1000 Masters).
 *
 * Unmapping has a price: the pages the steady state runs fault back in on the next advert round,
 * which delays that round's adverts by a few ms (measured: p99 of 100 Masters' intervals went from
 * about 1 ms to 3 ms when it ran every few seconds). Trimming malloc has one too, with a single
 * arena: the main thread waits for the arena while it is trimmed (p99 2.2 ms when trimmed at 10,
 * 15 and 30 s). So both run soon after a start or reload — after the start-up, and after the
 * second GARP burst (garp_master_delay, 5 s) — and once more much later.
 */
import type { Logger } from '../../ports/logger.js';
import { nativeBinding, nativeUnavailable } from '../native/binding.js';

/** Delays after a start or reload at which memory is released. */
export const RELEASE_AFTER_SETTLE_MS: readonly number[] = [2_000, 6_000, 300_000];

export interface MemoryReleaser {
  /** A start or reload completed: (re)schedules the releases. */
  settled(): void;
  close(): void;
}

export interface MemoryReleaseDeps {
  /** The release itself; absent (no addon, or one built before it existed): nothing is done. */
  readonly release?: (() => Promise<{ unmappedKb: number; trimmed: boolean }>) | undefined;
  readonly setTimer?: (fn: () => void, ms: number) => { unref(): unknown };
  readonly clearTimer?: (timer: { unref(): unknown }) => void;
}

function nativeRelease(): MemoryReleaseDeps['release'] {
  if (nativeUnavailable() !== undefined) return undefined;
  const binding = nativeBinding();
  return binding.releaseMemory?.bind(binding);
}

export function createMemoryReleaser(log: Logger, deps: MemoryReleaseDeps = { release: nativeRelease() }): MemoryReleaser {
  const { release } = deps;
  if (release === undefined) return { settled: () => undefined, close: () => undefined };
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout));
  let pending: { unref(): unknown }[] = [];
  const cancel = (): void => {
    pending.forEach(clearTimer);
    pending = [];
  };
  const run = (): void => {
    release().then(
      (r) => log.debug(`released memory: ${r.unmappedKb} kB of file pages unmapped, malloc ${r.trimmed ? 'trimmed' : 'had nothing to trim'}`),
      (err: unknown) => log.debug(`memory release failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
  return {
    settled(): void {
      cancel();
      pending = RELEASE_AFTER_SETTLE_MS.map((ms) => {
        const timer = setTimer(run, ms);
        // A pending release never keeps a stopping process alive.
        timer.unref();
        return timer;
      });
    },
    close: cancel,
  };
}
