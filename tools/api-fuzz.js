// SPDX-License-Identifier: GPL-2.0-only
// The API fuzzer: random programs over the exported classes and functions
// (Skb, its views, XfrmState, drivers, MPTCP packet builders, runTape,
// faults, stats), with random arguments (right and wrong types, edge
// numbers, bigint for number, unknown keys, freed handles, objects of the
// wrong class, views kept across copy-on-write), checked against a small
// model of object lifetimes. The model does not re-implement skb
// semantics (lib/tape/model.ts checks those): it tracks which handles are
// alive, their users, the extension ids each skb carries, the holds on
// states, and predicts for each call: success, `null` (fault injection
// armed), or which error class and `code` it throws. After each step the
// thread's live handle counts (stats().handles) equal the model's, and
// when the model holds nothing the thread's slab objects are back to
// where the program started (stats().thread.live).
//
// Exported for the CLI (`skbext fuzz --api`), jest and a soak runner:
//
//   runApiPrograms({ seed = 1, seconds = 10, maxCalls = Infinity,
//                    maxPrograms = Infinity, lib = <dist/lib>, out, gc = true,
//                    workers = true, onProgress }) -> Promise<{
//     calls, programs, seconds, callsPerSecond, seed,
//     failures: [{ why, program, file?, callsToFind, programsToFind }] }>
//
//   Runs programs until `seconds` pass, `maxCalls` API calls are made or
//   `maxPrograms` programs ran, whichever comes first; stops at the first
//   failure, shrinks it (fast-check) and, with `out`, saves the shrunk
//   program as JSON there. `lib` is the loaded package (require('dist/lib')),
//   which a worker thread passes as its own. Bounded by its arguments:
//   the budget is checked before each program starts, a program that has
//   started runs to its end (one program at a time, always), and
//   shrinking is bounded too (at most 2000 replays). A gc step waits up
//   to 3 s for the finalizers it predicts.
//
//   replayProgram(lib, program | file, opts) -> Promise<{ ok, why, calls }>
//   Re-runs one saved program (the JSON `runApiPrograms` writes).
//
//   Both take `tamper(lib, stepIndex, step)` and `untamper(lib)`: a test's
//   hooks that call the API behind the model's back (before each step,
//   and at the end of each program), to show the checks fail when they
//   should.
'use strict';
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');

/* ------------------------------------------------------------------ */
/* Outcomes                                                            */

/** @typedef {{ kind: string, name?: string, code?: string }} Outcome */

/** @type {Outcome} */
const OK = { kind: 'ok' };
/** @type {Outcome} */
const NULL = { kind: 'null' };
/** @returns {Outcome} */
const thr = (/** @type {string} */ name, /** @type {string | undefined} */ code) => ({ kind: 'throw', name, code });
const TYPE = thr('TypeError', 'ERR_INVALID_ARG_TYPE');
const RANGE = thr('RangeError', 'ERR_OUT_OF_RANGE');
const FREED = thr('SkbFreedError', 'ERR_SKB_FREED');
const HEADREL = thr('SkbHeadReleasedError', 'ERR_SKB_HEAD_RELEASED');
const XFREED = thr('XfrmStateFreedError', 'ERR_XFRM_STATE_FREED');
const GONE = thr('ExtGoneError', 'ERR_EXT_GONE');
const BUSY = thr('SkbBusyError', 'ERR_SKB_BUSY');
const FULL = thr('SecpathFullError', 'ERR_SECPATH_FULL');
const ADESTROYED = thr('AdapterDestroyedError', 'ERR_ADAPTER_DESTROYED');

function show(o) {
  return o.kind === 'throw' ? `throw ${o.name} ${o.code}` : o.kind;
}

class Failure extends Error {}

/* ------------------------------------------------------------------ */
/* Arguments: each generated step carries small integers; the runner   */
/* turns them into values, so a saved program is plain JSON.           */

const EXTS = ['BRIDGE_NF', 'SEC_PATH', 'MPTCP'];
const XFRM_MAX_DEPTH = 6;

// sizes for alloc(): [value, what it gives]
const SIZES = [
  () => [64, 'ok'],
  () => [0, 'ok'],
  () => [-0, 'ok'],
  () => [1500, 'ok'],
  () => [NaN, 'range'],
  () => [-1, 'range'],
  () => [1.5, 'range'],
  () => [Infinity, 'range'],
  () => [2 ** 31, 'range'],
  () => [2 ** 53, 'range'],
  () => [64 << 20, 'null'],
  () => ['64', 'type'],
  () => [64n, 'type'],
  () => [undefined, 'type'],
];

// extension ids: [value, 'ok' (a valid id, by name), 'range', 'type']
const IDS = [
  () => ['BRIDGE_NF', 'ok', 'BRIDGE_NF'],
  () => ['SEC_PATH', 'ok', 'SEC_PATH'],
  () => ['MPTCP', 'ok', 'MPTCP'],
  (L) => [L.skbExtIds().MPTCP, 'ok', 'MPTCP'],
  () => ['NOPE', 'range'],
  () => [255, 'range'],
  () => [-1, 'range'],
  () => [1.5, 'range'],
  () => [null, 'type'],
  () => [1n, 'type'],
];

// XfrmState.alloc() parameters: [params, 'ok' | 'range' | 'type']
const STATE_PARAMS = [
  () => [{ spi: 1 }, 'ok'],
  () => [{ spi: 0x100, proto: 'ah', dir: 'in' }, 'ok'],
  () => [{ daddr: '2001:db8::1', dir: 'out' }, 'ok'],
  () => [{}, 'ok'],
  () => [{ spi: -1 }, 'range'],
  () => [{ spi: 2 ** 32 }, 'range'],
  () => [{ family: 7 }, 'range'],
  () => [{ daddr: '300.1.1.1' }, 'range'],
  () => [{ proto: 'gre' }, 'range'],
  () => [{ dir: 'sideways' }, 'range'],
  () => [{ mode: 9 }, 'range'],
  () => [null, 'type'],
  () => [7, 'type'],
  () => [{ spi: 1, bogus: 1 }, 'type'],
];

const NF_WRITES = [
  () => [{ physinif: 3 }, 'ok'],
  () => [{ origProto: 1, pktOtherhost: true }, 'ok'],
  () => [{ bogus: 1 }, 'type'],
  () => ['x', 'type'],
  () => [null, 'type'],
];
const MPTCP_WRITES = [
  () => [{ dataSeq: 5n, dataAck: 7n }, 'ok'],
  () => [{ subflowSeq: 42, useMap: true }, 'ok'],
  () => [{ dataSeq: 5 }, 'type'],
  () => [{ dataAck: 2 ** 53 }, 'type'],
  () => [{ bogus: 1 }, 'type'],
];

