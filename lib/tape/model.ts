// SPDX-License-Identifier: GPL-2.0-only
/**
 * A reference model of the skb extension semantics of Linux 6.1, written
 * from the kernel's rules (skbuff.c, xfrm_input.c, xfrm_state.c) and not
 * from the C port: it predicts, line for line, the trace the executor in
 * csrc/tape/tape.c prints for a tape. Any difference is either a bug in
 * the port or in this model; the fuzzer shrinks it to the smallest tape.
 *
 * What it shares with the C side is the format, not the semantics: the
 * ops, operand kinds, extension ids and drivers come from the executor's
 * table (./format.ts, through the addon), and the rules from the kernel,
 * RFC 8684 and the documented contracts. Where the C side makes a choice
 * of its own that shows in a trace (an answer, or an allocation that
 * fail_nth counts), the model repeats it from the documentation; these
 * couplings stay, and a change to one is a change on both sides:
 *
 * - the executor's rules in docs/tape.md: more than 16 users or holds on
 *   one slot and a 65th state are refused; SPIs count 1, 2, 3...; a new
 *   extension's data is zeroed; mptcp_map writes a fresh mapping
 *   (data_seq = dsn, subflow_seq = dsn & 0xffff, data_len 1400, use_map,
 *   dsn64); the first drv_add of a state gives it an AEAD (one
 *   allocation); the driver ops' frames and the wire ops' segments are
 *   built by alloc_skb() (two allocations), and a device is probed with
 *   fault injection held off; mptcp_dss sends at most 1400 bytes.
 * - the receive and merge ops' own rules (docs/tape.md, "Receive and merge
 *   paths"): coalesce merges only segments without bytes and makes s the
 *   segment after d; the ops that free or rewrite an skb its kernel caller
 *   owns alone refuse one with more users, and a head is taken (for the
 *   stolen-head frees) only from a head-cache skb whose head no clone
 *   shares; napi_gro_end refuses extensions without slow_gro; mctp_flow
 *   makes at most 16 keys, each one allocation, and mctp_frag sends an
 *   8-byte message in two packets (two allocations each) into d.
 * - the adapter's contract (skbext/adapter.h, skbext_adapter_state_add()):
 *   room for the states offloaded to a device grows before the driver is
 *   asked, 16 at first and twice as many each time it is full, one
 *   allocation each time (ADAPTER_TRACK_FIRST below).
 *
 * The allocations it counts otherwise are the kernel's own: two per
 * alloc_skb() (the sk_buff, then its data), none for a clone that takes
 * its fclone companion, one per new or copied extension block, one SA
 * entry per state mlx5 or chelsio offloads.
 */
import { native } from '../addon';
import {
  DecodedTape,
  TAPE_DRIVERS,
  TAPE_EXTS,
  TAPE_OPS,
  TAPE_OPTS_PURE,
  TAPE_SKB_SLOTS,
  TAPE_X_SLOTS,
  TapeExtName,
  TapeOp,
  formatOp,
} from './format';
import { Mapping, describeRx, dssRoundTrip, emptyMapping, parseDssOptions, sendMapping } from './mptcp-wire';

const XFRM_MAX_DEPTH = 6;
/** alloc_gso's headers: Ethernet, then IPv4 and TCP (GSO_L4_HDR) before the payload */
const GSO_HDR = 14 + 20 + 20;
const GSO_L4_HDR = 20 + 20;
/** ip_fragment: the IPv4 header every fragment repeats */
const IP_HLEN = 20;
/** The ops execCut() answers. */
/* per op name, the operand positions that name an skb slot (namesReleased()) */
const SKB_OPERANDS = new Map<string, number[]>();

function skbOperands(op: string): number[] {
  let at = SKB_OPERANDS.get(op);
  if (!at) {
    const d = TAPE_OPS.find((x) => x.name === op);
    at = [];
    if (d) d.args.forEach((k, i) => k === 'skb' && at!.push(i));
    SKB_OPERANDS.set(op, at);
  }
  return at;
}

const CUT_OPS = new Set(['alloc_gso', 'gso_segment', 'ip_fragment', 'esp_offload', 'esp_xmit']);
const REF_CAP = 16;
const MAX_STATES = 64;
/** MCTP keys one tape may make (csrc/tape/tape_internal.h TAPE_MAX_KEYS). */
const MAX_KEYS = 16;
/** The ops of the paths beyond clone and free (issue 15), in execPath(). */
const PATH_OPS = new Set([
  'coalesce',
  'collapse',
  'kfree_skb_partial',
  'napi_gro_end',
  'morph',
  'tc_ext',
  'mctp_flow',
  'mctp_frag',
]);

/** The configuration a trace is predicted for. */
export interface ModelConfig {
  /** Extension ids the build enables (the kernel oracle lacks TC and MCTP). */
  enabled: ReadonlySet<TapeExtName>;
  /** fail_nth ops answer 'unsupported' (the kernel build). */
  noFaults: boolean;
  /** drv_* ops answer 'unsupported' (the kernel build has no driver layer). */
  noDrivers?: boolean;
  /** mptcp_dss and tcp_opts answer 'unsupported' (no segments in the kernel build). */
  noWire?: boolean;
  /** ops on functions 6.1 does not export (release_head_state) answer 'unsupported' */
  noUnexported?: boolean;
}

/** Every extension id enabled: the `full` config's ids. */
export const FULL_CONFIG: ModelConfig = { enabled: new Set(TAPE_EXTS), noFaults: false };

let buildConfig: ModelConfig | undefined;

/** The ids the loaded addon's config enables (csrc/configs/): the default of every prediction. */
export function buildModelConfig(): ModelConfig {
  return (buildConfig ??= { enabled: new Set(Object.keys(native().config().extIds)), noFaults: false });
}

/**
 * Chunks (8 bytes) each id's data takes in 6.1 on x86_64: the size of
 * struct nf_bridge_info (32), sec_path (88), tc_skb_ext (12), mptcp_ext
 * (32) and mctp_flow (8), rounded up. `oracle --layout` checks the C side.
 */
const EXT_CHUNKS: Readonly<Record<string, number>> = { BRIDGE_NF: 4, SEC_PATH: 11, TC: 2, MPTCP: 4, MCTP: 1 };

/** struct skb_ext's header in chunks: refcnt (4 bytes), offset[] (one per id), chunks (1). */
function headerChunks(ids: number): number {
  return Math.ceil((4 + ids + 1) / 8);
}

