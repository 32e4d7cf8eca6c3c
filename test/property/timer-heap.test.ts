import { test } from 'node:test';
import fc from 'fast-check';
import { ArmedTimer, TimerHeap } from '../../src/io/clock.js';

test('the real clock fires live timers by due time, then arming order, and never a cleared one', () => {
  const op = fc.oneof(
    fc.record({ arm: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ clear: fc.nat() }),
    fc.record({ take: fc.integer({ min: 0, max: 50 }) }),
  );
  fc.assert(fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
    const heap = new TimerHeap();
    const live: ArmedTimer[] = [];
    let id = 0;
    const fired: ArmedTimer[] = [];
    const expectFired: ArmedTimer[] = [];
    const takeUntil = (nowMs: number): void => {
      for (let t = heap.takeDue(nowMs); t !== undefined; t = heap.takeDue(nowMs)) fired.push(t);
      const due = live.filter((t) => t.dueMs <= nowMs).sort((a, b) => a.dueMs - b.dueMs || a.timerId - b.timerId);
      expectFired.push(...due);
      for (const t of due) live.splice(live.indexOf(t), 1);
    };
    for (const o of ops) {
      if ('arm' in o) {
        const timer = new ArmedTimer(++id, o.arm, () => undefined);
        heap.push(timer);
        live.push(timer);
      } else if ('clear' in o) {
        const victim = live[o.clear % Math.max(1, live.length)];
        if (victim === undefined) continue;
        victim.done = true;
        live.splice(live.indexOf(victim), 1);
      } else {
        takeUntil(o.take);
      }
    }
    takeUntil(Infinity);
    return fired.length === expectFired.length && fired.every((t, i) => t === expectFired[i]) && heap.peek() === undefined;
  }), { numRuns: 300 });
});
