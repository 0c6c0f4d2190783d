// SPDX-License-Identifier: GPL-2.0-only
/**
 * `struct sk_buff` and its extensions (net/core/skbuff.c). An `Skb` is a
 * handle that owns one reference on `skb->users`; `free()` drops it and
 * kills the handle. Extension views re-find their extension on every
 * access, so they never read a block that copy-on-write moved or that a
 * free released.
 */
import { Handle, NativeAddon, NativeMptcp, NativeNfBridge, NativeTcExt, NativeXfrmOffload, native } from './addon';
import { InspectOptionsStylized, inspect } from 'util';
import { ExtGoneError, SkbBusyError, invalidArgType, outOfRange } from './errors';
import { ParamSpec, checkParams } from './params';
import { tables } from './tables';
import { XfrmState } from './xfrm';
import { TRACE_LEAKS as TRACE_LEAKS_ENV, leakRegistry } from './leaks';

/** Extension ids by their 6.1 names (`enum skb_ext_id`, without the prefix). */
export type SkbExtName = 'BRIDGE_NF' | 'SEC_PATH' | 'TC' | 'MPTCP' | 'MCTP';
/** Every 6.1 id, whatever the build enables: the tape's canonical ids (csrc/tape/tape.c). */
export const SKB_EXT_NAMES = tables().exts as readonly SkbExtName[];

let extIds: Record<string, number> | undefined;
let extNames: SkbExtName[] | undefined;

/** `enum skb_ext_id` of this build: name to number. */
export function skbExtIds(): Readonly<Record<SkbExtName, number>> {
  if (!extIds) extIds = native().config().extIds;
  return extIds as Record<SkbExtName, number>;
}

function extNumber(id: SkbExtName | number): number {
  if (typeof id === 'number') return id;
  if (typeof id !== 'string') throw invalidArgType("an extension id is a name ('SEC_PATH', ...) or a number");
  const n = skbExtIds()[id];
  if (n === undefined) {
    throw outOfRange(`no extension '${id}' in this build; ids: ${Object.keys(skbExtIds()).join(', ')}`);
  }
  return n;
}

function extNamesByNumber(): SkbExtName[] {
  if (!extNames) {
    extNames = [];
    for (const [k, v] of Object.entries(skbExtIds())) extNames[v] = k as SkbExtName;
  }
  return extNames;
}

/** The names of the ids set in an `active_extensions` bitmask. */
function extNamesOf(bits: number): SkbExtName[] {
  return extNamesByNumber().filter((_, i) => bits & (1 << i));
}

/**
 * What `skb->extensions` holds: `'null'`; `'stale'`, a pointer left with no
 * id active (6.1's `skb_ext_reset()`, `skb_scrub_packet()`, an
 * `skb_ext_copy()` from an skb without ids), never followed; `'live'`, a
 * block the skb holds a reference on; `'released'`, after
 * `releaseHeadState()`: the ids are still set but the reference is gone.
 */
export type SkbExtState = 'null' | 'stale' | 'live' | 'released';

/** A live block as the kernel lays it out, in 8-byte chunks. */
export interface SkbExtLayout {
  /** `ext->offset[id]` of each active id */
  offset: Partial<Record<SkbExtName, number>>;
  /** `ext->chunks`: chunks in use, header included */
  chunks: number;
}

/** `skb->fclone`. */
export type FcloneKind = 'unavailable' | 'orig' | 'clone';
const FCLONE: FcloneKind[] = ['unavailable', 'orig', 'clone'];

/** The fields of one `struct xfrm_offload` in `sp->ovec`. */
export type XfrmOffload = NativeXfrmOffload;

const NF_BRIDGE_SPEC: ParamSpec<NativeNfBridge> = {
  origProto: 'any',
  pktOtherhost: 'any',
  inPrerouting: 'any',
  bridgedDnat: 'any',
  sabotageInDone: 'any',
  fragMaxSize: 'any',
  physinif: 'any',
  ipv4Daddr: 'any',
};

const MPTCP_SPEC: ParamSpec<NativeMptcp> = {
  dataAck: 'bigint',
  dataSeq: 'bigint',
  subflowSeq: 'any',
  dataLen: 'any',
  csum: 'any',
  useMap: 'any',
  dsn64: 'any',
  dataFin: 'any',
  useAck: 'any',
  ack64: 'any',
  mpcMap: 'any',
  frozen: 'any',
  resetTransient: 'any',
  resetReason: 'any',
  csumReqd: 'any',
  infiniteMap: 'any',
};

type Stylized = InspectOptionsStylized;

/** `Name { ...fields }` one level down, or `Name <why>` when `read` throws (freed, gone). */
function inspectAs(name: string, options: Stylized, ins: typeof inspect, read: () => unknown): string {
  let v;
  try {
    v = read();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ERR_SKB_FREED' ? 'freed' : code === 'ERR_EXT_GONE' ? 'gone' : 'unreadable';
    return options.stylize(`${name} <${why}>`, 'special');
  }
  return `${name} ${ins(v, { ...options, depth: options.depth == null ? options.depth : options.depth - 1 })}`;
}

