// SPDX-License-Identifier: GPL-2.0-only
/**
 * `struct xfrm_state` (net/xfrm/xfrm_state.c): an IPsec SA with the
 * kernel's reference counting. A JS object pins its state's memory, so
 * it can never read a freed state; the count it shows is the kernel's.
 */
import { Handle, native } from './addon';
import { invalidArgType, outOfRange } from './errors';
import { ipBytes, ipText } from './net';
import { ParamSpec, checkParams } from './params';
import { InspectOptionsStylized, inspect } from 'util';
import { leakRegistry } from './leaks';

/** `km.state` values (include/uapi/linux/xfrm.h order). */
export const XFRM_STATE = { VOID: 0, ACQ: 1, VALID: 2, ERROR: 3, EXPIRED: 4, DEAD: 5 } as const;
/** `xso.dir`: which way an offloaded state works. */
export const XFRM_DEV_OFFLOAD = { UNSPECIFIED: 0, IN: 1, OUT: 2 } as const;
/** `props.mode`. */
export const XFRM_MODE = { TRANSPORT: 0, TUNNEL: 1, ROUTEOPTIMIZATION: 2, IN_TRIGGER: 3, BEET: 4 } as const;
export const IPPROTO = { ESP: 50, AH: 51, COMP: 108 } as const;
/** The protocol names `XfrmState.alloc()` takes and `info()` gives back. */
export const XFRM_PROTOS = ['esp', 'ah', 'comp'] as const;
export type XfrmProto = (typeof XFRM_PROTOS)[number];
/** The offload directions `XfrmState.alloc()` takes and `info()` gives back. */
export const XFRM_DIRS = ['in', 'out'] as const;
export type XfrmDir = (typeof XFRM_DIRS)[number];
/**
 * `xfrm_offload()->status` after a device's Rx (include/net/xfrm.h): what
 * the driver found when it decrypted (`CRYPTO_SUCCESS`) or failed.
 */
export const CRYPTO_SUCCESS = 1;
export const CRYPTO_GENERIC_ERROR = 2;
export const CRYPTO_TRANSPORT_AH_AUTH_FAILED = 4;
export const CRYPTO_TRANSPORT_ESP_AUTH_FAILED = 8;
export const CRYPTO_TUNNEL_AH_AUTH_FAILED = 16;
export const CRYPTO_TUNNEL_ESP_AUTH_FAILED = 32;
export const CRYPTO_INVALID_PACKET_SYNTAX = 64;
export const CRYPTO_INVALID_PROTOCOL = 128;
/** `xfrm_offload()->flags` (include/net/xfrm.h). */
export const CRYPTO_DONE = 2;
export const CRYPTO_NEXT_DONE = 4;
export const CRYPTO_FALLBACK = 8;
export const AF_INET = 2;
export const AF_INET6 = 10;
/** `-ESRCH`, what `xfrm_state_delete()` answers for a state already dead. */
export const ESRCH = 3;

/** What `XfrmState.alloc()` fills in (as `xfrm_state_add()` would find it). */
export interface XfrmStateParams {
  /** SPI in host order (stored big endian in `id.spi`). */
  spi?: number;
  /** `id.proto`: `'esp'`, `'ah'`, `'comp'` or a protocol number. Default ESP. */
  proto?: XfrmProto | number;
  /** `id.daddr`, text or bytes; sets the family unless `family` is given. */
  daddr?: string | Uint8Array;
  /** `props.saddr`. */
  saddr?: string | Uint8Array;
  /** `props.family`: `AF_INET` (2) or `AF_INET6` (10). */
  family?: number;
  /** `props.mode`: `XFRM_MODE.*`. */
  mode?: number;
  /** `props.reqid`. */
  reqid?: number;
  /** `xso.dir` for offload: `'in'`, `'out'`, or none. */
  dir?: XfrmDir;
}

const ALLOC_SPEC: ParamSpec<XfrmStateParams> = {
  spi: 'any',
  proto: 'any',
  daddr: 'any',
  saddr: 'any',
  family: 'any',
  mode: 'any',
  reqid: 'any',
  dir: 'any',
};

