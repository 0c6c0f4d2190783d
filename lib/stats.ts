// SPDX-License-Identifier: GPL-2.0-only
/**
 * What /proc/slabinfo, the skb tracepoints, WARN and fault injection would
 * tell about the whole process (slab caches are process-wide, as in the
 * kernel), plus this thread's handle and GC-leak counts.
 */
import { NativeSlabCache, native } from './addon';
import { invalidArgType, outOfRange } from './errors';

/** One slab cache: `/proc/slabinfo` plus the debug counters. */
export type SlabCacheStats = NativeSlabCache;

export interface SkbextStats {
  /** Every cache, kmalloc ones included. */
  caches: SlabCacheStats[];
  /** Live objects summed over every cache (kmemleak's view). */
  live: number;
  /** `WARN_ON()`s hit since start-up, in any thread. */
  warnings: number;
  /** Slab debug findings: writes after free, double frees. */
  debugErrors: number;
  /** `trace_kfree_skb` (drops) and `trace_consume_skb` counts. */
  kfreeSkb: number;
  consumeSkb: number;
  /** Extension blocks copied on write (`skb_ext_maybe_cow()`). */
  extCow: number;
  /** Objects JS dropped without freeing, freed by their finalizer (this thread). */
  gcLeaks: { skbs: number; states: number };
  /** Handles alive in this thread. */
  handles: { skbs: number; states: number };
  /**
   * This thread's share: objects it allocated minus those it freed, its
   * `WARN_ON()`s and its slab debug findings. A tape runs in one thread,
   * so the change across `runTape()` is that tape's, whatever other
   * worker_threads do meanwhile (`skbext fuzz --jobs`).
   */
  thread: { live: number; warnings: number; debugErrors: number };
}

/**
 * A snapshot of the counters. First runs the deferred work, as
 * {@link flushWork} does, so that a state whose last reference is gone is
 * not counted as live.
 */
export function stats(): SkbextStats {
  const s = native().stats();
  return {
    caches: s.caches,
    live: s.live,
    warnings: s.warnings,
    debugErrors: s.debugErrors,
    kfreeSkb: s.kfreeSkb,
    consumeSkb: s.consumeSkb,
    extCow: s.extCow,
    gcLeaks: { skbs: s.gcLeakedSkbs, states: s.gcLeakedStates },
    handles: { skbs: s.liveSkbHandles, states: s.liveStateHandles },
    thread: { live: s.threadLive, warnings: s.threadWarnings, debugErrors: s.threadDebugErrors },
  };
}

const threadOut = new Float64Array(3);

/**
 * `stats().thread` alone: the same counts after the same sweep, without
 * the per-cache table (a check after every tape costs one native call).
 */
export function threadStats(): SkbextStats['thread'] {
  native().threadStats(threadOut);
  return { live: threadOut[0], warnings: threadOut[1], debugErrors: threadOut[2] };
}

/**
 * Runs the work the kernel defers to a worker thread, now: `flush_work()`
 * on the xfrm state GC (`xfrm_state_gc_task`). In 6.1 the last
 * `xfrm_state_put()` only queues the state; it is freed, and the device
 * hears `xdo_dev_state_free`, when that work runs. There is no worker
 * thread here: the work runs when this is called, when {@link stats} is
 * read, at the end of every `runTape()`, and when a driver is destroyed.
 * Returns how many work items ran.
 */
export function flushWork(): number {
  return native().flushWork();
}

/** Live objects of one cache (`skbuff_head_cache`, `skbuff_ext_cache`, `xfrm_state`, ...). */
export function cacheLive(name: string): number {
  const c = native()
    .stats()
    .caches.find((x) => x.name === name);
  return c ? c.active : 0;
}

/** Fault injection, as `/proc/self/task/<tid>/fail-nth` offers it. */
export const faults = {
  /** The `n`-th slab allocation from now (in this thread) fails; 0 disarms. */
  failNth(n: number): void {
    native().failNth(n);
  },
  /** Allocations left before the armed failure, 0 when none is armed. */
  pending(): number {
    return native().failNthGet();
  },
};

/** Debug switches. */
export const debug = {
  /**
   * Slab debug mode (poison freed objects, quarantine, double-free
   * detection), process-wide. Returns the mode now in force.
   */
  slab(on?: boolean): boolean {
    return on === undefined ? native().slabDebug() : native().slabDebug(on);
  },
  /**
   * The console loglevel, as `dmesg -n` sets it (`console_loglevel`):
   * a printk line (a driver's `netdev_err()`, a `WARN_ON()`'s report) goes
   * to stderr only when its level is below it. 7 by default; 1 keeps
   * everything but `KERN_EMERG` quiet. Process-wide. Returns the level in
   * force before the call; a level outside 1..8 is a `RangeError`.
   */
  consoleLoglevel(level?: number): number {
    if (level === undefined) return native().consoleLoglevel();
    if (typeof level !== 'number') throw invalidArgType(`level must be a number, not a ${typeof level}`);
    if (!Number.isInteger(level) || level < 1 || level > 8)
      throw outOfRange(`level must be a whole number from 1 to 8 (as dmesg -n takes it), not ${level}`);
    return native().consoleLoglevel(level);
  },
};