const DRIVERS = ['Ixgbe', 'Ixgbevf', 'Mlx5', 'Chelsio', 'Netdevsim'];

/* ------------------------------------------------------------------ */
/* The model                                                           */

/**
 * One run of one program: the objects it holds (by the program's own
 * numbering, entries are never removed so a freed one can be used again)
 * and what the model says of each.
 */
class World {
  constructor(/** @type {any} */ L) {
    this.L = L;
    this.epoch = 0;
    this.lastSig = '';
    /** @type {((done?: (round: number) => boolean) => Promise<boolean>) | null} */
    this.collect = null;
    this.workers = false;
    /** @type {string | undefined} */
    this.libPath = undefined;
    /** @type {(() => void)[]} */
    this.dropped = [];
    this.droppedDrivers = 0;
    this.pendingLeaks = { skbs: 0, states: 0 };
    this.live0 = 0;
    this.debug0 = 0;
    this.warn0 = 0;
    this.leak0 = { skbs: 0, states: 0 };
    this.lastNull = false;
    this.workerRan = false;
    this.skbs = []; // { obj, buf, alive, headReleased, dropped, room, gso }
    this.states = []; // { obj, alive, deleted, holds, pushed, dropped }
    this.views = []; // { skb: entry, id, obj }
    this.drivers = []; // { obj, alive, dropped }
    this.calls = 0;
    // the step being run and the skbs it has made: an Skb's owner group
    // (lib/skb.ts) is the run of Skbs made in one job, 64 at most, and
    // every step is a job of its own (runProgram awaits before each)
    this.step = 0;
    this.made = 0;
    this.gcLeaks = { skbs: 0, states: 0 };
    this.armed = false;
  }

  liveSkbs() {
    return this.skbs.filter((e) => e.alive && !e.dropped);
  }

  /** States whose handle the model cannot place: pushed, deleted, unheld, skbs alive. */
  limbo(e) {
    return e.alive && e.pushed && e.deleted && e.holds === 0 && this.skbs.some((s) => s.alive);
  }

  /** A pushed state nothing holds any more: the sweep has destroyed it. */
  settle() {
    if (this.skbs.some((s) => s.alive)) return;
    for (const x of this.states) if (x.alive && x.pushed && x.deleted && x.holds === 0) x.alive = false;
  }

  empty() {
    return !this.skbs.some((e) => e.alive) && !this.states.some((e) => e.alive) && !this.drivers.some((e) => e.alive);
  }
}

function pick(list, n) {
  return list.length ? list[n % list.length] : undefined;
}

/** The outcome of `fn()`: ok (with the value), or the error's class and code. */
function outcome(fn) {
  let v;
  try {
    v = fn();
  } catch (e) {
    const err = /** @type {{ name?: string, code?: string, message?: string }} */ (e);
    return { kind: 'throw', name: err && err.name, code: err && err.code, message: err && err.message, value: e };
  }
  return v === null ? { kind: 'null', value: v } : { kind: 'ok', value: v };
}

function expectOutcome(w, step, want, got) {
  const same = want.kind === got.kind && (want.kind !== 'throw' || (want.name === got.name && want.code === got.code));
  if (!same)
    throw new Failure(
      `call ${w.calls} (${step.op}${step.v !== undefined ? ` v${step.v}` : ''}): the model predicts ${show(want)}, ` +
        `the API gave ${show(got)}${got.message ? ` (${got.message})` : ''}`,
    );
}

/** The call through the model: predict, call, compare; returns the value on success. */
function call(w, step, want, fn) {
  w.calls++;
  const got = outcome(fn);
  expectOutcome(w, step, want, got);
  w.lastNull = want.kind === 'null';
  return got.kind === 'ok' ? got.value : null;
}

/** Skb use: dead -> SkbFreedError, head released -> SkbHeadReleasedError. */
function skbUse(e) {
  if (!e.alive) return FREED;
  if (e.headReleased) return HEADREL;
  return null;
}

/**
 * An id argument, then the skb: a bad type or an unknown name is refused
 * before the handle is looked at (lib/skb.ts extNumber), a bad number
 * after it. Null when both are good.
 */
function idUse(e, what, id) {
  if (what === 'type') return TYPE;
  if (what === 'range' && typeof id === 'string') return RANGE;
  return skbUse(e) || (what === 'range' ? RANGE : null);
}

function newSkb(w, obj, buf) {
  w.epoch++;
  const group = w.step * 4096 + Math.floor(w.made++ / 64);
  const e = { obj, buf, alive: true, headReleased: false, dropped: false, room: -1, gso: false, group };
  w.skbs.push(e);
  return e;
}

function newBuf(exts, sp) {
  return { users: 1, exts: new Set(exts), sp, fcloneFree: false, fcloneOf: null, shared: false };
}

/**
 * A copy of an skb's extension state into a new sk_buff (clone, copy,
 * segment...): skb_ext_copy(), one block for both. `shared` says the
 * block may have other holders: set wherever one is shared, cleared only
 * where the skb surely has a block of its own (skb_ext_add() copies a
 * shared one) or none; the model keeps no block refcounts.
 */
function bufFrom(src) {
  const b = newBuf(src.buf.exts, src.buf.sp);
  if (b.exts.size) b.shared = src.buf.shared = true;
  return b;
}

/** skb_ext_add() and the like: the block is this skb's own now. */
function ownBlock(buf) {
  buf.shared = false;
}

/*
 * 6.1's __skb_ext_del() of SEC_PATH on a shared block with other
 * extensions active clears the active bit only: the block keeps its
 * sec_path, and a later copy-on-write of this skb copies it without
 * taking state references that the copy's last put then puts (the
 * "sec_path deleted from a shared block" finding in docs/testing.md;
 * the port reproduces it, with WARNs and states destroyed early). Which
 * states that hits depends on the block refcounts, which this model does
 * not keep: the deletion is only made where the block is surely this
 * skb's own, or SEC_PATH is the last extension (the block goes).
 */
function secpathDelSure(buf) {
  return !buf.shared || !buf.exts.has('SEC_PATH') || buf.exts.size === 1;
}

function kill(w, e) {
  w.epoch++;
  e.alive = false;
  e.buf.users--;
  if (e.buf.users === 0 && e.buf.fcloneOf) e.buf.fcloneOf.fcloneFree = true;
}

/** Drop the extension ids (and the sec_path length with SEC_PATH). */
function dropExt(buf, id) {
  buf.exts.delete(id);
  if (id === 'SEC_PATH') buf.sp = 0;
  // the last one: the block is put, a later add makes a new one
  if (!buf.exts.size) buf.shared = false;
}

/* ------------------------------------------------------------------ */
/* Steps. Each: (w, step) -> void, or a Promise for the async ones.    */