/** A state offloaded to one of the tape's devices (xso.dev set). */
interface Offload {
  drv: number;
  dir: 'in' | 'out';
  /** xdo_dev_state_delete has run (xfrm_state_delete() of an offloaded state) */
  devDeleted: boolean;
  /** netdevsim: the entry of its SA table the state took (-1 elsewhere) */
  nsimIdx: number;
}

class XState {
  refs = 1; /* xfrm_state_alloc() gives one */
  dead = false;
  /** xso.dir was set by a drv_add (it stays set after drv_del) */
  dirSet = false;
  /** the rfc4106(gcm(aes)) AEAD the first drv_add gives */
  aead = false;
  off: Offload | null = null;
  constructor(readonly spi: number) {}
}

/** What the model keeps of each driver's device. */
class Adapter {
  /** states the adapter tracks (offloaded to it), and its table's room */
  tracked = 0;
  cap = 0;
  /** netdevsim: used entries of its 33-entry SA table */
  nsimUsed = 0;
  /** netdevsim: which entries are in use (it takes the lowest free one) */
  nsimTaken: boolean[] = [];
}

/** netdevsim's SA table (drivers/net/netdevsim/netdevsim.h). */
const NSIM_IPSEC_MAX_SA_COUNT = 33;
/** The adapter's first room for offloaded states (skbext/adapter.h); it doubles when full. */
const ADAPTER_TRACK_FIRST = 16;

/** An MCTP socket key: its references beyond the executor's own. */
class Key {
  refs = 0;
  constructor(readonly n: number) {}
}

/** struct tc_skb_ext, as far as the trace shows it. */
interface TcExt {
  chain: number;
  zone: number;
}

interface SecPath {
  len: number;
  olen: number;
  xvec: XState[];
  /** XFRM_XMIT in the innermost offload state (ovec[olen - 1].flags) */
  xmit?: boolean;
}

class Block {
  refcnt = 1;
  present: Set<TapeExtName>;
  /** offset[id] of every id given room, and chunks in use */
  offset = new Map<TapeExtName, number>();
  chunks = 0;
  sp: SecPath = { len: 0, olen: 0, xvec: [] };
  /** the MPTCP extension: struct mptcp_ext */
  map: Mapping = emptyMapping();
  /** the TC extension */
  tc: TcExt = { chain: 0, zone: 0 };
  /** the MCTP flow: its key */
  key: Key | null = null;
  constructor(ids: Iterable<TapeExtName>) {
    this.present = new Set(ids);
  }
  cow(): Block {
    const b = new Block(this.present);
    b.offset = new Map(this.offset);
    b.chunks = this.chunks;
    b.sp = {
      len: this.sp.len,
      olen: this.sp.olen,
      xvec: this.sp.xvec.slice(0, this.sp.len),
      xmit: this.sp.xmit,
    };
    b.map = { ...this.map };
    b.tc = { ...this.tc };
    b.key = this.key;
    return b;
  }
}

/** A head and its skb_shared_info: clones share both. */
class Head {
  dataref = 1;
  /** page frag sizes, in order */
  frags: number[] = [];
  /** gso_size, and SKB_GSO_ESP in gso_type */
  gso = 0;
  esp = false;
}

class Pair {
  ref = 1;
}

class Skb {
  users = 1;
  clonedBit = false;
  /** skb->slow_gro: set by skb_ext_add(), copied with the headers */
  slowGro = false;
  /** skb->len is not 0: frames, segments and MCTP packets carry bytes */
  hasData = false;
  ext: Block | null = null;
  /** skb->extensions left set with no id active (skb_ext_reset() and friends) */
  stale = false;
  /** skb_release_head_state() ran: ids still set, reference gone */
  released = false;
  active = new Set<TapeExtName>();
  /** skb->len, and the network and mac header offsets from skb->data (null: unset) */
  len = 0;
  noff = 0;
  moff: number | null = null;
  /** made by a driver or wire op: the ops that cut packets refuse it (docs/tape.md) */
  opaque = false;
  constructor(
    public head: Head,
    public fclone: '-' | 'o' | 'c',
    public pair: Pair | null,
  ) {}
}

interface XSlot {
  x: XState;
  refs: number;
}

/** Model of one tape run. */
export class TapeModel {
  private skb: (Skb | null)[] = new Array<Skb | null>(TAPE_SKB_SLOTS).fill(null);
  private xs: (XSlot | null)[] = new Array<XSlot | null>(TAPE_X_SLOTS).fill(null);
  private states: XState[] = [];
  private keys: Key[] = [];
  private adapters: Adapter[] = TAPE_DRIVERS.map(() => new Adapter());
  private failNth = 0;
  /** Extension blocks copied on write so far (trace_skb_ext_cow). */
  cowCount = 0;

  private readonly hdrChunks: number;

  constructor(private readonly cfg: ModelConfig = buildModelConfig()) {
    this.hdrChunks = headerChunks(cfg.enabled.size);
  }

  /** A fresh block with room for @id after the header. */
  private newBlock(id: TapeExtName): Block {
    const b = new Block([id]);
    b.offset.set(id, this.hdrChunks);
    b.chunks = this.hdrChunks + EXT_CHUNKS[id];
    return b;
  }

  /** Allocations still to go before an armed fail_nth fires (0: none armed). */
  get failNthPending(): number {
    return this.failNth;
  }

  /* fail-nth: the n-th allocation from the arming fails */
  private allocOk(): boolean {
    if (this.failNth > 0 && --this.failNth === 0) return false;
    return true;
  }

  private putState(x: XState): void {
    x.refs--;
  }

  private blockPut(b: Block): void {
    if (b.refcnt === 1 || --b.refcnt === 0) {
      b.refcnt = 0;
      if (b.present.has('SEC_PATH')) for (let i = 0; i < b.sp.len; i++) this.putState(b.sp.xvec[i]);
      if (b.present.has('MCTP') && b.key) b.key.refs--;
    }
  }

  private extPut(s: Skb): void {
    if (s.active.size) this.blockPut(s.ext as Block);
  }

  private extCopy(dst: Skb, src: Skb): void {
    /* with nothing to copy, dst keeps whatever pointer it had */
    const hadPtr = dst.active.size > 0 || dst.stale;
    dst.active = new Set(src.active);
    if (src.active.size) {
      (src.ext as Block).refcnt++;
      dst.ext = src.ext;
      dst.stale = false;
    } else {
      dst.ext = null;
      dst.stale = hadPtr;
    }
  }