/** What `setAead()` takes. */
export interface XfrmAeadParams {
  /** The algorithm, as `ip xfrm` names it (`'rfc4106(gcm(aes))'`). */
  name: string;
  /** The key, then the 4-byte salt. */
  key: Uint8Array;
  /** Default: `key.length * 8`. */
  keyBits?: number;
  icvBits: number;
}

const AEAD_SPEC: ParamSpec<XfrmAeadParams> = { name: 'any', key: 'any', keyBits: 'any', icvBits: 'any' };

/** A snapshot of the state's fields. */
export interface XfrmStateInfo {
  refcnt: number;
  spi: number;
  /** The name `alloc()` takes, or the number for a protocol without one. */
  proto: XfrmProto | number;
  family: number;
  mode: number;
  reqid: number;
  /** `km.state`: `XFRM_STATE.*`. */
  state: number;
  /** `xso.dir` as `alloc()` takes it: `'in'`, `'out'`, or `undefined` (not for offload). */
  dir: XfrmDir | undefined;
  offloadHandle: number;
  daddr: string;
  saddr: string;
}

const live = new Map<Handle, { ref: WeakRef<XfrmState>; token: object }>();
const registry = leakRegistry(
  'an XfrmState',
  'delete() (or put() of a hold())',
  (h) => {
    const cur = live.get(h);
    if (cur && !cur.ref.deref()) live.delete(h);
    native().xfrmRelease(h);
  },
  () => native().stats().gcLeakedStates,
);

const PROTO_NAMES: Record<number, XfrmProto> = { [IPPROTO.ESP]: 'esp', [IPPROTO.AH]: 'ah', [IPPROTO.COMP]: 'comp' };
const DIR_NAMES: Record<number, XfrmDir> = { [XFRM_DEV_OFFLOAD.IN]: 'in', [XFRM_DEV_OFFLOAD.OUT]: 'out' };
const STATE_NAMES = Object.keys(XFRM_STATE) as (keyof typeof XFRM_STATE)[];

function protoNumber(p: XfrmStateParams['proto']): number | undefined {
  if (p === undefined || typeof p === 'number') return p;
  const n = ({ esp: IPPROTO.ESP, ah: IPPROTO.AH, comp: IPPROTO.COMP } as Record<string, number>)[p];
  if (n === undefined) throw outOfRange(`proto must be 'esp', 'ah', 'comp' or a number, not '${String(p)}'`);
  return n;
}

export class XfrmState {
  readonly #h: Handle;

  private constructor(h: Handle) {
    this.#h = h;
  }

  /** @internal The one JS object of a state handle (so xvec entries are `===`). */
  static fromHandle(h: Handle): XfrmState {
    const cur = live.get(h);
    const obj = cur?.ref.deref();
    if (obj) return obj;
    if (cur) registry.unregister(cur.token);
    const x = new XfrmState(h);
    const token = {};
    registry.register(x, h, token);
    live.set(h, { ref: new WeakRef(x), token });
    return x;
  }

  /** @internal */
  static handleOf(x: XfrmState): Handle {
    if (!(x instanceof XfrmState)) throw invalidArgType('expected an XfrmState made by XfrmState.alloc()');
    return x.#h;
  }

  /**
   * `xfrm_state_alloc()` with its id and props filled in and `km.state`
   * `XFRM_STATE_VALID`: one reference, the state table's (drop it with
   * `delete()`). Returns `null` when the allocation fails.
   */
  static alloc(params: XfrmStateParams = {}): XfrmState | null {
    checkParams('XfrmState.alloc()', params, ALLOC_SPEC);
    const daddr = params.daddr === undefined ? undefined : ipBytes(params.daddr, 'daddr');
    const saddr = params.saddr === undefined ? undefined : ipBytes(params.saddr, 'saddr');
    const family = params.family ?? (daddr && daddr.length === 16 ? AF_INET6 : AF_INET);
    const dir =
      params.dir === undefined
        ? undefined
        : params.dir === 'in'
          ? XFRM_DEV_OFFLOAD.IN
          : params.dir === 'out'
            ? XFRM_DEV_OFFLOAD.OUT
            : (() => {
                throw outOfRange(`dir must be 'in' or 'out', not '${String(params.dir)}'`);
              })();
    const h = native().xfrmAlloc({
      spi: params.spi,
      proto: protoNumber(params.proto),
      family,
      mode: params.mode,
      reqid: params.reqid,
      daddr,
      saddr,
      dir,
    });
    return h === null ? null : XfrmState.fromHandle(h);
  }