const L_ = (w) => w.L;

/** What each op does; `a`, `b` pick objects, `v` a variant. */
const OPS = {
  alloc(w, s) {
    const [size, what] = SIZES[s.v % SIZES.length]();
    const fclone = s.b % 4 === 0;
    let want = what === 'ok' ? OK : what === 'null' ? NULL : what === 'range' ? RANGE : TYPE;
    if (w.armed && what === 'ok') want = NULL;
    const r = call(w, s, want, () => (fclone ? L_(w).Skb.allocFclone(size) : L_(w).Skb.alloc(size)));
    if (r) {
      const e = newSkb(w, r, newBuf([], 0));
      e.room = /** @type {number} */ (size);
      e.buf.fcloneFree = fclone;
    }
  },

  clone(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    let want = skbUse(e) || OK;
    // an fclone's first clone takes the companion, not the slab
    if (want === OK && w.armed && !e.buf.fcloneFree) want = NULL;
    if (want === OK && w.armed) return;
    const r = call(w, s, want, () => e.obj.clone());
    if (r) {
      const c = newSkb(w, r, bufFrom(e));
      // a clone of a fresh GSO packet has its headers and gso_size too
      c.gso = e.gso;
      if (e.buf.fcloneFree) {
        e.buf.fcloneFree = false;
        c.buf.fcloneOf = e.buf;
      }
      e.room = -1;
    }
  },

  copy(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    let want = skbUse(e) || OK;
    if (want === OK && w.armed) want = NULL;
    const r = call(w, s, want, () => (s.v % 2 ? e.obj.copy() : e.obj.pskbCopy()));
    // as is a copy's (skb_copy_header() takes gso_size and the headers)
    if (r) newSkb(w, r, bufFrom(e)).gso = e.gso;
  },

  get(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const r = call(w, s, skbUse(e) || OK, () => e.obj.get());
    if (r) {
      const g = newSkb(w, r, e.buf);
      e.buf.users++;
      e.room = -1;
      g.room = -1;
    }
  },

  free(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    call(w, s, e.alive ? OK : FREED, () => (s.v % 2 ? e.obj.free() : e.obj.consume()));
    if (e.alive) kill(w, e);
  },

  extAdd(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const [id, what, name] = IDS[s.v % IDS.length](w.L);
    // the id is checked before the handle (lib/skb.ts extNumber)
    let want = idUse(e, what, id) || OK;
    if (want === OK && w.armed) {
      // only an skb without extensions surely allocates (a new block)
      if (e.buf.exts.size) return;
      want = NULL;
    }
    const r = call(w, s, want, () => e.obj.extAdd(id));
    if (r) {
      ownBlock(e.buf);
      e.buf.exts.add(name);
      if (name !== 'SEC_PATH' || s.b % 2) w.views.push({ skb: e, id: name, obj: r });
    }
  },

  extFind(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const [id, what, name] = IDS[s.v % IDS.length](w.L);
    let want = idUse(e, what, id);
    if (!want) want = e.buf.exts.has(name) ? OK : NULL;
    const r = call(w, s, want, () => (s.b % 2 ? e.obj.extFind(id) : e.obj.extExist(id) || null));
    if (r && typeof r === 'object') w.views.push({ skb: e, id: name, obj: r });
  },

  extDel(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const [id, what, name] = IDS[s.v % IDS.length](w.L);
    const want = idUse(e, what, id) || OK;
    if (want === OK && name === 'SEC_PATH' && !secpathDelSure(e.buf)) return;
    call(w, s, want, () => e.obj.extDel(id));
    if (want === OK) dropExt(e.buf, name);
  },

  reset(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const how = s.v % 4;
    // secpathReset() and tcpCleanup() delete SEC_PATH alone
    if (!skbUse(e) && (how === 1 || how === 3) && !secpathDelSure(e.buf)) return;
    call(w, s, skbUse(e) || OK, () =>
      how === 0
        ? e.obj.extReset()
        : how === 1
          ? e.obj.secpathReset()
          : how === 2
            ? e.obj.scrub(s.b % 2 === 0)
            : e.obj.tcpCleanup(),
    );
    if (!skbUse(e)) {
      if (how === 1 || how === 3) dropExt(e.buf, 'SEC_PATH');
      else for (const id of EXTS) dropExt(e.buf, id);
    }
  },

  secpathSet(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    let want = skbUse(e) || OK;
    const nf = s.v % 2 === 1;
    if (want === OK && w.armed) {
      if (e.buf.exts.size) return;
      want = NULL;
    }
    const r = call(w, s, want, () => (nf ? e.obj.nfBridgeAlloc() : e.obj.secpathSet()));
    if (r) {
      ownBlock(e.buf);
      const id = nf ? 'BRIDGE_NF' : 'SEC_PATH';
      e.buf.exts.add(id);
      w.views.push({ skb: e, id, obj: r });
    }
  },

  viewRead(w, s) {
    const v = pick(w.views, s.a);
    if (!v || v.skb.dropped) return;
    const want = skbUse(v.skb) || (v.skb.buf.exts.has(v.id) ? OK : GONE);
    const r = call(w, s, want, () =>
      v.id === 'SEC_PATH' ? v.obj.len : v.id === 'BRIDGE_NF' ? v.obj.read() : v.obj.dataSeq,
    );
    if (want === OK && v.id === 'SEC_PATH' && r !== v.skb.buf.sp)
      throw new Failure(`call ${w.calls} (viewRead): sec_path len ${r}, the model counts ${v.skb.buf.sp} pushes`);
  },

  viewWrite(w, s) {
    const v = pick(
      w.views.filter((x) => x.id !== 'SEC_PATH'),
      s.a,
    );
    if (!v || v.skb.dropped) return;
    const [fields, what] = (v.id === 'BRIDGE_NF' ? NF_WRITES : MPTCP_WRITES)[
      s.v % (v.id === 'BRIDGE_NF' ? NF_WRITES : MPTCP_WRITES).length
    ]();
    const want = what === 'type' ? TYPE : skbUse(v.skb) || (v.skb.buf.exts.has(v.id) ? OK : GONE);
    call(w, s, want, () => v.obj.write(fields));
  },

  pushState(w, s) {
    const v = pick(
      w.views.filter((x) => x.id === 'SEC_PATH'),
      s.a,
    );
    if (!v || v.skb.dropped) return;
    const wrong = s.v % 8 === 7;
    const x = wrong ? null : pick(w.states, s.b);
    if (!wrong && (!x || x.dropped || w.limbo(x))) return;
    const arg = wrong ? (s.b % 2 ? {} : v.skb.obj) : x.obj;
    // the state is unwrapped in JS first (XfrmState.handleOf), then the
    // binding checks the skb, then the state
    let want = wrong ? TYPE : skbUse(v.skb) || (x.alive ? null : XFREED);
    if (!want) want = v.skb.buf.sp >= XFRM_MAX_DEPTH ? FULL : OK;
    call(w, s, want, () => v.obj.pushState(arg));
    // secpath_set() first: the block is this skb's own either way
    if (want === OK || want === FULL) ownBlock(v.skb.buf);
    if (want === OK) {
      v.skb.buf.exts.add('SEC_PATH');
      v.skb.buf.sp++;
      x.pushed = true;
    } else if (want === FULL) {
      dropExt(v.skb.buf, 'SEC_PATH');
    }
  },

  stateAlloc(w, s) {
    const [params, what] = STATE_PARAMS[s.v % STATE_PARAMS.length]();
    let want = what === 'ok' ? OK : what === 'range' ? RANGE : TYPE;
    if (want === OK && w.armed) want = NULL;
    const r = call(w, s, want, () => w.L.XfrmState.alloc(params));
    if (r) w.states.push({ obj: r, alive: true, deleted: false, holds: 0, pushed: false, dropped: false });
  },

  stateUse(w, s) {
    const x = pick(w.states, s.a);
    if (!x || x.dropped || w.limbo(x)) return;
    const how = s.v % 5;
    if (how === 1 && x.alive && x.holds === 0) return; // a put no hold() took: the kernel's WARN
    const want = x.alive ? OK : XFREED;
    const r = call(w, s, want, () =>
      how === 0
        ? x.obj.hold()
        : how === 1
          ? x.obj.put()
          : how === 2
            ? x.obj.delete()
            : how === 3
              ? x.obj.refcnt
              : x.obj.info(),
    );
    if (want !== OK) return;
    const known = !x.pushed;
    if (how === 0) x.holds++;
    else if (how === 1) {
      x.holds--;
      if (known && r !== x.holds + (x.deleted ? 0 : 1))
        throw new Failure(
          `call ${w.calls} (put): refcount ${r} left, the model counts ${x.holds + (x.deleted ? 0 : 1)}`,
        );
    } else if (how === 2) {
      const wantR = x.deleted ? -w.L.ESRCH : 0;
      if (r !== wantR) throw new Failure(`call ${w.calls} (delete): returned ${r}, the model says ${wantR}`);
      x.deleted = true;
    } else if (how === 3 && known && r !== x.holds + (x.deleted ? 0 : 1)) {
      throw new Failure(`call ${w.calls} (refcnt): ${r}, the model counts ${x.holds + (x.deleted ? 0 : 1)}`);
    }
    if (known && x.deleted && x.holds === 0) x.alive = false;
  },

  releaseHead(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const want = skbUse(e) || (e.buf.users > 1 ? RANGE : OK);
    call(w, s, want, () => e.obj.releaseHeadState());
    if (want === OK) e.headReleased = true;
  },

  bytes(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const how = s.v % 6;
    let want = skbUse(e);
    if (how === 0) {
      // put: within the room the model knows of, or past any skb's room
      if (!want && e.room < 0 && s.b % 3 !== 0) return;
      const n = s.b % 3 === 0 ? 1 << 20 : Math.max(0, Math.min(e.room, s.b % 17));
      want = want || (s.b % 3 === 0 ? RANGE : OK);
      call(w, s, want, () => e.obj.put(new Uint8Array(n)));
      if (want === OK) e.room -= n;
    } else if (how === 1) {
      call(w, s, want || TYPE, () => e.obj.put('ab'));
    } else if (how === 2) {
      const r = call(w, s, want || OK, () => e.obj.users);
      if (!want && r !== e.buf.users)
        throw new Failure(`call ${w.calls} (users): ${r}, the model counts ${e.buf.users} handles on the skb`);
    } else if (how === 3) {
      call(w, s, want || OK, () => e.obj.info());
    } else if (how === 4) {
      call(w, s, want || OK, () => e.obj.data);
    } else {
      const r = call(w, s, want || OK, () => e.obj.activeExtensions);
      if (!want) {
        const a = [...r].sort().join(',');
        const b = [...e.buf.exts].sort().join(',');
        if (a !== b) throw new Failure(`call ${w.calls} (activeExtensions): [${a}], the model has [${b}]`);
      }
    }
  },

  pair(w, s) {
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    const how = s.v % 5;
    const wrongKind = s.b % 9 === 8;
    const o = wrongKind ? null : pick(w.skbs, s.b);
    if (!wrongKind && (!o || o.dropped)) return;
    const other = wrongKind ? (s.b % 2 ? {} : Object.create(w.L.Skb.prototype)) : o.obj;
    if (how === 0) {
      call(w, s, wrongKind ? TYPE : skbUse(e) || skbUse(o) || OK, () => e.obj.sharesExtWith(other));
    } else if (how === 1) {
      // extCopy(src): the binding checks this skb, then src, then src === this
      const want = wrongKind ? TYPE : skbUse(e) || skbUse(o) || (o.buf === e.buf ? RANGE : OK);
      call(w, s, want, () => e.obj.extCopy(other));
      if (want === OK) {
        e.buf.exts = new Set(o.buf.exts);
        e.buf.sp = o.buf.sp;
        e.buf.shared = o.buf.shared = e.buf.exts.size > 0 || o.buf.shared;
      }
    } else if (how === 2) {
      // a query: a released head answers null there, as the trace does
      const list = wrongKind ? 'not an array' : [e.obj, other];
      const want = wrongKind ? TYPE : !e.alive || !o.alive ? FREED : OK;
      call(w, s, want, () => w.L.Skb.extBlocks(list));
    } else if (how === 3) {
      // morph(src): src === this in JS first, then the handles, then users
      if (o === e) {
        call(w, s, RANGE, () => e.obj.morph(e.obj));
        return;
      }
      const want = wrongKind ? TYPE : skbUse(e) || skbUse(o) || (e.buf.users > 1 ? BUSY : OK);
      call(w, s, want, () => e.obj.morph(other));
      if (want === OK) {
        e.buf.exts = new Set(o.buf.exts);
        e.buf.sp = o.buf.sp;
        e.buf.shared = o.buf.shared = e.buf.exts.size > 0 || o.buf.shared;
        e.room = -1;
        o.room = -1;
        // e is now a clone of src: a GSO packet only if src is one
        e.gso = o.gso;
      }
    } else {
      // a state where an skb goes, an skb where a state goes
      const x = pick(w.states, s.b);
      // (a method on an object of another class: JavaScript's own brand
      // check on the private field, a TypeError without a code)
      const brand = !(s.b % 2 || !x);
      call(w, s, brand ? thr('TypeError', undefined) : TYPE, () =>
        brand ? x.obj.hold.call(e.obj) : e.obj.extCopy(x ? x.obj : 5),
      );
    }
  },

  /*
   * coalesce()/collapse(): whether two live skbs merge is skb semantics
   * (tailroom, heads, mappings); the model calls them only where a
   * handle is dead or released, or one skb is given twice.
   */
  merge(w, s) {
    const e = pick(w.skbs, s.a);
    const o = pick(w.skbs, s.b);
    if (!e || !o || e.dropped || o.dropped || (e !== o && e.buf === o.buf)) return;
    const collapse = s.v % 2 === 1;
    let want;
    // coalesce: from === this in JS, then this skb, then from's handle,
    // then its head; collapse: both handles, then both heads
    if (!collapse && o === e) want = RANGE;
    else if (!collapse) want = skbUse(e) || (!o.alive ? FREED : o.headReleased ? HEADREL : null);
    else want = !e.alive || !o.alive ? FREED : e.headReleased || o.headReleased ? HEADREL : null;
    if (!want && collapse && o === e) want = BUSY;
    if (!want) return;
    call(w, s, want, () => (collapse ? e.obj.collapse(o.obj) : e.obj.coalesce(o.obj)));
  },

  gso(w, s) {
    const how = s.v % 4;
    if (how === 0) {
      const bad = s.b % 4 === 0;
      const opts = bad
        ? [{ mss: 0 }, { mss: 100, nfrags: 18, fragSize: 100 }, { mss: 100, bogus: 1 }, { mss: '100' }][(s.b >> 2) % 4]
        : { linear: s.b % 200, nfrags: 1 + (s.b % 3), fragSize: 100 + (s.b % 900), mss: 100 + (s.b % 500) };
      let want = bad ? ((s.b >> 2) % 4 >= 2 ? TYPE : RANGE) : OK;
      if (want === OK && w.armed) want = NULL;
      const r = call(w, s, want, () => w.L.Skb.allocGso(opts));
      if (r) newSkb(w, r, newBuf([], 0)).gso = true;
      return;
    }
    const e = pick(w.skbs, s.a);
    if (!e || e.dropped) return;
    if (how === 1) {
      // only a fresh GSO packet surely segments; an alloc()'d one surely not
      if (e.alive && !e.gso && e.room < 0) return;
      let want = skbUse(e) || (e.gso ? OK : RANGE);
      if (want === OK && w.armed) want = NULL;
      const r = call(w, s, want, () => e.obj.segment());
      if (r) {
        for (const p of r) newSkb(w, p, bufFrom(e));
        e.gso = false;
        e.room = -1;
      }
    } else {
      // ipFragment(mtu): edge numbers; a valid mtu on a packet without an
      // IPv4 header throws RangeError too, so only the types are sure
      const mtus = [NaN, -1, 2 ** 31, '576', 576n, 4];
      const mtu = mtus[s.b % mtus.length];
      const want = typeof mtu !== 'number' ? TYPE : skbUse(e) || RANGE;
      call(w, s, want, () => e.obj.ipFragment(mtu));
    }
  },

  tcpSeg(w, s) {
    const good = { saddr: '10.0.0.1', daddr: '10.0.0.2', payload: new Uint8Array(s.b % 64) };
    const variants = [
      [good, OK],
      [{ ...good, bogus: 1 }, TYPE],
      [null, TYPE],
    ];
    const [p, what] = variants[s.v % variants.length];
    let want = what;
    if (want === OK && w.armed) want = NULL;
    const r = call(w, s, want, () => w.L.buildTcpSegment(p));
    if (r) newSkb(w, r, newBuf([], 0));
  },

  driver(w, s) {
    const how = s.v % 4;
    if (how === 0) {
      const name = DRIVERS[s.b % DRIVERS.length];
      const r = call(w, s, OK, () => new w.L[name]());
      w.drivers.push({ obj: r, alive: true, dropped: false });
      return;
    }
    const d = pick(w.drivers, s.a);
    if (!d || d.dropped) return;
    if (how === 1) {
      call(w, s, d.alive ? OK : ADESTROYED, () => d.obj.destroy());
      d.alive = false;
    } else if (how === 2) {
      call(w, s, d.alive ? OK : ADESTROYED, () => d.obj.counters());
    } else {
      // xmit takes the skb: the adapter is checked first, then the handle
      const e = pick(w.skbs, s.b);
      if (!e || e.dropped) return;
      const want = !d.alive ? ADESTROYED : skbUse(e) || OK;
      call(w, s, want, () => d.obj.xmit(e.obj));
      if (want === OK) kill(w, e);
    }
  },

  tape(w, s) {
    if (s.v % 5 === 4) {
      call(w, s, TYPE, () => w.L.runTape([1, 2, 3]));
      return;
    }
    let x = s.b * 2654435761;
    const bytes = new Uint8Array(8 + (s.v % 56)).map(() => {
      x = (x * 1103515245 + 12345) >>> 0;
      return x >>> 24;
    });
    call(w, s, OK, () => w.L.runTape(bytes));
  },

  faultArg(w, s) {
    const vals = [-1, NaN, 1.5, '1', 1n];
    const v = vals[s.v % vals.length];
    call(w, s, typeof v === 'number' ? RANGE : TYPE, () => w.L.faults.failNth(v));
  },

  /** Fault injection: the next call's first allocation fails. */
  fail(w, s) {
    const inner = s.inner;
    if (!inner || !OPS[inner.op] || inner.op === 'fail' || ASYNC[inner.op]) return;
    w.calls++;
    w.L.faults.failNth(1);
    w.armed = true;
    w.lastNull = false;
    try {
      OPS[inner.op](w, inner);
    } finally {
      w.armed = false;
    }
    const predictedNull = w.lastNull;
    const pending = w.L.faults.pending();
    w.calls++;
    w.L.faults.failNth(0);
    if (predictedNull && pending !== 0)
      throw new Failure(`call ${w.calls} (fail ${inner.op}): the call returned null but fail_nth is still armed`);
  },

  dropOne(w, s) {
    // skbs and states (an adapter has no count the model could check its
    // finalizer by, so the model does not drop one)
    const kind = s.v % 2;
    const list = kind === 0 ? w.skbs : kind === 1 ? w.states : w.drivers;
    const e = pick(list, s.a);
    if (!e || e.dropped) return;
    if (kind === 1 && w.limbo(e)) return;
    e.dropped = true;
    e.obj = null;
    if (kind === 0) {
      // its views hold it: they go too
      w.views = w.views.filter((v) => v.skb !== e);
      // released by the collector once every Skb of its owner group is
      // dropped or freed (gc decides)
      if (e.alive) w.dropped.push({ skb: e });
    } else if (kind === 1) {
      if (e.alive) {
        if (e.holds > 0 || !e.deleted) w.pendingLeaks.states++;
        w.dropped.push({
          run: () => {
            // the finalizer puts the holds and deletes an undeleted state;
            // the handle goes either way (an skb may keep the state itself)
            e.alive = false;
          },
        });
      }
    } else if (e.alive) {
      w.droppedDrivers++;
      w.dropped.push({
        run: () => {
          e.alive = false;
        },
      });
    }
  },
};

