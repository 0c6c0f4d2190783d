// SPDX-License-Identifier: GPL-2.0-only
/**
 * The finalizers of `Skb`, `XfrmState` and the drivers: an object JS drops
 * without `free()` (`delete()`, `destroy()`) is released by its registry
 * and counted in `stats().gcLeaks`. (An `Skb` uses a registry only with
 * leak tracing on; otherwise the addon's owner groups release it, see
 * lib/skb.ts.) With `SKBEXT_TRACE_LEAKS=1` in the
 * environment when the package loads, each such object also remembers the
 * stack it was made on, and its release prints it to stderr:
 *
 *     skbext: an Skb was collected without free(); it was made
 *         at Object.<anonymous> (/home/me/app.js:7:19)
 *
 * Without the variable the registries are plain `FinalizationRegistry`s
 * holding the handle: no stack is taken, nothing is added per object.
 */
import { sep } from 'path';
import type { Handle } from './addon';

/** Set from `SKBEXT_TRACE_LEAKS` once, when the package loads. */
export const TRACE_LEAKS = /^(1|true|yes|on)$/i.test(process.env.SKBEXT_TRACE_LEAKS ?? '');

/** What the classes call: `FinalizationRegistry`'s `register`/`unregister`, nothing more. */
export interface LeakRegistry {
  register(obj: object, h: Handle, token: object): void;
  unregister(token: object): void;
}

interface Traced {
  h: Handle;
  site: string;
}

// This package's own frames (this folder: lib/ from the sources, or
// dist/lib compiled) and Node's: the report starts at the caller's.
const OWN = __dirname + sep;

function site(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 30;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  const frames = stack.split('\n').slice(1);
  const theirs = frames.filter((l) => !l.includes(OWN) && !/[( ]node:internal\//.test(l));
  return (theirs.length ? theirs : frames).slice(0, 12).join('\n');
}

/**
 * A registry that calls `release(h)` for each object collected while
 * registered; with leak tracing on it also prints where the object was
 * made, if `leaks()` (the binding's count of such releases) went up, or
 * always without `leaks` (a release is a leak when the class unregisters on
 * its explicit end). `what` names the object, `end` the call it missed.
 */
export function leakRegistry(
  what: string,
  end: string,
  release: (h: Handle) => void,
  leaks?: () => number,
): LeakRegistry {
  if (!TRACE_LEAKS) return new FinalizationRegistry<Handle>(release);
  const reg = new FinalizationRegistry<Traced>((t) => {
    const before = leaks?.();
    release(t.h);
    if (leaks && leaks() === before) return;
    process.stderr.write(`skbext: ${what} was collected without ${end}; it was made\n${t.site}\n`);
  });
  return {
    register: (obj, h, token) => reg.register(obj, { h, site: site() }, token),
    unregister: (token) => reg.unregister(token),
  };
}
