// SPDX-License-Identifier: GPL-2.0-only
/**
 * Typed errors. Each has a stable `code`; match on `err.code` (or
 * `err.name`), not on `instanceof`, when errors may cross realms (jest,
 * vm contexts, worker_threads).
 */

/** Base class of every error skbext throws itself. */
export class SkbextError extends Error {
  readonly code: string;
  constructor(message: string, code: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An `Skb` used after `free()`/`consume()`, or freed twice. */
export class SkbFreedError extends SkbextError {
  constructor(message = 'this skb was already freed') {
    super(message, 'ERR_SKB_FREED');
  }
}

/**
 * An `Skb` used after `releaseHeadState()` (`skb_release_head_state()`)
 * other than to free it: its dst, conntrack entry and extension block
 * are already released.
 */
export class SkbHeadReleasedError extends SkbextError {
  constructor(message = 'skb_release_head_state() ran on this skb') {
    super(message, 'ERR_SKB_HEAD_RELEASED');
  }
}

/** An `XfrmState` used after its last reference was put (it is destroyed). */
export class XfrmStateFreedError extends SkbextError {
  constructor(message = 'this xfrm_state was destroyed') {
    super(message, 'ERR_XFRM_STATE_FREED');
  }
}

/** `pushState()` on a sec_path that already holds `XFRM_MAX_DEPTH` states. */
export class SecpathFullError extends SkbextError {
  constructor(message = 'the sec_path is full') {
    super(message, 'ERR_SECPATH_FULL');
  }
}

/** A view read or written after its extension was deleted or reset. */
export class ExtGoneError extends SkbextError {
  constructor(message = 'the skb no longer carries this extension') {
    super(message, 'ERR_EXT_GONE');
  }
}

/**
 * A receive or merge path (`coalesce()`, `morph()`, `napiReuse()`, the
 * partial frees, `mctpFragment()`) on an skb its kernel caller would own
 * alone, but which has other users (`get()`), a head shared with a clone,
 * or another state no kernel caller reaches.
 */
export class SkbBusyError extends SkbextError {
  constructor(message = 'the kernel caller owns this skb alone') {
    super(message, 'ERR_SKB_BUSY');
  }
}

/** A driver adapter used after `destroy()`. */
export class AdapterDestroyedError extends SkbextError {
  constructor(message = 'this adapter was destroyed') {
    super(message, 'ERR_ADAPTER_DESTROYED');
  }
}

/**
 * An allocation failed where the kernel's answer is an errno, not a NULL
 * the call could return: a driver's probe (`new Ixgbe()`, ...) that ends
 * with `-ENOMEM`. Nothing was left allocated.
 */
export class NoMemoryError extends SkbextError {
  constructor(message = 'an allocation failed (-ENOMEM)') {
    super(message, 'ERR_NO_MEMORY');
  }
}

/** The native addon is not built (or not where the loader looks). */
export class AddonNotBuiltError extends SkbextError {
  constructor(message: string) {
    super(message, 'ERR_ADDON_NOT_BUILT');
  }
}

/** A TypeError with Node's code for a wrong argument type. */
export function invalidArgType(message: string): TypeError {
  const e = new TypeError(message) as TypeError & { code: string };
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}

/** A RangeError with Node's code for a value out of range. */
export function outOfRange(message: string): RangeError {
  const e = new RangeError(message) as RangeError & { code: string };
  e.code = 'ERR_OUT_OF_RANGE';
  return e;
}