/* The steps that wait: collection and worker threads. */
const ASYNC = {
  /*
   * Drop one object (and the views of a dropped skb) and collect at once:
   * finalizers only run when the loop turns, so nothing else may await
   * between the drop and the count.
   */
  /*
   * Drop one object (and the views of a dropped skb): collected at the
   * next gc step or at the end of the program. Finalizers only run when
   * the loop turns, and nothing else awaits in between (a worker step
   * collects first).
   */
  async drop(w, s) {
    if (!w.collect) return;
    OPS.dropOne(w, s);
    w.calls++;
  },

  async gc(w, s) {
    if (!w.collect || !w.dropped.length) return;
    w.calls++;
    const held = new Set(w.skbs.filter((e) => e.alive && !e.dropped).map((e) => e.group));
    const later = [];
    for (const d of w.dropped) {
      if (!d.skb) d.run();
      else if (!d.skb.alive) continue;
      else if (held.has(d.skb.group)) later.push(d);
      else {
        kill(w, d.skb);
        w.pendingLeaks.skbs++;
      }
    }
    w.dropped = later;
    w.gcLeaks.skbs += w.pendingLeaks.skbs;
    w.gcLeaks.states += w.pendingLeaks.states;
    w.pendingLeaks = { skbs: 0, states: 0 };
    w.settle();
    const skbs = w.skbs.filter((e) => e.alive).length;
    const states = w.states.filter((e) => e.alive).length;
    let st;
    // an adapter has no count of its own: a full collection at least
    const rounds = w.droppedDrivers ? 2 : 1;
    w.droppedDrivers = 0;
    await w.collect((i) => {
      st = w.L.stats();
      return (
        i >= rounds &&
        st.handles.skbs <= skbs &&
        st.handles.states <= states &&
        st.gcLeaks.skbs - w.leak0.skbs >= w.gcLeaks.skbs &&
        st.gcLeaks.states - w.leak0.states >= w.gcLeaks.states &&
        (!w.empty() || st.thread.live === w.live0)
      );
    });
    st = w.L.stats();
    const got = { skbs: st.gcLeaks.skbs - w.leak0.skbs, states: st.gcLeaks.states - w.leak0.states };
    if (got.skbs !== w.gcLeaks.skbs || got.states !== w.gcLeaks.states)
      throw new Failure(
        `call ${w.calls} (gc): gcLeaks moved by ${got.skbs} skbs, ${got.states} states; ` +
          `the model dropped ${w.gcLeaks.skbs} live skbs and ${w.gcLeaks.states} states it owned (step ${s.v})`,
      );
  },

  async worker(w, s) {
    // one a program: a thread's start is the costliest step there is
    if (!w.workers || w.workerRan) return;
    w.workerRan = true;
    await ASYNC.gc(w, s);
    const { Worker } = require('worker_threads');
    w.calls++;
    const libPath = w.libPath;
    const code = `
      const L = require(${JSON.stringify(libPath)});
      const { parentPort } = require('worker_threads');
      const keep = [];
      for (let i = 0; ; i++) {
        const s = L.Skb.alloc(64);
        s.extAdd('SEC_PATH');
        const x = L.XfrmState.alloc({ spi: i + 1 });
        s.secPath.pushState(x);
        if (i % 3) keep.push(s, x); else { s.free(); x.delete(); }
        if (i === ${s.b % 50}) parentPort.postMessage('busy');
      }`;
    const wk = new Worker(code, { eval: true, env: process.env });
    await new Promise((resolve) => {
      wk.once('message', resolve);
      wk.once('error', resolve);
      wk.once('exit', resolve);
    });
    await wk.terminate();
  },
};