  /** skb_ext_add() without any initialisation of the data; null on failure. */
  private extAdd(s: Skb, id: TapeExtName): Block | null {
    let nb: Block;
    if (s.active.size) {
      const old = s.ext as Block;
      if (old.refcnt === 1) {
        nb = old;
      } else {
        if (!this.allocOk()) return null;
        nb = old.cow();
        if (s.active.has('SEC_PATH')) for (let i = 0; i < old.sp.len; i++) old.sp.xvec[i].refs++;
        /* the copy holds the key of an active flow (skb_ext_maybe_cow()) */
        if (s.active.has('MCTP') && old.key) old.key.refs++;
        this.cowCount++;
        this.blockPut(old);
      }
      if (!nb.present.has(id)) {
        nb.present.add(id);
        nb.offset.set(id, nb.chunks);
        nb.chunks += EXT_CHUNKS[id];
        this.zero(nb, id);
      }
    } else {
      if (!this.allocOk()) return null;
      nb = this.newBlock(id);
    }
    s.ext = nb;
    s.stale = false;
    s.active.add(id);
    s.slowGro = true;
    return nb;
  }

  private zero(b: Block, id: TapeExtName): void {
    if (id === 'SEC_PATH') b.sp = { len: 0, olen: 0, xvec: [] };
    if (id === 'MPTCP') b.map = emptyMapping();
    if (id === 'TC') b.tc = { chain: 0, zone: 0 };
    if (id === 'MCTP') b.key = null;
  }

  private extDel(s: Skb, id: TapeExtName): void {
    if (!s.active.has(id)) return;
    const b = s.ext as Block;
    s.active.delete(id);
    if (s.active.size === 0) {
      s.ext = null;
      this.blockPut(b);
    } else if (id === 'SEC_PATH' && b.refcnt === 1) {
      for (let i = 0; i < b.sp.len; i++) this.putState(b.sp.xvec[i]);
      b.sp.len = 0;
      b.sp.xvec = [];
    }
  }

  private extReset(s: Skb): void {
    if (s.active.size) {
      this.blockPut(s.ext as Block);
      s.active = new Set();
      s.ext = null;
      s.stale = true;
    }
  }

  private release(slot: number): void {
    const s = this.skb[slot] as Skb;
    if (s.users > 1) {
      s.users--;
      return;
    }
    this.skb[slot] = null;
    this.destroy(s);
  }

  /* the last user of @s is gone (a released one has no head state to put) */
  private destroy(s: Skb): void {
    if (!s.released) this.extPut(s);
    if (s.clonedBit) s.head.dataref--;
    if (s.fclone === 'o') {
      const p = s.pair as Pair;
      if (p.ref !== 1) p.ref--;
    } else if (s.fclone === 'c') {
      (s.pair as Pair).ref--;
    }
  }

  private xRelease(slot: number): void {
    const xs = this.xs[slot] as XSlot;
    if (--xs.refs === 0) this.xs[slot] = null;
    this.putState(xs.x);
  }

  private newSkb(fclone: boolean): Skb | null {
    if (!this.allocOk()) return null;
    if (!this.allocOk()) return null;
    return new Skb(new Head(), fclone ? 'o' : '-', fclone ? new Pair() : null);
  }

  /* a flag of the run turns the op off: the executor answers before anything */
  private gated(o: TapeOp): boolean {
    if (o.op === 'fail_nth') return this.cfg.noFaults;
    if (o.op.startsWith('drv_')) return !!this.cfg.noDrivers;
    if (o.op === 'mptcp_dss' || o.op === 'tcp_opts') return !!this.cfg.noWire;
    if (o.op === 'release_head_state') return !!this.cfg.noUnexported;
    return false;
  }

  /* nothing but a free may name a slot whose head state was released */
  private namesReleased(o: TapeOp): boolean {
    if (o.op === 'free' || o.op === 'consume') return false;
    for (const i of skbOperands(o.op)) if (this.skb[o.args[i]]?.released) return true;
    return false;
  }

  private has(id: TapeExtName): boolean {
    return this.cfg.enabled.has(id);
  }

