/**
 * Lateness of the real Clock's timers, the way VRRP uses them: periodic timers of several
 * instances, phase-shifted so their wake-ups do not coincide. 1000 timers at 50 ms (10 chains of
 * 100, like 10 instances at 50 ms adverts) and 1000 at 1 s (50 chains of 20), for each way the
 * clock can wake: coarse (plain setTimeout), sleep (setTimeout, then Atomics.wait for the last
 * 1 ms) and timerfd (the addon's timer). Prints p50/p99/max lateness in ms, how many fired early
 * (must be 0) and the CPU used per second of wall time. Figures depend on machine load.
 * Run: node --import tsx bench/timers.ts [wakes…], e.g. `… bench/timers.ts sleep timerfd`
 */
import { performance } from 'node:perf_hooks';
import { createRealClock } from '../src/io/clock.js';
import type { ClockWake } from '../src/io/clock.js';
import type { Clock } from '../src/ports/clock.js';

const TIMERS = 1000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One instance: arms the next timer as soon as the previous fires, `count` times. */
function chain(clock: Clock, delayMs: number, count: number, lateness: number[]): Promise<void> {
  return new Promise((done) => {
    let left = count;
    const arm = (): void => {
      const armedAtMs = clock.nowMs();
      clock.setTimer(delayMs, () => {
        lateness.push(clock.nowMs() - armedAtMs - delayMs);
        left -= 1;
        if (left === 0) done();
        else arm();
      });
    };
    arm();
  });
}

async function measure(delayMs: number, chains: number, wake: ClockWake): Promise<string> {
  const clock = createRealClock({ wake });
  const lateness: number[] = [];
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const phaseMs = delayMs / chains;
  await Promise.all(Array.from({ length: chains }, (_, i) =>
    new Promise<void>((started) => clock.setTimer(i * phaseMs, started)).then(() => chain(clock, delayMs, TIMERS / chains, lateness))));
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  lateness.sort((a, b) => a - b);
  const early = lateness.filter((late) => late < 0).length;
  const f = (x: number): string => x.toFixed(3).padStart(8);
  return `delay ${String(delayMs).padStart(4)} ms × ${String(chains).padStart(2)} chains  ${wake.padEnd(7)}  ` +
    `p50 ${f(percentile(lateness, 50))}  p99 ${f(percentile(lateness, 99))}  max ${f(lateness.at(-1)!)}  ` +
    `early ${early}  cpu ${(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(1)}%`;
}

const wakes = process.argv.length > 2 ? (process.argv.slice(2) as ClockWake[]) : (['coarse', 'sleep', 'timerfd'] as const);
for (const [delayMs, chains] of [[50, 10], [1000, 50]] as const) {
  for (const wake of wakes) console.log(await measure(delayMs, chains, wake));
}