/* ------------------------------------------------------------------ */
/* Checks between steps                                                */

function checkCounts(w, step) {
  w.settle();
  const st = w.L.stats();
  const skbs = w.skbs.filter((e) => e.alive).length;
  const known = w.states.filter((e) => e.alive && !w.limbo(e)).length;
  const limbo = w.states.filter((e) => w.limbo(e)).length;
  const h = st.handles;
  if (h.skbs !== skbs)
    throw new Failure(`after call ${w.calls} (${step.op}): ${h.skbs} live skb handles, the model has ${skbs}`);
  if (h.states < known || h.states > known + limbo)
    throw new Failure(
      `after call ${w.calls} (${step.op}): ${h.states} live state handles, the model has ${known}` +
        (limbo ? ` (and ${limbo} an skb may still hold)` : ''),
    );
  if (w.empty() && st.thread.live !== w.live0)
    throw new Failure(
      `after call ${w.calls} (${step.op}): the model holds nothing, but ${st.thread.live - w.live0} objects ` +
        `this thread allocated are live (${st.caches
          .filter((c) => c.active)
          .map((c) => `${c.name} ${c.active}`)
          .join(', ')})`,
    );
  if (st.thread.warnings !== w.warn0)
    throw new Failure(`after call ${w.calls} (${step.op}): ${st.thread.warnings - w.warn0} kernel WARNs`);
  if (st.thread.debugErrors !== w.debug0)
    throw new Failure(`after call ${w.calls} (${step.op}): ${st.thread.debugErrors - w.debug0} slab debug errors`);
}