  /** Run one op, returning the word the executor answers. */
  exec(o: TapeOp): string {
    if (!this.gated(o) && this.namesReleased(o)) return 'refused';
    if (PATH_OPS.has(o.op)) return this.execPath(o);
    if (o.op.startsWith('drv_')) return this.execDrv(o);
    if (CUT_OPS.has(o.op)) return this.execCut(o);
    if (o.op === 'mptcp_dss' || o.op === 'tcp_opts') return this.execWire(o);
    const a = o.args;
    const s = this.skb[a[0]] ?? null;
    switch (o.op) {
      case 'alloc':
      case 'alloc_fclone': {
        if (s) return 'busy';
        const n = this.newSkb(o.op === 'alloc_fclone');
        if (!n) return 'null';
        this.skb[a[0]] = n;
        return 'ok';
      }
      case 'clone':
      case 'copy':
      case 'pskb_copy': {
        const src = this.skb[a[1]];
        if (!src) return 'empty';
        if (s) return 'busy';
        let n: Skb;
        if (o.op === 'clone') {
          const p = src.pair;
          if (src.fclone === 'o' && p && p.ref === 1) {
            p.ref = 2;
            n = new Skb(src.head, 'c', p);
          } else {
            if (!this.allocOk()) return 'null';
            n = new Skb(src.head, '-', null);
          }
          n.clonedBit = true;
          src.head.dataref++;
          src.clonedBit = true;
        } else {
          const m = this.newSkb(false);
          if (!m) return 'null';
          n = m;
        }
        this.extCopy(n, src);
        this.copyGeom(n, src, o.op);
        n.slowGro = src.slowGro;
        n.hasData = src.hasData;
        this.skb[a[0]] = n;
        return 'ok';
      }
      case 'xfrm_alloc':
      case 'xfrm_hold':
      case 'xfrm_put':
      case 'xfrm_delete':
        return this.execX(o.op, a[0]);
      case 'fail_nth':
        if (this.cfg.noFaults) return 'unsupported';
        this.failNth = a[0];
        return 'ok';
      case 'release_head_state':
        if (this.cfg.noUnexported) return 'unsupported';
        break;
      default:
        break;
    }
    if (!s) return 'empty';
    switch (o.op) {
      case 'ext_add':
      case 'ext_del':
      case 'ext_find':
        if (!this.has(TAPE_EXTS[a[1]])) return 'unsupported';
        break;
      default:
        break;
    }
    const id = TAPE_EXTS[a[1] ?? 0];
    switch (o.op) {
      case 'free':
      case 'consume':
        this.release(a[0]);
        return 'ok';
      case 'get':
        if (s.users >= REF_CAP) return 'refused';
        s.users++;
        return 'ok';
      case 'scrub':
        this.extReset(s);
        return 'ok';
      case 'ext_add': {
        const had = s.active.has(id);
        const b = this.extAdd(s, id);
        if (!b) return 'null';
        if (!had) this.zero(b, id);
        return 'ok';
      }
      case 'ext_del':
        this.extDel(s, id);
        return 'ok';
      case 'ext_find':
        return s.active.has(id) ? 'found' : 'absent';
      case 'ext_reset':
        this.extReset(s);
        return 'ok';
      case 'ext_copy': {
        const src = this.skb[a[1]];
        if (!src) return 'empty';
        if (src === s) return 'refused';
        this.extPut(s);
        this.extCopy(s, src);
        return 'ok';
      }
      case 'secpath_set': {
        if (!this.has('SEC_PATH')) return 'unsupported';
        return this.secpathSet(s) ? 'ok' : 'null';
      }
      case 'secpath_push': {
        if (!this.has('SEC_PATH')) return 'unsupported';
        const xs = this.xs[a[1]];
        if (!xs) return 'empty';
        // 6.1's xfrm_input(): secpath_set() first (a shared block is
        // copied), then a full path is reset and the packet dropped
        const b = this.secpathSet(s);
        if (!b) return 'null';
        if (b.sp.len === XFRM_MAX_DEPTH) {
          this.extDel(s, 'SEC_PATH');
          this.release(a[0]);
          return 'full';
        }
        xs.x.refs++;
        b.sp.xvec = b.sp.xvec.slice(0, b.sp.len);
        b.sp.xvec.push(xs.x);
        b.sp.len++;
        return 'ok';
      }
      case 'secpath_reset':
        if (!this.has('SEC_PATH')) return 'unsupported';
        this.extDel(s, 'SEC_PATH');
        return 'ok';
      case 'tcp_cleanup':
        /* tcp_cleanup_skb(): the dst (not modelled) and the sec_path go, nothing else */
        if (this.has('SEC_PATH')) this.extDel(s, 'SEC_PATH');
        return 'ok';
      case 'nf_bridge_alloc':
        if (!this.has('BRIDGE_NF')) return 'unsupported';
        return this.extAdd(s, 'BRIDGE_NF') ? 'ok' : 'null';
      case 'nf_reset_ct':
        /* no conntrack entry to put; the extensions stay */
        return 'ok';
      case 'release_head_state':
        if (this.cfg.noUnexported) return 'unsupported';
        if (s.users !== 1) return 'refused';
        this.extPut(s);
        s.released = true;
        return 'ok';
      case 'mptcp_map': {
        if (!this.has('MPTCP')) return 'unsupported';
        const b = this.extAdd(s, 'MPTCP');
        if (!b) return 'null';
        b.map = {
          ...emptyMapping(),
          dataSeq: BigInt(a[1]),
          subflowSeq: a[1] & 0xffff,
          dataLen: 1400,
          useMap: true,
          dsn64: true,
        };
        return 'ok';
      }
      default:
        return 'unsupported';
    }
  }

  private secpathSet(s: Skb): Block | null {
    const had = s.active.has('SEC_PATH');
    const b = this.extAdd(s, 'SEC_PATH');
    if (!b) return null;
    if (!had) b.sp = { len: 0, olen: 0, xvec: [] };
    return b;
  }

  private execX(op: 'xfrm_alloc' | 'xfrm_hold' | 'xfrm_put' | 'xfrm_delete', slot: number): string {
    const xs = this.xs[slot];
    switch (op) {
      case 'xfrm_alloc': {
        if (xs) return 'busy';
        if (this.states.length === MAX_STATES) return 'refused';
        if (!this.allocOk()) return 'null';
        const x = new XState(this.states.length + 1);
        this.states.push(x);
        this.xs[slot] = { x, refs: 1 };
        return 'ok';
      }
      case 'xfrm_hold':
        if (!xs) return 'empty';
        if (xs.refs >= REF_CAP) return 'refused';
        xs.x.refs++;
        xs.refs++;
        return 'ok';
      case 'xfrm_put':
        if (!xs) return 'empty';
        this.xRelease(slot);
        return 'ok';
      case 'xfrm_delete':
        if (!xs) return 'empty';
        if (xs.x.dead) return 'esrch';
        if (--xs.refs === 0) this.xs[slot] = null;
        xs.x.dead = true;
        this.devDelete(xs.x);
        this.putState(xs.x);
        return 'ok';
    }
  }

  /* xdo_dev_state_delete: once per offload; netdevsim frees its table entry */
  private devDelete(x: XState): void {
    if (!x.off || x.off.devDeleted) return;
    x.off.devDeleted = true;
    if (TAPE_DRIVERS[x.off.drv] === 'netdevsim') {
      this.adapters[x.off.drv].nsimUsed--;
      this.adapters[x.off.drv].nsimTaken[x.off.nsimIdx] = false;
    }
  }

  /* the driver pushes the state it found: len and olen grow by one */
  private offloadPush(b: Block, x: XState): void {
    b.sp.xvec = b.sp.xvec.slice(0, b.sp.len);
    b.sp.xvec.push(x);
    b.sp.len++;
    b.sp.olen++;
  }