  /** `xfrm_state_hold()`: one more reference. */
  hold(): void {
    native().xfrmHold(this.#h);
  }

  /**
   * `xfrm_state_put()`: one reference less. Returns the count left; at 0
   * the state is destroyed (with the kernel's warning if it was never
   * deleted) and this object is dead.
   */
  put(): number {
    return native().xfrmPut(this.#h);
  }

  /**
   * `xfrm_state_delete()`: mark it dead and drop the table's reference.
   * Returns 0, or `-ESRCH` (-3) if it was already dead.
   */
  delete(): number {
    return native().xfrmDelete(this.#h);
  }

  /**
   * Give the state an AEAD, as the xfrm user API does (`x->aead`, and for
   * rfc4106 `props.ealgo` and geniv "seqiv"): what offloading drivers
   * check in `xdo_dev_state_add`. `key` holds the key then the 4-byte salt.
   * Returns 0, or a negative errno (-EINVAL, -ENOMEM).
   */
  setAead(aead: XfrmAeadParams): number {
    checkParams('setAead()', aead, AEAD_SPEC);
    const keyBits = aead.keyBits ?? aead.key.length * 8;
    return native().stateSetAead(this.#h, aead.name, aead.key, keyBits, aead.icvBits);
  }

  /** `refcount_read(&x->refcnt)`. */
  get refcnt(): number {
    return native().xfrmInfo(this.#h).refcnt;
  }

  /** `x->km.state == XFRM_STATE_DEAD`. */
  get dead(): boolean {
    return native().xfrmInfo(this.#h).state === XFRM_STATE.DEAD;
  }

  /** `id.spi` in host order. */
  get spi(): number {
    return native().xfrmInfo(this.#h).spi;
  }

  /** Every field at once. */
  info(): XfrmStateInfo {
    const i = native().xfrmInfo(this.#h);
    return {
      ...i,
      proto: PROTO_NAMES[i.proto] ?? i.proto,
      dir: DIR_NAMES[i.dir],
      daddr: ipText(i.daddr),
      saddr: ipText(i.saddr),
    };
  }

  /**
   * `using x = XfrmState.alloc(...)`: at scope end, `delete()` it unless
   * it is already dead or destroyed; the references you took are yours.
   */
  [Symbol.dispose](): void {
    let i;
    try {
      i = native().xfrmInfo(this.#h);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ERR_XFRM_STATE_FREED') return;
      throw e;
    }
    if (i.state !== XFRM_STATE.DEAD) native().xfrmDelete(this.#h);
  }

  /** `console.log(x)`: the fields a developer looks at; `XfrmState <freed>` once destroyed. */
  [inspect.custom](depth: number, options: InspectOptionsStylized, ins: typeof inspect): string {
    let i;
    try {
      i = this.info();
    } catch {
      return options.stylize('XfrmState <freed>', 'special');
    }
    const shown = {
      spi: `0x${i.spi.toString(16)}`,
      proto: i.proto,
      refcnt: i.refcnt,
      state: STATE_NAMES[i.state] ?? i.state,
      dir: i.dir,
      daddr: i.daddr,
    };
    return `XfrmState ${ins(shown, { ...options, depth: options.depth == null ? options.depth : options.depth - 1 })}`;
  }

  /** @internal Compare a state by identity with another object. */
  toString(): string {
    const i = native().xfrmInfo(this.#h);
    return `xfrm_state spi 0x${i.spi.toString(16)} refcnt ${i.refcnt}`;
  }
}