/** What the counts depend on: the objects alive, by kind. */
function modelSig(w) {
  let st = 0;
  for (const x of w.states) st = st * 3 + (x.alive ? (w.limbo(x) ? 2 : 1) : 0);
  let d = 0;
  for (const x of w.drivers) d += x.alive ? 1 : 0;
  return `${w.epoch}/${st}/${d}`;
}

/** Free whatever the program left, as its owner would. */
function cleanup(w) {
  for (const e of w.skbs) if (e.alive && !e.dropped) (e.obj.free(), kill(w, e));
  for (const x of w.states) {
    if (!x.alive || x.dropped) continue;
    for (; x.holds > 0; x.holds--) x.obj.put();
    if (!x.deleted && !w.limbo(x)) {
      try {
        x.obj.delete();
      } catch (e) {
        if (e.code !== 'ERR_XFRM_STATE_FREED') throw e;
      }
    }
    x.deleted = true;
    x.alive = false;
  }
  for (const d of w.drivers) if (d.alive && !d.dropped) (d.obj.destroy(), (d.alive = false));
}

/* ------------------------------------------------------------------ */
/* Running a program                                                   */

function gcFunction() {
  try {
    require('v8').setFlagsFromString('--expose-gc');
    return require('vm').runInNewContext('gc');
  } catch {
    return null;
  }
}