  /**
   * The drivers' ops, from the drivers' rules (csrc/drivers, Linux 6.1):
   * ixgbe and ixgbevf look the SA up by SPI and address and take a
   * reference before secpath_set(), which they leak when it fails; mlx5
   * sets the sec_path first and looks the SA up by the CQE's handle,
   * resetting the sec_path on a miss; chelsio and netdevsim have no Rx
   * offload. Every driver sends a frame of a live SA offloaded to it for
   * output; a frame forwarded with a state no device was asked to take
   * goes out as it is, except through netdevsim (drv_tx below). The
   * probes allocate outside fault injection.
   */
  private execDrv(o: TapeOp): string {
    if (this.cfg.noDrivers) return 'unsupported';
    const a = o.args;
    const d = a[0];
    const drv = TAPE_DRIVERS[d];
    const xs = this.xs[o.op === 'drv_rx' ? a[2] : a[1]];
    if (!xs) return 'empty';
    if (o.op === 'drv_rx' && this.skb[a[1]]) return 'busy';
    const x = xs.x;
    const ad = this.adapters[d];
    switch (o.op) {
      case 'drv_add': {
        if (x.off) return 'busy';
        if (x.dead) return 'refused';
        if (!x.aead) {
          if (!this.allocOk()) return 'null';
          x.aead = true;
        }
        x.dirSet = true;
        /* the adapter makes room to track the state before asking the driver */
        if (ad.tracked === ad.cap) {
          if (!this.allocOk()) return 'null';
          ad.cap = ad.cap ? ad.cap * 2 : ADAPTER_TRACK_FIRST;
        }
        /* a driver's refusal of the first state takes the new tracking array back */
        const refused = (r: 'full' | 'null'): 'full' | 'null' => {
          if (!ad.tracked) ad.cap = 0;
          return r;
        };
        if (drv === 'netdevsim' && ad.nsimUsed === NSIM_IPSEC_MAX_SA_COUNT) return refused('full');
        /* mlx5 and chelsio allocate an SA entry; the others fill tables */
        if ((drv === 'mlx5' || drv === 'chelsio') && !this.allocOk()) return refused('null');
        ad.tracked++;
        let nsimIdx = -1;
        if (drv === 'netdevsim') {
          ad.nsimUsed++;
          nsimIdx = 0;
          while (ad.nsimTaken[nsimIdx]) nsimIdx++;
          ad.nsimTaken[nsimIdx] = true;
        }
        x.off = { drv: d, dir: a[2] ? 'in' : 'out', devDeleted: false, nsimIdx };
        return 'ok';
      }
      case 'drv_del':
        if (!x.off || x.off.drv !== d) return 'absent';
        this.devDelete(x);
        ad.tracked--;
        x.off = null;
        return 'ok';
      case 'drv_rx': {
        const n = this.newSkb(false);
        if (!n) return 'null';
        this.skb[a[1]] = n;
        n.opaque = true;
        n.hasData = true;
        if (drv === 'chelsio' || drv === 'netdevsim') return 'unsupported';
        const known = x.off !== null && x.off.drv === d && x.off.dir === 'in' && !x.off.devDeleted;
        if (drv === 'mlx5') {
          const b = this.secpathSet(n);
          if (!b) return 'passed'; /* ipsec_rx_drop_sp_alloc */
          if (!known) {
            this.extDel(n, 'SEC_PATH'); /* ipsec_rx_drop_sadb_miss */
            return 'passed';
          }
          x.refs++;
          this.offloadPush(b, x);
          return 'offloaded';
        }
        /* ixgbe, ixgbevf */
        if (!known) return 'passed';
        x.refs++;
        const b = this.secpathSet(n);
        if (!b) return 'passed'; /* the lookup's reference stays taken */
        this.offloadPush(b, x);
        return 'offloaded';
      }
      case 'drv_tx': {
        if (x.dead) return 'refused';
        if (!x.aead) {
          /*
           * Never offered to a device: a frame x decrypted in software
           * on receive, forwarded. Its sec_path (len 1, olen 0) is no
           * offload: xfrm_offload() is NULL, and ixgbe, ixgbevf, mlx5
           * and chelsio send it as it is. netdevsim tests the sec_path
           * itself, and x's offload_handle 0 names its entry 0: sent only
           * while that entry is in use.
           */
          if (!this.newSkb(false)) return 'null';
          if (!this.allocOk()) return 'null'; /* xfrm_input()'s secpath_set() */
          if (drv === 'netdevsim' && !ad.nsimTaken[0]) return 'dropped';
          return 'sent';
        }
        if (!x.off || x.off.drv !== d || x.off.dir !== 'out') return 'refused';
        if (!this.newSkb(false)) return 'null';
        /* skbext_esp_prepare_tx(): secpath_set() on the fresh frame */
        if (!this.allocOk()) return 'null';
        /* queued, completed, consumed: the sec_path's reference goes with it */
        return 'sent';
      }
      default:
        return 'unsupported';
    }
  }

  /* skb_cloned(): the head is shared with another skb */
  private cloned(s: Skb): boolean {
    return s.clonedBit && (s.head.dataref & 0xffff) !== 1;
  }

  /* mptcp_skb_can_collapse(): @from carries no mapping, or @to the same one, byte for byte */
  private canCollapse(to: Skb, from: Skb): boolean {
    if (!this.has('MPTCP') || !from.active.has('MPTCP')) return true;
    if (!to.active.has('MPTCP')) return false;
    const a = (to.ext as Block).map;
    const b = (from.ext as Block).map;
    return (Object.keys(a) as (keyof Mapping)[]).every((k) => a[k] === b[k]);
  }

  /* the head can be taken away: a head-cache skb's, shared with no clone */
  /*
   * skb->len is not 0. The receive-path ops take only packets without
   * bytes: what they do to bytes depends on head sizes the trace does not
   * show, and the cut ops' packets (pages, headers) are theirs alone.
   */
  private bytes(s: Skb): boolean {
    return s.hasData || s.len > 0;
  }

  private canSteal(s: Skb): boolean {
    return s.fclone === '-' && !this.cloned(s);
  }