/** `struct sec_path`, read through `skb_sec_path()` on every access. */
export class SecPathView {
  readonly #skb: Skb;
  constructor(skb: Skb) {
    this.#skb = skb;
  }
  /** With `states`, `xvec` too (handles made for the states that have none). */
  #read(states = false) {
    const sp = native().secpathRead(Skb.handleOf(this.#skb), states);
    if (!sp) throw new ExtGoneError('the skb no longer carries a sec_path (secpath_reset, skb_ext_reset or scrub)');
    return sp;
  }
  /** `sp->len`: states on the path. */
  get len(): number {
    return this.#read().len;
  }
  /** `sp->olen`: offload entries. */
  get olen(): number {
    return this.#read().olen;
  }
  /** `sp->verified_cnt`. */
  get verifiedCnt(): number {
    return this.#read().verifiedCnt;
  }
  /** `sp->xvec[0..len)`, the states themselves (`===` the objects you hold). */
  get xvec(): XfrmState[] {
    return this.#read(true).xvec.map((h) => XfrmState.fromHandle(h));
  }
  /** `sp->ovec[0..olen)`, as plain snapshots. */
  get ovec(): XfrmOffload[] {
    return this.#read().ovec;
  }
  /**
   * What `xfrm_input()` does per transform: `secpath_set()`, then
   * `xfrm_state_hold(x)` into `xvec[len++]`. On a path already holding
   * `XFRM_MAX_DEPTH` states it does what 6.1 does: `secpath_set()` has
   * made the block private, the sec_path is reset (`secpath_reset()`),
   * and `SecpathFullError` is thrown where the kernel would drop the
   * packet; freeing the skb is yours. `null` if the block copy failed
   * (nothing changed).
   */
  pushState(x: XfrmState): true | null {
    return native().secpathPush(Skb.handleOf(this.#skb), XfrmState.handleOf(x));
  }

  [inspect.custom](_depth: number, options: Stylized, ins: typeof inspect): string {
    return inspectAs('SecPathView', options, ins, () => {
      const sp = this.#read();
      return { len: sp.len, olen: sp.olen, verifiedCnt: sp.verifiedCnt, xvec: this.xvec, ovec: sp.ovec };
    });
  }
}

/** `struct nf_bridge_info`, read through `nf_bridge_info_get()` on every access. */
export class NfBridgeView {
  readonly #skb: Skb;
  constructor(skb: Skb) {
    this.#skb = skb;
  }
  /** All fields at once. */
  read(): NativeNfBridge {
    const b = native().nfBridgeRead(Skb.handleOf(this.#skb));
    if (!b) throw new ExtGoneError('the skb no longer carries nf_bridge_info');
    return b;
  }
  get origProto(): number {
    return this.read().origProto;
  }
  get pktOtherhost(): boolean {
    return this.read().pktOtherhost;
  }
  get inPrerouting(): boolean {
    return this.read().inPrerouting;
  }
  get bridgedDnat(): boolean {
    return this.read().bridgedDnat;
  }
  get sabotageInDone(): boolean {
    return this.read().sabotageInDone;
  }
  get fragMaxSize(): number {
    return this.read().fragMaxSize;
  }
  get physinif(): number {
    return this.read().physinif;
  }
  get ipv4Daddr(): number {
    return this.read().ipv4Daddr;
  }
  /**
   * Write fields, in the skb's own copy of the block (`skb_ext_add()`
   * copies a shared one first). `null` if that copy failed (nothing changed).
   */
  write(fields: Partial<NativeNfBridge>): true | null {
    checkParams('nfBridge.write()', fields, NF_BRIDGE_SPEC);
    return native().nfBridgeWrite(Skb.handleOf(this.#skb), fields);
  }

  [inspect.custom](_depth: number, options: Stylized, ins: typeof inspect): string {
    return inspectAs('NfBridgeView', options, ins, () => this.read());
  }
}

/** The MPTCP DSS mapping (`struct mptcp_ext`), re-found on every access. */
export class MptcpView {
  readonly #skb: Skb;
  constructor(skb: Skb) {
    this.#skb = skb;
  }
  /** All fields at once. */
  read(): NativeMptcp {
    const m = native().mptcpRead(Skb.handleOf(this.#skb));
    if (!m) throw new ExtGoneError('the skb no longer carries an MPTCP mapping');
    return m;
  }
  get dataAck(): bigint {
    return this.read().dataAck;
  }
  get dataSeq(): bigint {
    return this.read().dataSeq;
  }
  get subflowSeq(): number {
    return this.read().subflowSeq;
  }
  get dataLen(): number {
    return this.read().dataLen;
  }
  get csum(): number {
    return this.read().csum;
  }
  get useMap(): boolean {
    return this.read().useMap;
  }
  get dsn64(): boolean {
    return this.read().dsn64;
  }
  get dataFin(): boolean {
    return this.read().dataFin;
  }
  get useAck(): boolean {
    return this.read().useAck;
  }
  get ack64(): boolean {
    return this.read().ack64;
  }
  get frozen(): boolean {
    return this.read().frozen;
  }
  get infiniteMap(): boolean {
    return this.read().infiniteMap;
  }
  get csumReqd(): boolean {
    return this.read().csumReqd;
  }
  /** Write fields in the skb's own copy of the block (COW); `null` if the copy failed. */
  write(fields: Partial<NativeMptcp>): true | null {
    checkParams('mptcp.write()', fields, MPTCP_SPEC);
    return native().mptcpWrite(Skb.handleOf(this.#skb), fields);
  }

  [inspect.custom](_depth: number, options: Stylized, ins: typeof inspect): string {
    return inspectAs('MptcpView', options, ins, () => this.read());
  }
}

/** An extension this layer has no typed fields for (TC, MCTP): presence only. */
export class ExtView {
  readonly #skb: Skb;
  readonly id: SkbExtName;
  constructor(skb: Skb, id: SkbExtName) {
    this.#skb = skb;
    this.id = id;
  }
  /** `skb_ext_exist()`. */
  get exists(): boolean {
    return this.#skb.extExist(this.id);
  }

  [inspect.custom](_depth: number, options: Stylized, ins: typeof inspect): string {
    return inspectAs('ExtView', options, ins, () => ({ id: this.id, exists: this.exists }));
  }
}

/** The view each extension id gets. */
export interface ExtViews {
  BRIDGE_NF: NfBridgeView;
  SEC_PATH: SecPathView;
  TC: ExtView;
  MPTCP: MptcpView;
  MCTP: ExtView;
}
export type AnyExtView = ExtViews[SkbExtName];

/** A snapshot of the header fields a test writer looks at. */
export interface SkbInfo {
  users: number;
  cloned: boolean;
  fclone: FcloneKind;
  activeExtensions: SkbExtName[];
  extRefcnt: number;
  len: number;
  dataLen: number;
  headroom: number;
  tailroom: number;
  truesize: number;
  protocol: number;
  pktType: number;
  mark: number;
  slowGro: boolean;
}

/** The packet `Skb.allocGso()` builds. */
export interface GsoOptions {
  /** payload bytes in the head (default 0) */
  linear?: number;
  /** page frags (default 0), up to 17 */
  nfrags?: number;
  /** bytes in each frag, up to 4096 */
  fragSize?: number;
  /** `gso_size`: payload bytes per segment, 1 to 65535 */
  mss: number;
}

const GSO_SPEC: ParamSpec<GsoOptions> = { linear: 'any', nfrags: 'any', fragSize: 'any', mss: 'any' };

/*
 * The Skb of each handle that left its object (handleOf) or came back
 * (fromHandle), so that fromHandle(h) answers the object JS already holds.
 * Filled lazily: a WeakRef keeps its target alive until the current job
 * ends, so one per Skb made would hold every Skb a loop makes and frees.
 * The entry of an Skb collected without free() goes at the next sweep
 * (remember()): the addon's finalizer runs no JS.
 */
const wrappers = new Map<Handle, WeakRef<Skb>>();
let sweepAt = 1024;

function remember(h: Handle, s: Skb): void {
  wrappers.set(h, new WeakRef(s));
  if (wrappers.size < sweepAt) return;
  for (const [k, ref] of wrappers) if (!ref.deref()) wrappers.delete(k);
  sweepAt = Math.max(1024, wrappers.size * 2);
}

/*
 * Who frees an Skb JS drops without free(). A finalizer per object
 * (FinalizationRegistry, or Node-API's) costs more than the alloc_skb()
 * and kfree_skb() it guards, so by default the addon counts handles in
 * owner groups: the Skbs made in a row (up to GROUP_SIZE, within one
 * job) share one owner object, each keeps it alive until free(), and
 * the addon's finalizer on it releases, as GC leaks, the group's handles
 * still live when it is collected. An Skb dropped without free() is so
 * released once it and the unfreed Skbs made next to it are all
 * collected. With SKBEXT_TRACE_LEAKS the registry below tracks each Skb
 * on its own instead, to print where a leaked one was made.
 */
const GROUP_SIZE = 64;
/* a local copy: read on every Skb made and freed, not through the module object */
const TRACE_LEAKS = TRACE_LEAKS_ENV;
/** An owner group's object: nothing in it, only its life counts. */
class SkbOwner {
  id = 0;
}
let owner: SkbOwner | undefined;
let ownerLeft = 0;

function dropOwner(): void {
  owner = undefined;
  ownerLeft = 0;
}

function newOwner(): SkbOwner {
  const o = new SkbOwner();
  o.id = native().skbGroup(o);
  owner = o;
  ownerLeft = GROUP_SIZE;
  // the next job starts a new group: this variable never keeps a group
  // alive past the job that made it
  queueMicrotask(dropOwner);
  return o;
}

/*
 * The addon, for the calls every Skb makes (alloc, clone, free): a
 * variable read instead of a call of native() each time.
 */
let hot: NativeAddon | undefined;

/** The handle of an Skb whose native call has not answered yet. */
const PENDING: Handle = -1;

const registry = leakRegistry(
  'an Skb',
  'free()',
  (h) => {
    if (!wrappers.get(h)?.deref()) wrappers.delete(h);
    native().skbRelease(h);
  },
  () => native().stats().gcLeakedSkbs,
);

const TC_EXT_SPEC: ParamSpec<Partial<NativeTcExt>> = {
  chain: 'any',
  mru: 'any',
  zone: 'any',
  postCt: 'any',
  postCtSnat: 'any',
  postCtDnat: 'any',
};

function checkSize(size: number, what: string): void {
  if (typeof size !== 'number') throw invalidArgType(`${what} must be a number`);
}

export class Skb {
  #h: Handle;
  /** The owner group this Skb keeps alive until free() (none when tracing leaks): held, never read. */
  // eslint-disable-next-line no-unused-private-class-members
  #owner: SkbOwner | undefined;
  /** handleOf() or fromHandle() put this Skb in `wrappers`: its end takes it out. */
  #listed = false;

  /** Takes `h` into a group (a PENDING one: #take() does, once its call answers). */
  private constructor(h: Handle) {
    this.#h = h;
    this.#owner = undefined;
    if (h === PENDING) return;
    if (TRACE_LEAKS) registry.register(this, h, this);
    else native().skbOwn(h, this.#group());
  }

  static #wrap(h: Handle | null): Skb | null {
    return h === null ? null : new Skb(h);
  }

  /** Joins the current owner group: the group id to pass the call that makes the handle. */
  #group(): number | undefined {
    if (TRACE_LEAKS) return undefined;
    const o = ownerLeft > 0 && owner ? owner : newOwner();
    ownerLeft--;
    this.#owner = o;
    return o.id;
  }

  /** A PENDING Skb's handle, made with #group()'s id; `null` passes through. */
  #take(h: Handle | null): Skb | null {
    if (h === null) return null;
    this.#h = h;
    if (TRACE_LEAKS) registry.register(this, h, this);
    return this;
  }

  /** @internal The handle, after checking `s` is an Skb of this module. */
  static handleOf(s: Skb): Handle {
    if (!(s instanceof Skb) || !(#h in s))
      throw invalidArgType('expected an Skb made by Skb.alloc(), clone(), copy()...');
    if (!s.#listed) {
      s.#listed = true;
      if (!wrappers.has(s.#h)) remember(s.#h, s);
    }
    return s.#h;
  }

  /**
   * @internal This skb's handle is dead (freed, consumed, or its reference
   * taken by the addon, as ndo_start_xmit takes one): forget the wrapper.
   */
  static consumed(s: Skb): void {
    if (TRACE_LEAKS) registry.unregister(s);
    s.#owner = undefined;
    if (s.#listed) wrappers.delete(s.#h);
  }

  /**
   * @internal The Skb of a handle the addon answered (drivers, packet
   * builders): the one JS already holds for it, or a new one.
   */
  static fromHandle(h: Handle): Skb {
    const known = wrappers.get(h)?.deref();
    if (known) return known;
    const s = new Skb(h);
    s.#listed = true;
    remember(h, s);
    return s;
  }

  /**
   * `alloc_skb(size, GFP_ATOMIC)`: one user, `size` bytes of tailroom.
   * Returns `null` when the kernel would (an allocation failure, or a
   * size kmalloc cannot serve, over 16 MiB here). Throws a `RangeError`
   * for a negative, fractional or NaN size, or one of 2 GiB or more.
   */
  static alloc(size: number): Skb | null {
    checkSize(size, 'size');
    const s = new Skb(PENDING);
    return s.#take((hot ??= native()).skbAlloc(size, false, s.#group()));
  }

  /** `alloc_skb_fclone()`: skb1 of a fast-clone pair; the first clone is skb2. */
  static allocFclone(size: number): Skb | null {
    checkSize(size, 'size');
    const s = new Skb(PENDING);
    return s.#take(native().skbAlloc(size, true, s.#group()));
  }

  /** `skb_clone()`: a new header sharing data and the extension block. `null` on failure. */
  clone(): Skb | null {
    const s = new Skb(PENDING);
    return s.#take((hot ??= native()).skbClone(this.#h, s.#group()));
  }

  /** `skb_copy()`: private header and data; the block is shared (one more reference). */
  copy(): Skb | null {
    const s = new Skb(PENDING);
    return s.#take(native().skbCopy(this.#h, s.#group()));
  }

  /** `pskb_copy()`: private header and linear data; the block is shared. */
  pskbCopy(): Skb | null {
    const s = new Skb(PENDING);
    return s.#take(native().skbPskbCopy(this.#h, s.#group()));
  }

  /** `skb_get()`: one more user, owned by the returned handle (free both). */
  get(): Skb {
    return new Skb(native().skbGet(this.#h));
  }

  /** `kfree_skb()`: drop this handle's user (a drop). The handle is dead afterwards. */
  free(): void {
    (hot ??= native()).skbFree(this.#h);
    // Skb.consumed(this), inline: this is the path every Skb ends on
    if (TRACE_LEAKS) registry.unregister(this);
    this.#owner = undefined;
    if (this.#listed) wrappers.delete(this.#h);
  }

  /** `consume_skb()`: as `free()`, but a normal end, not a drop. */
  consume(): void {
    native().skbConsume(this.#h);
    Skb.consumed(this);
  }

  /**
   * A TCP/IPv4 GSO packet with page frags, as a TCP stack hands one to
   * `skb_segment()` (the kernel has no one function for it: `alloc_skb()`,
   * the headers, `alloc_page()` and `skb_fill_page_desc()` per frag).
   * `skb->data` is at the payload, with Ethernet, IPv4 and TCP headers
   * before it; `linear` payload bytes are in the head, then `nfrags`
   * frags of `fragSize` bytes, one page each; payload byte i is `i & 255`.
   * `gso_size` is `mss`. Returns `null` when an allocation fails (nothing
   * is left behind). Throws a `RangeError` for `mss` 0 or over 65535,
   * more than 17 frags, a frag over a page (4096) or of 0 bytes.
   */
  static allocGso(opts: GsoOptions): Skb | null {
    checkParams<GsoOptions>('Skb.allocGso()', opts, GSO_SPEC);
    const { linear = 0, nfrags = 0, fragSize = 0, mss } = opts;
    for (const [k, v] of Object.entries({ linear, nfrags, fragSize, mss })) checkSize(v, k);
    return Skb.#wrap(native().skbAllocGso(linear, nfrags, fragSize, mss));
  }

  /**
   * `skb_segment()` (`esp4_gso_segment()` for a packet `xfrmOutputOffload()`
   * marked `SKB_GSO_ESP`), for a device with scatter-gather, checksum and
   * ESP offload: `gso_size` payload bytes per segment, each with the
   * headers in front, sharing the packet's pages and holding its own
   * reference on its extension block. This skb's data moves back to its
   * mac header (as `skb_segment()` leaves it, even on failure). Returns
   * the segments (free each), or `null` when an allocation failed (the
   * segments made so far are freed). Throws a `RangeError` for a packet
   * that is not GSO, has no payload (6.1 oopses), no mac header before its data, is ESP without
   * offload state, or would make more than 64 segments.
   */
  segment(): Skb[] | null {
    const hs = native().skbGsoSegment(this.#h);
    return hs && hs.map((h) => new Skb(h));
  }

  /**
   * `ip_frag_init()` and `ip_frag_next()`: this skb as an IPv4 datagram
   * with a 20-byte header at its network header, cut into fragments of at
   * most `mtu` payload bytes (all but the last a multiple of 8). Each
   * fragment gets `ip_copy_metadata()`'s fields and its own reference on
   * the datagram's extension block (`skb_ext_copy()`). This skb is left
   * as it was. Returns the fragments, or `null` when an allocation failed
   * (those made are freed). Throws a `RangeError` for an `mtu` below 8
   * or over 65535, a datagram without 20 linear header bytes and some
   * payload, or more than 64 fragments.
   */
  ipFragment(mtu: number): Skb[] | null {
    checkSize(mtu, 'mtu');
    const hs = native().skbIpFragment(this.#h, mtu);
    return hs && hs.map((h) => new Skb(h));
  }

  /**
   * `xfrm_output()`'s step for a state a device offloads: the sec_path is
   * reset, a fresh one holds `x` (a reference) as its one offloaded entry,
   * and a GSO packet is marked `SKB_GSO_ESP`. Returns `false` when the
   * sec_path cannot be allocated: the kernel drops the packet, so this
   * handle's reference is gone and the handle is dead (as after `free()`).
   */
  xfrmOutputOffload(x: XfrmState): boolean {
    const ok = native().skbXfrmOutputOffload(this.#h, XfrmState.handleOf(x));
    if (!ok) Skb.consumed(this);
    return ok;
  }

  /**
   * `validate_xmit_xfrm()` and `esp_xmit()` for this packet alone:
   * `'passed'` when it goes out as it is (no offload state, or marked
   * `XFRM_XMIT` already), `'ok'` once the ESP step ran: the packet's
   * block is made private (`skb_ext_add()` copies one it shares with its
   * sibling segments) and `XFRM_XMIT` goes into that copy only. `null`
   * when the copy cannot be allocated: the packet is dropped and this
   * handle is dead; its sequence number stays used (6.1 advances the
   * counter in the shared block before it copies). Throws a `RangeError` for a packet with no mac header
   * at or before its data.
   */
  espXmit(): 'ok' | 'passed' | null {
    const r = native().skbEspXmit(this.#h);
    if (r === null) Skb.consumed(this);
    return r;
  }

  /** `skb_scrub_packet(skb, xnet)`: drops every extension (and more with `xnet`). */
  scrub(xnet: boolean): void {
    native().skbScrub(this.#h, xnet);
  }

  /**
   * `tcp_try_coalesce(sk, this, from)`: `from`, taken as the segment
   * that follows this one, is appended to it, and freed with
   * `kfree_skb_partial()` (its handle dies). Only when `from` carries no
   * MPTCP mapping or the very same one (`mptcp_skb_can_collapse()`);
   * this skb keeps its own extensions. `false` (nothing changed) when
   * they differ, when this skb's head is shared with a clone, or when
   * `from`'s bytes do not fit this skb's tailroom (a kmalloc'd head is
   * never stolen). Throws `SkbBusyError` if `from` has other users, and
   * a `RangeError` for `from === this`.
   */
  coalesce(from: Skb): boolean {
    if (from === this) throw outOfRange('coalesce(): an skb cannot be merged into itself');
    const merged = native().skbCoalesce(this.#h, Skb.handleOf(from));
    if (merged) Skb.consumed(from);
    return merged;
  }

  /**
   * `tcp_collapse()`'s copy step on two in-sequence segments, this one
   * and `next`: a new skb takes this skb's bytes and, when it carries an
   * MPTCP mapping, its whole extension block (`mptcp_skb_ext_move()`:
   * the block moves, no reference is taken); this skb is freed (its
   * handle dies). `next` follows, its bytes appended and its handle
   * dead, only if `mptcp_skb_can_collapse()` allows it (`merged`).
   * `null` when the new skb cannot be allocated (nothing changed).
   * Throws `SkbBusyError` if either has other users or paged data, or
   * `next === this`.
   */
  collapse(next: Skb): { skb: Skb; merged: boolean } | null {
    const r = native().skbCollapse(this.#h, Skb.handleOf(next));
    if (!r) return null;
    Skb.consumed(this);
    if (r.merged) Skb.consumed(next);
    return { skb: new Skb(r.skb), merged: r.merged };
  }

  /**
   * `skb_morph(this, src)`: everything this skb held (extensions, head)
   * is released and it becomes a clone of `src`, sharing its head and
   * extension block. Throws `SkbBusyError` if this skb has other users
   * (`skb_morph()` leaves one), a `RangeError` for `src === this`.
   */
  morph(src: Skb): void {
    if (src === this) throw outOfRange('morph(): an skb cannot be morphed into itself');
    native().skbMorph(this.#h, Skb.handleOf(src));
  }

  /**
   * `napi_reuse_skb()`: GRO is done with this skb and keeps it for the
   * next receive: its bytes are dropped, its headroom reset, and, when
   * `slow_gro` says it may hold any, its extensions reset
   * (`skb_ext_reset()`: the pointer stays, stale). `skb_ext_add()` sets
   * `slow_gro`; `skb_ext_copy()` does not. Throws `SkbBusyError` if the
   * skb has other users.
   */
  napiReuse(): void {
    native().skbNapiReuse(this.#h);
  }

  /**
   * `kfree_skb_partial(skb, headStolen)`: frees this skb whatever its
   * user count (the handle dies); with `headStolen` its head is first
   * taken away, as `skb_try_coalesce()` takes a page-fragment head into
   * another skb, and only the skb's state (extensions included) and the
   * `sk_buff` are freed. Throws `SkbBusyError` (nothing freed) if the skb
   * has other users, or with `headStolen` for an fclone or a head shared
   * with a clone.
   */
  kfreeSkbPartial(headStolen: boolean): void {
    native().skbFreePartial(this.#h, headStolen === true, false);
    Skb.consumed(this);
  }

  /**
   * `napi_skb_free_stolen_head()`: GRO merged this skb's head into
   * another packet (taken away first, as in `kfreeSkbPartial(true)`) and
   * frees the rest: its extensions only under `slow_gro`. The handle
   * dies. Throws `SkbBusyError` where `kfreeSkbPartial(true)` does, and
   * for extensions without `slow_gro` (`skb_ext_copy()` onto a fresh
   * skb), which GRO never holds and 6.1 would leak.
   */
  napiFreeStolenHead(): void {
    native().skbFreePartial(this.#h, true, true);
    Skb.consumed(this);
  }

  /**
   * `tc_skb_ext_alloc()`: the tc extension, zeroed (whatever a reused or
   * copied block held), then `fields` written, as a driver writes the
   * chain or act_ct the zone. Returns the extension as written, or `null`
   * on allocation failure (the skb unchanged). Throws a `RangeError`
   * without `TC_SKB_EXT` in the build, or for a field out of range.
   */
  tcSkbExtAlloc(fields: Partial<NativeTcExt> = {}): NativeTcExt | null {
    checkParams('tcSkbExtAlloc() fields', fields, TC_EXT_SPEC);
    return native().skbTcExtAlloc(this.#h, fields);
  }

  /** `skb_ext_find(skb, TC_SKB_EXT)`, read: `null` without one. */
  tcExt(): NativeTcExt | null {
    return native().skbTcExtRead(this.#h);
  }

  /**
   * `mctp_skb_set_flow()`: this skb becomes a message of a new MCTP flow,
   * whose key only the flow extension holds (one reference per extension
   * block that names it; a block copied on write takes another). `null`
   * if the key or the extension cannot be allocated. Throws a
   * `RangeError` without `MCTP_FLOWS` in the build, and `SkbBusyError`
   * for an skb that carries a flow already: 6.1 would overwrite the key
   * without putting it (a leak), and no kernel caller sets a flow twice.
   */
  mctpSetFlow(): true | null {
    if (this.extExist('MCTP'))
      throw new SkbBusyError('mctp_skb_set_flow(): this skb carries a flow already; 6.1 would leak its key');
    return native().skbMctpSetFlow(this.#h);
  }

  /** The references on this skb's MCTP flow key, or `null` without a flow. */
  mctpKeyRefs(): number | null {
    return native().skbMctpKeyRefs(this.#h);
  }

  /**
   * `mctp_do_fragment_route()`: this empty skb becomes a message (a
   * 4-byte MCTP header and `payload`) and is sent at `mtu` bytes a
   * packet. Returns the packets, each carrying this skb's extensions (the
   * flow, so a device sees it on every packet), or `null` if one cannot
   * be allocated (the others are freed). This skb is consumed (its
   * handle dies) unless an error is thrown: `SkbBusyError` for an skb
   * with other users, a shared head or bytes already; a `RangeError` for
   * an MTU of 4 or less, more than 64 packets, or a payload past the
   * tailroom.
   */
  mctpFragment(payload: Uint8Array, mtu: number): Skb[] | null {
    const pkts = native().skbMctpFragment(this.#h, payload, mtu);
    Skb.consumed(this);
    return pkts === null ? null : pkts.map((h) => new Skb(h));
  }

  /** `skb_reserve()` on an empty skb: headroom for headers pushed later. */
  reserve(len: number): void {
    native().skbReserve(this.#h, len);
  }

  /** `skb_put()` and copy `data` in; a `RangeError` if it does not fit the tailroom. */
  put(data: Uint8Array): void {
    native().skbPut(this.#h, data);
  }

  /** `skb_push()` and copy `data` in; a `RangeError` if it does not fit the headroom. */
  push(data: Uint8Array): void {
    native().skbPush(this.#h, data);
  }

  /** `skb_pull()`: `null` (and no change) if `len` exceeds the linear data. */
  pull(len: number): true | null {
    return native().skbPull(this.#h, len);
  }

  /** A copy of the linear data. */
  get data(): Buffer {
    return native().skbData(this.#h);
  }

  /**
   * `skb_ext_add()`: room for extension `id`, copying a shared block first.
   * A newly active id starts zeroed. Returns its view, or `null` on failure
   * (the skb unchanged).
   */
  extAdd<K extends SkbExtName>(id: K): ExtViews[K] | null;
  extAdd(id: SkbExtName | number): AnyExtView | null;
  extAdd(id: SkbExtName | number): AnyExtView | null {
    const n = extNumber(id);
    return native().skbExtAdd(this.#h, n) ? this.#view(n) : null;
  }

  /** `skb_ext_find()`: the view, or `null` if the id is not active. */
  extFind<K extends SkbExtName>(id: K): ExtViews[K] | null;
  extFind(id: SkbExtName | number): AnyExtView | null;
  extFind(id: SkbExtName | number): AnyExtView | null {
    const n = extNumber(id);
    return native().skbExtFind(this.#h, n) ? this.#view(n) : null;
  }

  /** `skb_ext_exist()`. */
  extExist(id: SkbExtName | number): boolean {
    return native().skbExtExist(this.#h, extNumber(id));
  }

  /** `skb_ext_del()`: the last id takes the block with it. */
  extDel(id: SkbExtName | number): void {
    native().skbExtDel(this.#h, extNumber(id));
  }

  /** `skb_ext_reset()`: drop every extension (one block reference). */
  extReset(): void {
    native().skbExtReset(this.#h);
  }

  /** `skb_ext_copy(this, src)`: put ours, share `src`'s block. */
  extCopy(src: Skb): void {
    native().skbExtCopy(this.#h, Skb.handleOf(src));
  }

  /** `secpath_set()`: a private sec_path (kept if present). `null` on failure. */
  secpathSet(): SecPathView | null {
    return native().secpathSet(this.#h) ? new SecPathView(this) : null;
  }

  /** `secpath_reset()`. */
  secpathReset(): void {
    native().secpathReset(this.#h);
  }

  /**
   * `tcp_cleanup_skb()`: what the TCP receive path does to a segment it
   * queues to a socket. The route and the sec_path are dropped (the
   * states are put at once if the block is the skb's own); every other
   * extension, the MPTCP mapping among them, stays.
   */
  tcpCleanup(): void {
    native().tcpCleanupSkb(this.#h);
  }

  /** `secpath_exists()` (5.0: `secpath_exist()`). */
  secpathExists(): boolean {
    return this.extExist('SEC_PATH');
  }

  /** `skb_sec_path()`: the view, or `null`. */
  get secPath(): SecPathView | null {
    return this.extExist('SEC_PATH') ? new SecPathView(this) : null;
  }

  /** `nf_bridge_alloc()`: a zeroed nf_bridge_info; `null` on failure. */
  nfBridgeAlloc(): NfBridgeView | null {
    return native().nfBridgeAlloc(this.#h) ? new NfBridgeView(this) : null;
  }

  /** `nf_bridge_info_get()`: the view, or `null`. */
  get nfBridge(): NfBridgeView | null {
    return this.extExist('BRIDGE_NF') ? new NfBridgeView(this) : null;
  }

  /** `mptcp_get_ext()`: the MPTCP mapping's view, or `null`. */
  get mptcp(): MptcpView | null {
    return this.extExist('MPTCP') ? new MptcpView(this) : null;
  }

  /** `skb->active_extensions`, by name. */
  get activeExtensions(): SkbExtName[] {
    return extNamesOf(native().skbActive(this.#h));
  }

  /** `refcount_read(&skb->extensions->refcnt)`, 0 without extensions. */
  get extRefcnt(): number {
    return native().skbExtRefcnt(this.#h);
  }

  /**
   * What `skb->extensions` holds (see `SkbExtState`). 6.1 leaves the
   * field undefined in a new skb; the port starts it `NULL`.
   */
  get extState(): SkbExtState {
    return native().skbExtState(this.#h);
  }

  /**
   * The block's `offset[id]` for each active id and its `chunks`, or `null`
   * when no id is active. In the default (Debian) config, adding MPTCP,
   * then BRIDGE_NF, then SEC_PATH gives offsets 1, 5, 9 and 20 chunks.
   */
  extLayout(): SkbExtLayout | null {
    const l = native().skbExtLayout(this.#h);
    if (!l) return null;
    const offset: Partial<Record<SkbExtName, number>> = {};
    l.offset.forEach((o, id) => {
      if (o) offset[extNamesByNumber()[id]] = o;
    });
    return { offset, chunks: l.chunks };
  }

  /**
   * Which of `skbs` share a block: for each, the number of its block in
   * order of first sight (0, 1, ...: the trace's blkA, blkB... when given
   * the slots in order), `null` for one without a live block. Throws
   * `SkbFreedError` if one of them is freed.
   */
  static extBlocks(skbs: readonly Skb[]): (number | null)[] {
    if (!Array.isArray(skbs)) throw invalidArgType('skbs must be an array of Skb');
    return native().skbExtBlocks(skbs.map((s) => Skb.handleOf(s)));
  }

  /**
   * `nf_reset_ct()`: put the conntrack reference and clear `_nfct` (the
   * port has no conntrack entries, so there is none to put). The
   * extensions stay: 6.1's `nf_reset_ct()` no longer drops nf_bridge.
   */
  nfResetCt(): void {
    native().skbNfResetCt(this.#h);
  }

  /**
   * `skb_release_head_state()`: drop the dst, run the destructor, put the
   * conntrack entry and the extension block (`skb_ext_put()`, which
   * leaves the ids set, as in 6.1). Its kernel callers own the skb alone
   * and then free it without the head state: afterwards only `free()` or
   * `consume()` may follow (the skb is freed as `__consume_stateless_skb()`
   * does); any other call throws `SkbHeadReleasedError`. A `RangeError` if
   * the skb has more than one user.
   */
  releaseHeadState(): void {
    native().skbReleaseHeadState(this.#h);
  }

  /** Whether both skbs point at one extension block. */
  sharesExtWith(other: Skb): boolean {
    return native().skbSharesExt(this.#h, Skb.handleOf(other));
  }

  /** `refcount_read(&skb->users)`. */
  get users(): number {
    return native().skbUsers(this.#h);
  }

  /** `skb_cloned()`. */
  get cloned(): boolean {
    return native().skbInfo(this.#h).cloned;
  }

  /** Header fields at once. */
  info(): SkbInfo {
    const i = native().skbInfo(this.#h);
    return {
      users: i.users,
      cloned: i.cloned,
      fclone: FCLONE[i.fclone] ?? 'unavailable',
      activeExtensions: extNamesOf(i.activeExtensions),
      extRefcnt: i.extRefcnt,
      len: i.len,
      dataLen: i.dataLen,
      headroom: i.headroom,
      tailroom: i.tailroom,
      truesize: i.truesize,
      protocol: i.protocol,
      pktType: i.pktType,
      mark: i.mark,
      slowGro: i.slowGro,
    };
  }

  /** `using s = Skb.alloc(64)!`: `free()` at scope end, unless it is already freed or consumed. */
  [Symbol.dispose](): void {
    try {
      native().skbExtState(this.#h);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'ERR_SKB_FREED') return;
      throw e;
    }
    this.free();
  }

  /** `console.log(skb)`: the header fields a developer looks at; `Skb <freed>` after a free. */
  [inspect.custom](_depth: number, options: Stylized, ins: typeof inspect): string {
    return inspectAs('Skb', options, ins, () => {
      const i = this.info();
      return {
        users: i.users,
        cloned: i.cloned,
        fclone: i.fclone,
        activeExtensions: i.activeExtensions,
        extRefcnt: i.extRefcnt,
        len: i.len,
        dataLen: i.dataLen,
      };
    });
  }

  #view(n: number): AnyExtView {
    const name = extNamesByNumber()[n];
    switch (name) {
      case 'SEC_PATH':
        return new SecPathView(this);
      case 'BRIDGE_NF':
        return new NfBridgeView(this);
      case 'MPTCP':
        return new MptcpView(this);
      default:
        return new ExtView(this, name);
    }
  }
}