let gcFn;

/**
 * Collect until `done()` says the finalizers ran: a scavenge, then full
 * collections letting immediates and then timers run (the finalizers'
 * task has no fixed turn of the loop, and a loaded machine or an ASan
 * build delays it). Bounded by COLLECT_MS, not by a count of rounds: a
 * gc step fails only when what it predicts never happens, whatever the
 * collector's timing. Resolves true when `done()` said so.
 */
async function collect(/** @type {((round: number) => boolean) | undefined} */ done) {
  const t0 = Date.now();
  for (let i = 0; ; i++) {
    if (i === 0) gcFn({ type: 'minor' });
    else gcFn();
    await new Promise((r) => (i < 4 ? setImmediate(r) : setTimeout(r, Math.min(20, i))));
    if (done && done(i + 1)) return true;
    if (i >= 12 && Date.now() - t0 >= COLLECT_MS) return false;
  }
}

/** How long a gc step waits for the finalizers it predicts, at most. */
const COLLECT_MS = 3000;

/**
 * @typedef {{ gc?: boolean, workers?: boolean, libPath?: string, checkEvery?: boolean,
 *   tamper?: (lib: any, i: number, step: any) => void, untamper?: (lib: any) => void }} RunOpts
 */

/**
 * Run one program. Resolves to { ok, why, calls }.
 * @param {object} L the loaded package
 * @param {{ steps: object[] }} program
 * @param {RunOpts} [opts]
 */
async function runProgram(L, program, opts = {}) {
  if (gcFn === undefined) gcFn = gcFunction();
  const w = new World(L);
  w.epoch = 0;
  w.lastSig = '';
  w.collect = opts.gc !== false && gcFn ? collect : null;
  w.workers = opts.workers !== false && !!opts.libPath;
  w.libPath = opts.libPath;
  w.dropped = [];
  w.droppedDrivers = 0;
  w.pendingLeaks = { skbs: 0, states: 0 };
  L.faults.failNth(0);
  // a program starts from a collected heap, so that its gc steps count
  // only what it dropped
  let st = L.stats();
  // what a failed program dropped may still wait for its finalizer
  if ((st.handles.skbs || st.handles.states) && w.collect) {
    await collect(() => {
      const h = L.stats().handles;
      return !h.skbs && !h.states;
    });
    st = L.stats();
  }
  w.live0 = st.thread.live;
  w.debug0 = st.thread.debugErrors;
  w.warn0 = st.thread.warnings;
  w.leak0 = st.gcLeaks;
  if (st.handles.skbs || st.handles.states)
    return {
      ok: false,
      why: `the program starts with ${st.handles.skbs} skb and ${st.handles.states} state handles live`,
      calls: 0,
    };
  try {
    for (let i = 0; i < program.steps.length; i++) {
      const step = program.steps[i];
      // a test's hook: a call behind the model's back, which must be caught
      if (opts.tamper) opts.tamper(L, i, step);
      w.lastNull = false;
      const before = w.calls;
      // each step a job of its own: the Skbs it makes are an owner group
      await null;
      w.step = i + 1;
      w.made = 0;
      if (ASYNC[step.op]) await ASYNC[step.op](w, step);
      else if (OPS[step.op]) OPS[step.op](w, step);
      // a pushed state deleted and unheld dies with the last skb: the
      // model places it as soon as it can, not only when counts are read
      w.settle();
      if (w.calls === before) continue;
      // the counts move only where the model's objects do (and stats() is
      // not free): checked after each step that made or ended an object,
      // and after every step with checkEvery
      const sig = modelSig(w);
      if (opts.checkEvery || sig !== w.lastSig) {
        w.lastSig = sig;
        checkCounts(w, step);
      }
    }
    cleanup(w);
    if (w.dropped.length && w.collect) {
      await ASYNC.gc(w, { op: 'end', v: -1 });
    }
    checkCounts(w, { op: 'end' });
    return { ok: true, why: '', calls: w.calls };
  } catch (e) {
    L.faults.failNth(0);
    const why = e instanceof Failure ? e.message : `uncaught in the harness at call ${w.calls}: ${e && e.stack}`;
    // leave nothing for the next program
    for (const x of w.skbs) {
      try {
        if (x.alive && x.obj) x.obj.free();
      } catch {
        /* a broken build may refuse; the next program says so */
      }
    }
    for (const x of w.states) {
      if (!x.alive || !x.obj) continue;
      try {
        x.obj.delete();
        for (let i = 0; i < 64; i++) x.obj.put();
      } catch {
        /* gone */
      }
    }
    try {
      for (const d of w.drivers) if (d.alive && d.obj) d.obj.destroy();
    } catch {
      /* gone */
    }
    return { ok: false, why, calls: w.calls };
  } finally {
    if (opts.untamper) opts.untamper(L);
  }
}

/* ------------------------------------------------------------------ */
/* Generation (fast-check)                                             */

const WEIGHTS = {
  alloc: 10,
  clone: 6,
  copy: 3,
  get: 3,
  free: 9,
  extAdd: 8,
  extFind: 4,
  extDel: 4,
  reset: 3,
  secpathSet: 5,
  viewRead: 6,
  viewWrite: 4,
  pushState: 5,
  stateAlloc: 5,
  stateUse: 6,
  releaseHead: 2,
  bytes: 6,
  pair: 5,
  gso: 3,
  merge: 2,
  tcpSeg: 1,
  driver: 2,
  tape: 1,
  faultArg: 1,
  fail: 4,
  drop: 1,
  gc: 1,
  worker: 0,
};

function stepArb(fc, withWorkers) {
  const small = fc.nat({ max: 1 << 16 });
  const basic = (op) => fc.record({ op: fc.constant(op), a: small, b: small, v: small });
  const plain = Object.keys(WEIGHTS).filter((op) => op !== 'fail' && op !== 'worker' && WEIGHTS[op]);
  const arbs = plain.map((op) => ({ weight: WEIGHTS[op], arbitrary: basic(op) }));
  const failable = ['alloc', 'clone', 'copy', 'extAdd', 'secpathSet', 'stateAlloc', 'gso', 'tcpSeg'];
  arbs.push({
    weight: WEIGHTS.fail,
    arbitrary: fc.record({
      op: fc.constant('fail'),
      inner: fc.oneof(...failable.map((op) => basic(op))),
    }),
  });
  if (withWorkers) arbs.push({ weight: 1, arbitrary: basic('worker') });
  return fc.oneof(...arbs);
}