  /**
   * The paths beyond clone and free, from 6.1's rules: TCP's receive
   * queue merges a segment only into one with the same MPTCP mapping
   * (tcp_try_coalesce(), tcp_collapse()) and the merged skb keeps its own
   * extensions; a partial free drops the skb's state whether or not the
   * head went; GRO's recycling drops it only under slow_gro, which
   * skb_ext_add() sets and skb_ext_copy() does not; skb_morph() is a
   * clone into an existing skb; tc_skb_ext_alloc() zeroes; an MCTP flow
   * holds its key, a copy of its block holds it again, and every
   * fragment of a message shares the message's extensions.
   */
  private execPath(o: TapeOp): string {
    const a = o.args;
    switch (o.op) {
      case 'coalesce': {
        const to = this.skb[a[0]];
        const from = this.skb[a[1]];
        if (!to || !from) return 'empty';
        if (to === from || from.users > 1 || this.bytes(to) || this.bytes(from)) return 'refused';
        if (!this.canCollapse(to, from)) return 'differ';
        if (this.cloned(to)) return 'kept';
        this.skb[a[1]] = null;
        this.destroy(from);
        return 'ok';
      }
      case 'collapse': {
        const s = this.skb[a[1]];
        const t = this.skb[a[2]];
        if (!s || !t) return 'empty';
        if (this.skb[a[0]]) return 'busy';
        if (s === t || s.users > 1 || t.users > 1 || this.bytes(s) || this.bytes(t)) return 'refused';
        const n = this.newSkb(false);
        if (!n) return 'null';
        /* mptcp_skb_ext_move(): the block goes over, with its reference */
        if (this.has('MPTCP') && s.active.has('MPTCP')) {
          n.ext = s.ext;
          n.active = s.active;
          s.active = new Set();
          s.ext = null;
        }
        this.skb[a[0]] = n;
        this.skb[a[1]] = null;
        this.destroy(s);
        if (!this.canCollapse(n, t)) return 'differ';
        this.skb[a[2]] = null;
        this.destroy(t);
        return 'ok';
      }
      case 'kfree_skb_partial': {
        const s = this.skb[a[0]];
        if (!s) return 'empty';
        const stolen = (a[1] & 1) === 1;
        if (s.users > 1 || this.bytes(s) || (stolen && !this.canSteal(s))) return 'refused';
        this.skb[a[0]] = null;
        if (stolen) this.extPut(s);
        else this.destroy(s);
        return 'ok';
      }
      case 'napi_gro_end': {
        if (this.cfg.noUnexported) return 'unsupported';
        const s = this.skb[a[0]];
        if (!s) return 'empty';
        if (s.users > 1 || this.bytes(s) || s.fclone !== '-' || (s.active.size > 0 && !s.slowGro)) return 'refused';
        if ((a[1] & 1) === 0) {
          /* napi_reuse_skb(): the data is pulled off, too */
          if (s.slowGro) this.extReset(s);
          s.slowGro = false;
          s.opaque = true; /* its headers reset for the next receive: not for the cut ops */
          return 'ok';
        }
        if (!this.canSteal(s)) return 'refused';
        this.skb[a[0]] = null;
        if (s.slowGro) this.extPut(s);
        return 'ok';
      }
      case 'morph': {
        const dst = this.skb[a[0]];
        const src = this.skb[a[1]];
        if (!dst || !src) return 'empty';
        if (dst === src || this.bytes(dst) || this.bytes(src)) return 'refused';
        this.extPut(dst);
        if (dst.clonedBit) dst.head.dataref--;
        dst.head = src.head;
        src.head.dataref++;
        dst.clonedBit = true;
        src.clonedBit = true;
        this.extCopy(dst, src);
        dst.users = 1;
        dst.slowGro = src.slowGro;
        /* a clone of src now: its header offsets are src's (napi_reuse_skb()'s reset ones too) */
        this.copyGeom(dst, src, 'clone');
        return 'ok';
      }
      case 'tc_ext': {
        const s = this.skb[a[0]];
        if (!s) return 'empty';
        if (!this.has('TC')) return 'unsupported';
        const b = this.extAdd(s, 'TC');
        if (!b) return 'null';
        b.tc = { chain: a[1], zone: a[2] };
        return 'ok';
      }
      case 'mctp_flow': {
        if (this.cfg.noUnexported || !this.has('MCTP')) return 'unsupported';
        const s = this.skb[a[0]];
        if (!s) return 'empty';
        if (this.keys.length === MAX_KEYS) return 'refused';
        if (!this.allocOk()) return 'null';
        const key = new Key(this.keys.length + 1);
        this.keys.push(key);
        /* mctp_skb_set_flow(): a flow already in the room loses its key's reference */
        const b = this.extAdd(s, 'MCTP');
        if (!b) return 'null';
        key.refs++;
        b.key = key;
        return 'ok';
      }
      case 'mctp_frag': {
        if (this.cfg.noUnexported || !this.has('MCTP')) return 'unsupported';
        const src = this.skb[a[1]];
        if (!src) return 'empty';
        if (this.skb[a[0]]) return 'busy';
        if (src.users > 1 || this.cloned(src) || this.bytes(src)) return 'refused';
        this.skb[a[1]] = null;
        /* two packets, each with the message's extensions; the newest stays in d */
        for (let k = 0; k < 2; k++) {
          const f = this.newSkb(false);
          if (!f) {
            this.destroy(src);
            return 'null';
          }
          this.extCopy(f, src);
          f.hasData = true;
          f.opaque = true;
          const prev = this.skb[a[0]];
          if (prev) this.destroy(prev);
          this.skb[a[0]] = f;
        }
        this.destroy(src);
        return 'ok';
      }
      default:
        return 'unsupported';
    }
  }

  /**
   * The wire ops, from 6.1's option writer and parser and RFC 8684
   * (./mptcp-wire.ts). mptcp_dss: a new segment shares the sender's
   * extensions (an skb_clone()'s skb_ext_copy()), the connection state is
   * written into its own copy of the mapping (COW), the DSS goes out, the
   * extensions are dropped and the receiver parses a fresh mapping.
   * tcp_opts: raw option bytes on a received segment.
   */
  private execWire(o: TapeOp): string {
    if (this.cfg.noWire || !this.has('MPTCP')) return 'unsupported';
    const a = o.args;
    let rx: Mapping | null;
    let seg: Skb | null;
    if (o.op === 'tcp_opts') {
      if (this.skb[a[0]]) return 'busy';
      seg = this.newSkb(false);
      if (!seg) return 'null';
      const got = parseDssOptions(o.bytes ?? new Uint8Array(0));
      /* a pure ACK occupies no sequence space: no extension */
      rx = got && !(a[1] & TAPE_OPTS_PURE) ? got : null;
    } else {
      const src = this.skb[a[1]];
      if (!src) return 'empty';
      if (this.skb[a[0]]) return 'busy';
      if (!src.active.has('MPTCP')) return 'absent';
      const sent = sendMapping((src.ext as Block).map, a[2]);
      if (!sent) return 'refused';
      seg = this.newSkb(false);
      if (!seg) return 'null';
      this.extCopy(seg, src);
      const b = this.extAdd(seg, 'MPTCP');
      if (!b) {
        this.destroy(seg);
        return 'null';
      }
      b.map = sent;
      this.extReset(seg);
      rx = dssRoundTrip(sent);
    }
    if (rx) {
      if (!this.allocOk()) {
        this.destroy(seg);
        return 'null';
      }
      const b = this.newBlock('MPTCP');
      b.map = rx;
      seg.ext = b;
      seg.stale = false;
      seg.active.add('MPTCP');
      seg.slowGro = true;
    }
    seg.opaque = true;
    seg.hasData = true;
    this.skb[a[0]] = seg;
    return rx ? describeRx(rx) : 'none';
  }

  /* what a clone, skb_copy() or pskb_copy() has of its source's geometry */
  private copyGeom(n: Skb, src: Skb, op: string): void {
    n.len = src.len;
    n.noff = src.noff;
    n.moff = src.moff;
    n.opaque = src.opaque;
    if (op === 'clone') return; /* the same head and skb_shared_info */
    n.head.gso = src.head.gso;
    n.head.esp = src.head.esp;
    /* skb_copy() makes it linear; pskb_copy() shares the pages */
    n.head.frags = op === 'pskb_copy' ? src.head.frags.slice() : [];
  }

  private headlen(s: Skb): number {
    return s.len - s.head.frags.reduce((t, f) => t + f, 0);
  }

  /* the offload state xfrm_offload() finds: the path's, if every entry is offloaded */
  private xoPath(s: Skb): SecPath | null {
    if (!s.active.has('SEC_PATH')) return null;
    const sp = (s.ext as Block).sp;
    return sp.olen > 0 && sp.olen === sp.len ? sp : null;
  }

  /* a state a tape device holds (xso.dev, or xso.dir once set): these ops leave it alone */
  private onDevice(x: XState): boolean {
    return x.off !== null || x.dirSet;
  }

  /* n empty slots from d on (mod the slot count), or the answer why not */
  private slotsFor(d: number, n: number): string | null {
    if (n > TAPE_SKB_SLOTS) return 'refused';
    for (let k = 0; k < n; k++) if (this.skb[(d + k) % TAPE_SKB_SLOTS]) return 'busy';
    return null;
  }

  /* a new packet cut from src: its metadata, and a reference on src's block */
  private piece(src: Skb, len: number, noff: number, moff: number | null, frags: number[]): Skb {
    const n = new Skb(new Head(), '-', null);
    n.len = len;
    n.noff = noff;
    n.moff = moff;
    n.head.frags = frags;
    this.extCopy(n, src);
    return n;
  }

  /*
   * skb->data moves back to the mac header (skb_segment(), and the device
   * sending a packet): the headers before it become data.
   */
  private pushToMac(s: Skb): number {
    const d = -(s.moff as number);
    s.len += d;
    s.noff += d;
    s.moff = 0;
    return d;
  }

  /**
   * The ops that make and cut up packets: a GSO packet with page frags
   * (alloc_gso), skb_segment() (gso_segment, through esp4_gso_segment()
   * for an ESP packet), ip_frag_init()/ip_frag_next() (ip_fragment), and
   * ESP offload transmit: xfrm_output()'s offload step (esp_offload) and
   * validate_xmit_xfrm()/esp_xmit() (esp_xmit). Every piece takes a
   * reference on its source's extension block (__copy_skb_header(),
   * ip_copy_metadata()); esp_xmit marks a segment transmitted in its own
   * copy of the block, never in the one its siblings share (6.1, after
   * upstream c7dbf4c08868).
   */
  private execCut(o: TapeOp): string {
    const a = o.args;
    switch (o.op) {
      case 'alloc_gso': {
        if (this.skb[a[0]]) return 'busy';
        const mss = a[2];
        if (!mss) return 'refused';
        const n = this.newSkb(false);
        if (!n) return 'null';
        const nfrags = a[1] & 7;
        const fsize = 128 << ((a[1] >> 3) & 3);
        for (let i = 0; i < nfrags; i++) if (!this.allocOk()) return 'null';
        n.head.frags = new Array<number>(nfrags).fill(fsize);
        n.head.gso = mss;
        n.len = (a[1] >> 5) * 64 + nfrags * fsize;
        n.noff = -GSO_L4_HDR;
        n.moff = -GSO_HDR;
        this.skb[a[0]] = n;
        return 'ok';
      }
      case 'gso_segment':
        return this.gsoSegment(a[0], a[1]);
      case 'ip_fragment':
        return this.ipFragment(a[0], a[1], a[2]);
      case 'esp_offload': {
        const s = this.skb[a[0]];
        const xs = this.xs[a[1]];
        if (!s || !xs) return 'empty';
        if (this.onDevice(xs.x)) return 'refused';
        /* xfrm_output(): secpath_reset(), then a fresh sec_path */
        this.extDel(s, 'SEC_PATH');
        const b = this.secpathSet(s);
        if (!b) {
          this.release(a[0]); /* the packet is dropped */
          return 'null';
        }
        xs.x.refs++;
        b.sp = { len: 1, olen: 1, xvec: [xs.x], xmit: false };
        if (s.head.gso) s.head.esp = true;
        return 'ok';
      }
      case 'esp_xmit': {
        const s = this.skb[a[0]];
        if (!s) return 'empty';
        if (s.opaque || s.moff === null || s.moff > 0) return 'refused';
        const sp = this.xoPath(s);
        if (!sp) return 'absent';
        const x = sp.xvec[sp.len - 1];
        if (this.onDevice(x)) return 'refused';
        if (sp.xmit) return 'passed';
        /* the mark is this segment's alone: skb_ext_add() copies a shared block */
        const b = this.extAdd(s, 'SEC_PATH');
        if (!b) {
          this.release(a[0]);
          return 'null';
        }
        b.sp.xmit = true;
        this.pushToMac(s);
        return 'ok';
      }
      default:
        return 'unsupported';
    }
  }

  /* skb_segment(): gso_size payload bytes per segment, each with the headers in front */
  private gsoSegment(d: number, from: number): string {
    const src = this.skb[from];
    if (!src) return 'empty';
    /* no payload: 6.1's skb_segment() oopses on a NULL frag list */
    if (src.opaque || !src.head.gso || src.moff === null || src.moff > 0 || !src.len) return 'refused';
    const xo = this.xoPath(src);
    if (src.head.esp && xo && this.onDevice(xo.xvec[xo.len - 1])) return 'refused';
    const mss = src.head.gso;
    const payload = src.len;
    const n = Math.ceil(payload / mss);
    const why = this.slotsFor(d, n);
    if (why) return why;
    /* esp4_gso_segment() wants offload state before it touches anything */
    if (src.head.esp && !xo) return 'error';
    const linear = this.headlen(src);
    const frags = src.head.frags;
    const doff = this.pushToMac(src);
    const pieces: Skb[] = [];
    for (let k = 0; k < n; k++) {
      if (!this.allocOk() || !this.allocOk()) {
        /* the segments made so far are freed: their references go */
        pieces.forEach((p) => this.extPut(p));
        return 'null';
      }
      const start = k * mss;
      const len = Math.min(payload - start, mss);
      const hsize = Math.max(0, Math.min(linear - start, len));
      const parts: number[] = [];
      /* the frags this segment's paged bytes overlap, trimmed to them */
      let pos = linear;
      for (const f of frags) {
        const lo = Math.max(pos, start + hsize);
        const hi = Math.min(pos + f, start + len);
        if (hi > lo) parts.push(hi - lo);
        pos += f;
      }
      pieces.push(this.piece(src, doff + len, src.noff, 0, parts));
    }
    pieces.forEach((p, k) => (this.skb[(d + k) % TAPE_SKB_SLOTS] = p));
    return `segs ${n} [${pieces.map((p) => `${p.len}/${p.head.frags.length}`).join(' ')}]`;
  }