function programArb(fc, { steps = 60, withWorkers = false } = {}) {
  return fc.record({ steps: fc.array(stepArb(fc, withWorkers), { minLength: 1, maxLength: steps, size: 'max' }) });
}

/* ------------------------------------------------------------------ */
/* Driver                                                              */

/** Replays of smaller programs while shrinking a failure, at most. */
const MAX_SHRINK_REPLAYS = 2000;

function loadLib(lib) {
  if (lib) return lib;
  return require(path.join(top, 'dist', 'lib'));
}

function libPathOf(L) {
  // the worker step loads the same package the caller loaded
  for (const k of Object.keys(require.cache)) if (require.cache[k].exports === L) return k;
  return path.join(top, 'dist', 'lib');
}

/**
 * @param {{ seed?: number, seconds?: number, maxCalls?: number, maxPrograms?: number,
 *   lib?: any, out?: string, gc?: boolean, workers?: boolean, checkEvery?: boolean,
 *   tamper?: RunOpts['tamper'], untamper?: RunOpts['untamper'],
 *   onProgress?: (p: { calls: number, programs: number, seconds: number }) => void }} opts
 */
async function runApiPrograms(opts = {}) {
  const fc = require('fast-check');
  const L = loadLib(opts.lib);
  const seed = opts.seed === undefined ? 1 : opts.seed;
  const seconds = opts.seconds === undefined ? 10 : opts.seconds;
  const maxCalls = opts.maxCalls === undefined ? Infinity : opts.maxCalls;
  const maxPrograms = opts.maxPrograms === undefined ? Infinity : opts.maxPrograms;
  const runOpts = {
    gc: opts.gc !== false,
    workers: opts.workers !== false,
    libPath: libPathOf(L),
    tamper: opts.tamper,
    untamper: opts.untamper,
    checkEvery: opts.checkEvery,
  };
  const t0 = Date.now();
  const deadline = t0 + seconds * 1000;
  let calls = 0;
  let programs = 0;
  /** @type {{ why: string, callsToFind: number, programsToFind: number, program?: any,
   *   shrunkWhy?: string | null, shrunkSteps?: number, shrinkReplays?: number, file?: string } | null} */
  let found = null;
  let lastProgress = t0;
  const spent = () => Date.now() >= deadline || calls >= maxCalls || programs >= maxPrograms;
  // replays while shrinking, and the last failing program (fast-check's counterexample)
  let replays = 0;
  // batches of programs per fc.check, each with a seed of its own, until the budget is spent
  for (let batch = 0; !found; batch++) {
    if (spent()) break;
    const arb = programArb(fc, { steps: 80, withWorkers: runOpts.workers && batch % 16 === 15 });
    /*
     * The budget is checked here, before a program starts, and never by
     * fast-check's interruptAfterTimeLimit: for an async property that
     * races the run against a timer and returns while the program goes
     * on in the background, so the next program would run at the same
     * time as the abandoned one (and a batch interrupted before its
     * first run ends counts as `failed` with no counterexample). Once
     * the budget is spent, the rest of the batch passes without running.
     */
    const prop = fc.asyncProperty(arb, async (/** @type {any} */ program) => {
      if (found) {
        // a shrinking replay: bounded, then every candidate passes and
        // fast-check keeps the smallest failing program it has
        if (replays >= MAX_SHRINK_REPLAYS) return true;
        replays++;
        return (await runProgram(L, program, runOpts)).ok;
      }
      if (spent()) return true;
      const r = await runProgram(L, program, runOpts);
      calls += r.calls;
      programs++;
      if (opts.onProgress && Date.now() - lastProgress >= 1000) {
        lastProgress = Date.now();
        opts.onProgress({ calls, programs, seconds: (Date.now() - t0) / 1000 });
      }
      if (!r.ok) found = { why: r.why, callsToFind: calls, programsToFind: programs };
      return r.ok;
    });
    const budget = Math.max(1, Math.min(200, maxPrograms - programs));
    const res = await fc.check(prop, {
      seed: (seed * 7919 + batch) | 0,
      numRuns: budget,
      endOnFailure: false,
      maxSkipsPerRun: 0,
    });
    if (res.failed && found) {
      const program = /** @type {any} */ (res.counterexample)[0];
      // the shrunk program's own message
      const again = await runProgram(L, program, runOpts);
      found.program = program;
      found.shrunkWhy = again.ok ? null : again.why;
      found.shrunkSteps = program.steps.length;
      found.shrinkReplays = replays;
      if (opts.out) {
        fs.mkdirSync(opts.out, { recursive: true });
        const file = path.join(opts.out, `api-fuzz-seed${seed}-${Date.now()}.json`);
        fs.writeFileSync(
          file,
          JSON.stringify(encodeProgram(program, { seed, why: found.shrunkWhy || found.why }), null, 1),
        );
        found.file = file;
      }
    } else if (res.failed || found) {
      // the property itself threw (a harness error), or fast-check
      // disagrees with what the programs returned: say all it knows
      const err = /** @type {any} */ (res.errorInstance);
      found = {
        why:
          `fast-check: failed=${res.failed} interrupted=${res.interrupted} numRuns=${res.numRuns} ` +
          `numSkips=${res.numSkips}${found ? `, after a program failed: ${found.why}` : ''}` +
          `${err ? `: ${err.stack || err}` : ''}`,
        callsToFind: calls,
        programsToFind: programs,
      };
    }
  }
  const secs = (Date.now() - t0) / 1000;
  return {
    seed,
    calls,
    programs,
    seconds: Number(secs.toFixed(1)),
    callsPerSecond: Math.round(calls / Math.max(secs, 1e-3)),
    failures: found ? [found] : [],
  };
}

/** JSON of a program: bigints and special numbers never appear in steps (they are all small integers). */
function encodeProgram(program, meta) {
  return { format: 'skbext-api-program/1', ...meta, steps: program.steps };
}

function decodeProgram(json) {
  const o = typeof json === 'string' ? JSON.parse(json) : json;
  if (!o || !Array.isArray(o.steps)) throw new TypeError('not an API fuzzer program: no steps');
  return { steps: o.steps };
}

/**
 * Replay a saved program (a file or its parsed JSON).
 * @returns {Promise<{ ok: boolean, why: string, calls: number }>}
 */
async function replayProgram(lib, program, opts = {}) {
  const L = loadLib(lib);
  const p = typeof program === 'string' ? decodeProgram(fs.readFileSync(program, 'utf8')) : decodeProgram(program);
  return runProgram(L, p, {
    gc: opts.gc !== false,
    workers: opts.workers !== false,
    libPath: libPathOf(L),
    tamper: opts.tamper,
    untamper: opts.untamper,
  });
}

module.exports = { runApiPrograms, replayProgram, runProgram, decodeProgram, encodeProgram, OPS };