  /* ip_frag_next(): the datagram from its IP header, mtu payload bytes a fragment */
  private ipFragment(d: number, from: number, mtu: number): string {
    const src = this.skb[from];
    if (!src) return 'empty';
    if (src.opaque || mtu < 8) return 'refused';
    if (src.noff + IP_HLEN > this.headlen(src) || src.len - src.noff <= IP_HLEN) return 'refused';
    const lens: number[] = [];
    for (let left = src.len - src.noff - IP_HLEN; left > 0;) {
      let len = Math.min(left, mtu);
      if (len < left) len &= ~7;
      lens.push(len);
      left -= len;
    }
    const why = this.slotsFor(d, lens.length);
    if (why) return why;
    for (let k = 0; k < lens.length; k++) {
      /* the fragments before a failed one are sent already: they stay */
      if (!this.allocOk() || !this.allocOk()) return 'null';
      this.skb[(d + k) % TAPE_SKB_SLOTS] = this.piece(src, IP_HLEN + lens[k], 0, null, []);
    }
    return `segs ${lens.length} [${lens.map((l) => `${IP_HLEN + l}/0`).join(' ')}]`;
  }

  /** TAPE_EXTS this build enables, in their order: the ids a state line can show. */
  private shown?: TapeExtName[];

  /**
   * The state line the executor prints after an op. Called after every
   * op of every fuzzed tape, so built with plain loops, no closures.
   */
  stateLine(): string {
    const shown = (this.shown ??= (TAPE_EXTS as TapeExtName[]).filter((e) => this.has(e)));
    const blocks: Block[] = [];
    const states: XState[] = [];
    for (const xs of this.xs) if (xs && !states.includes(xs.x)) states.push(xs.x);
    let line = '  |';
    for (let i = 0; i < this.skb.length; i++) {
      const s = this.skb[i];
      if (!s) continue;
      const cloned = s.clonedBit && (s.head.dataref & 0xffff) !== 1 ? 1 : 0;
      let ids = '';
      let offs = '';
      const b = s.ext;
      for (const e of shown) {
        if (!s.active.has(e)) continue;
        ids += ids ? ',' + e : e;
        if (b) offs += (offs ? ',' : '') + (b.offset.get(e) ?? '');
      }
      line += ' s' + i + ' u' + s.users + ' c' + cloned + ' f' + s.fclone + ' ext[' + ids + ']';
      if (s.released) {
        line += ' released';
        continue;
      }
      if (!s.active.size) {
        if (s.stale) line += ' stale';
        continue;
      }
      const blk = b as Block;
      let k = blocks.indexOf(blk);
      if (k < 0) k = blocks.push(blk) - 1;
      line += ' blk' + String.fromCharCode(65 + k) + '/' + blk.refcnt + ' o' + offs + ' c' + blk.chunks;
      if (s.active.has('SEC_PATH')) {
        line += ' sp' + blk.sp.len + '/' + blk.sp.olen + '[';
        for (let j = 0; j < blk.sp.len; j++) {
          const x = blk.sp.xvec[j];
          if (!states.includes(x)) states.push(x);
          line += (j ? ',x' : 'x') + x.spi;
        }
        line += ']';
      }
      if (s.active.has('MPTCP')) line += ' dsn' + (blk.map.dataSeq & 0xffffffffn);
      if (s.active.has('TC')) line += ' tc' + blk.tc.chain + '/' + blk.tc.zone;
      if (s.active.has('MCTP')) line += blk.key ? ' flowk' + blk.key.n + '/' + blk.key.refs : ' flow-';
    }
    line += ' |';
    for (const x of states) line += ' x' + x.spi + ' r' + x.refs + (x.dead ? ' dead' : '');
    return line;
  }

  /** Release every slot as the executor does at the end; returns its lines. */
  finish(): string[] {
    const out: string[] = [];
    this.failNth = 0;
    for (let i = 0; i < TAPE_SKB_SLOTS; i++) while (this.skb[i]) this.release(i);
    for (let i = 0; i < TAPE_X_SLOTS; i++) while (this.xs[i]) this.xRelease(i);
    for (const x of this.states) {
      if (x.refs > 0) out.push(`x${x.spi} leaked ${x.refs}`);
      else if (x.refs < 0) out.push(`x${x.spi} overput ${-x.refs}`);
    }
    for (const k of this.keys) {
      if (k.refs > 0) out.push(`k${k.n} leaked ${k.refs}`);
      else if (k.refs < 0) out.push(`k${k.n} overput ${-k.refs}`);
    }
    return out;
  }
}

/**
 * How many slab allocations a tape makes when nothing fails: the fail_nth
 * values that systematic fault injection must try.
 */
export function countAllocations(tape: DecodedTape, cfg: ModelConfig = buildModelConfig()): number {
  for (let n = 1; ; n++) {
    const m = new TapeModel(cfg);
    m.exec({ op: 'fail_nth', args: [n] });
    tape.ops.forEach((o) => m.exec(o));
    if (m.failNthPending > 0) return n - 1;
  }
}

/** The full trace the executor prints for a decoded tape, with state lines. */
export function predictTrace(tape: DecodedTape, cfg: ModelConfig = buildModelConfig()): string {
  const m = new TapeModel(cfg);
  const lines: string[] = [];
  tape.ops.forEach((o, n) => {
    const ret = m.exec(o);
    lines.push(`#${n} ${formatOp(o)} = ${ret}`);
    lines.push(m.stateLine());
  });
  lines.push(...m.finish());
  lines.push(`end ops=${tape.ops.length} skipped=${tape.skipped}${tape.truncated ? ' truncated' : ''}`);
  return lines.join('\n') + '\n';
}
