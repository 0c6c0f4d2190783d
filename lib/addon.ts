// SPDX-License-Identifier: GPL-2.0-only
/**
 * Finds and loads the native addon, and types what it exports. Only this
 * file and the classes built on it touch the addon; nothing in lib/ knows
 * a C layout except through it.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  AdapterDestroyedError,
  AddonNotBuiltError,
  ExtGoneError,
  SecpathFullError,
  SkbBusyError,
  SkbFreedError,
  SkbHeadReleasedError,
  XfrmStateFreedError,
} from './errors';

/** A handle: slot and generation in the addon's handle table. */
export type Handle = number;

export interface NativeSlabCache {
  name: string;
  objectSize: number;
  size: number;
  active: number;
  numObjs: number;
  numSlabs: number;
  allocs: number;
  frees: number;
  failed: number;
  poisonErrors: number;
  doubleFrees: number;
}

export interface NativeStats {
  caches: NativeSlabCache[];
  live: number;
  warnings: number;
  debugErrors: number;
  threadLive: number;
  threadWarnings: number;
  threadDebugErrors: number;
  kfreeSkb: number;
  consumeSkb: number;
  extCow: number;
  gcLeakedSkbs: number;
  gcLeakedStates: number;
  liveSkbHandles: number;
  liveStateHandles: number;
}

export interface NativeSkbInfo {
  users: number;
  cloned: boolean;
  fclone: number;
  activeExtensions: number;
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
  macHeader: number;
  networkHeader: number;
  transportHeader: number;
}

export interface NativeXfrmOffload {
  seqLow: number;
  seqHi: number;
  flags: number;
  status: number;
  origMacLen: number;
  proto: number;
  innerIpproto: number;
}

export interface NativeSecPath {
  len: number;
  olen: number;
  verifiedCnt: number;
  xvec: Handle[];
  ovec: NativeXfrmOffload[];
}

export interface NativeNfBridge {
  origProto: number;
  pktOtherhost: boolean;
  inPrerouting: boolean;
  bridgedDnat: boolean;
  sabotageInDone: boolean;
  fragMaxSize: number;
  physinif: number;
  ipv4Daddr: number;
}

/** struct tc_skb_ext (`skb.tcExt()`, `skb.tcSkbExtAlloc()`). */
export interface NativeTcExt {
  chain: number;
  mru: number;
  zone: number;
  postCt: boolean;
  postCtSnat: boolean;
  postCtDnat: boolean;
}

export interface NativeMptcp {
  dataAck: bigint;
  dataSeq: bigint;
  subflowSeq: number;
  dataLen: number;
  csum: number;
  useMap: boolean;
  dsn64: boolean;
  dataFin: boolean;
  useAck: boolean;
  ack64: boolean;
  mpcMap: boolean;
  frozen: boolean;
  resetTransient: boolean;
  resetReason: number;
  csumReqd: boolean;
  infiniteMap: boolean;
}

export interface NativeXfrmParams {
  spi?: number;
  proto?: number;
  family?: number;
  mode?: number;
  reqid?: number;
  daddr?: Uint8Array;
  saddr?: Uint8Array;
  dir?: number;
}

export interface NativeXfrmInfo {
  refcnt: number;
  spi: number;
  proto: number;
  family: number;
  mode: number;
  reqid: number;
  state: number;
  dir: number;
  offloadHandle: number;
  daddr: Uint8Array;
  saddr: Uint8Array;
}

export interface NativeConfig {
  extIds: Record<string, number>;
  SKB_EXT_NUM: number;
  XFRM_MAX_DEPTH: number;
  XFRM_MAX_OFFLOAD_DEPTH: number;
  sizeofSkBuff: number;
  tapeTraceState: number;
  tapeNoFaults: number;
  tapeNoDrivers: number;
  tapeNoWire: number;
  tapeNoUnexported: number;
  /** The C tables (csrc/tape/tape.c, skbext/adapter.h); lib/tables.ts reads them. */
  tapeOps: NativeTapeOp[];
  tapeArgBytes: Record<string, number>;
  tapeExts: string[];
  tapeDrivers: string[];
  knobs: Record<string, number>;
  tapeSkbSlots: number;
  tapeXSlots: number;
  tapeTcpOpts: number;
  tapeOptsPure: number;
  /** The build's config (csrc/configs/): 'debian' by default, or 'full'. */
  configName: string;
  /** The extension block's allocation design: 'none' (6.1's), 'cache' or 'in_head'. */
  designName: string;
  /** `SKB_EXT_ALIGN_VALUE`: bytes per chunk of the extension block. */
  extChunkBytes: number;
  /** Chunks of `struct skb_ext`'s header: the first id's offset. */
  extHeaderChunks: number;
  /** Chunks of each enabled id's data (`skb_ext_type_len[]`), by name. */
  extChunks: Record<string, number>;
}

/** One entry of tape.c's op table (`struct tape_op_desc`). */
export interface NativeTapeOp {
  code: number;
  name: string;
  args: string[];
  gate: number;
  kernel: boolean;
}

export interface NativeTapeResult {
  trace: string;
  ops: number;
  skipped: number;
  truncated: boolean;
  overflow: boolean;
}

/** What the addon exports: one function per kernel call, nothing more. */
export interface NativeAddon {
  setErrorClasses(classes: Record<string, unknown>): void;
  noop(): void;
  stats(): NativeStats;
  /** stats()'s threadLive, threadWarnings, threadDebugErrors into `out[0..2]`. */
  threadStats(out: Float64Array): void;
  flushWork(): number;
  failNth(n: number): void;
  failNthGet(): number;
  slabDebug(on?: boolean): boolean;
  consoleLoglevel(level?: number): number;
  layout(): string[];
  config(): NativeConfig;
  tapeRun(tape: Uint8Array, flags: number, traceSize: number): NativeTapeResult | null;

  /*
   * `group`: an owner group of skbGroup(); the new handle is released as a
   * GC leak if it still lives when the group's owner object is collected.
   */
  skbAlloc(size: number, fclone: boolean, group?: number): Handle | null;
  skbClone(h: Handle, group?: number): Handle | null;
  skbCopy(h: Handle, group?: number): Handle | null;
  skbPskbCopy(h: Handle, group?: number): Handle | null;
  /** A new owner group watching `owner`: its id. */
  skbGroup(owner: object): number;
  /** Counts a handle made without a group in `group`. */
  skbOwn(h: Handle, group: number | undefined): void;
  skbGet(h: Handle): Handle;
  skbFree(h: Handle): void;
  skbConsume(h: Handle): void;
  skbRelease(h: Handle): void;
  skbScrub(h: Handle, xnet: boolean): void;
  skbAllocGso(linear: number, nfrags: number, fragSize: number, mss: number): Handle | null;
  skbGsoSegment(h: Handle): Handle[] | null;
  skbIpFragment(h: Handle, mtu: number): Handle[] | null;
  skbXfrmOutputOffload(h: Handle, x: Handle): boolean;
  skbEspXmit(h: Handle): 'ok' | 'passed' | null;
  skbPut(h: Handle, data: Uint8Array): void;
  skbCoalesce(to: Handle, from: Handle): boolean;
  skbCollapse(s: Handle, t: Handle): { skb: Handle; merged: boolean } | null;
  skbMorph(dst: Handle, src: Handle): void;
  skbNapiReuse(h: Handle): void;
  skbFreePartial(h: Handle, headStolen: boolean, napi: boolean): void;
  skbTcExtAlloc(h: Handle, fields: Partial<NativeTcExt>): NativeTcExt | null;
  skbTcExtRead(h: Handle): NativeTcExt | null;
  skbMctpSetFlow(h: Handle): true | null;
  skbMctpKeyRefs(h: Handle): number | null;
  skbMctpFragment(h: Handle, payload: Uint8Array, mtu: number): Handle[] | null;
  skbPush(h: Handle, data: Uint8Array): void;
  skbPull(h: Handle, len: number): true | null;
  skbReserve(h: Handle, len: number): void;
  skbData(h: Handle): Buffer;
  skbInfo(h: Handle): NativeSkbInfo;
  skbUsers(h: Handle): number;
  skbActive(h: Handle): number;
  skbExtRefcnt(h: Handle): number;
  skbSharesExt(a: Handle, b: Handle): boolean;
  skbExtAdd(h: Handle, id: number): true | null;
  skbExtFind(h: Handle, id: number): true | null;
  skbExtExist(h: Handle, id: number): boolean;
  skbExtDel(h: Handle, id: number): void;
  skbExtReset(h: Handle): void;
  skbExtCopy(dst: Handle, src: Handle): void;
  skbExtState(h: Handle): 'null' | 'stale' | 'live' | 'released';
  skbExtLayout(h: Handle): { offset: number[]; chunks: number } | null;
  skbExtBlocks(hs: Handle[]): (number | null)[];
  skbNfResetCt(h: Handle): void;
  skbReleaseHeadState(h: Handle): void;
  secpathSet(h: Handle): true | null;
  /** `xvec` is empty unless `states`: reading it makes a handle for a state that has none. */
  secpathRead(h: Handle, states: boolean): NativeSecPath | null;
  secpathPush(h: Handle, x: Handle): true | null;
  secpathReset(h: Handle): void;
  tcpCleanupSkb(h: Handle): void;
  nfBridgeAlloc(h: Handle): true | null;
  nfBridgeRead(h: Handle): NativeNfBridge | null;
  nfBridgeWrite(h: Handle, fields: Partial<NativeNfBridge>): true | null;
  mptcpRead(h: Handle): NativeMptcp | null;
  mptcpWrite(h: Handle, fields: Partial<NativeMptcp>): true | null;

  xfrmAlloc(p: NativeXfrmParams): Handle | null;
  xfrmHold(h: Handle): void;
  xfrmPut(h: Handle): number;
  xfrmDelete(h: Handle): number;
  xfrmInfo(h: Handle): NativeXfrmInfo;
  xfrmRelease(h: Handle): void;
  xfrmSweep(): void;

  /**
   * bench/js only: `iterations` of a workload's kernel calls in a plain C
   * loop (csrc/napi/bench.cc); elapsed ns (CLOCK_MONOTONIC, or this
   * thread's CPU time with `threadCpu`), `null` if an allocation failed.
   */
  benchCLoop(
    workload: 'loop' | 'alloc_free' | 'clone_free' | 'ext_add_reset',
    iterations: number,
    threadCpu?: boolean,
  ): number | null;

  adapterCreate(driver: number): Handle | null;
  adapterDestroy(a: Handle): void;
  adapterRelease(a: Handle): void;
  adapterStateAdd(a: Handle, x: Handle): number;
  adapterStateDelete(a: Handle, x: Handle): number;
  adapterRx(a: Handle, skb: Handle, desc: { statusError?: number; pktInfo?: number; ftMetadata?: number }): number;
  adapterXmit(a: Handle, skb: Handle): { ret: number; verdict: number };
  adapterOffloadOk(a: Handle, skb: Handle, x: Handle): number;
  adapterFeaturesCheck(a: Handle, skb: Handle, features: bigint): bigint | number;
  adapterCounters(a: Handle): Record<string, number>;
  adapterSetKnob(a: Handle, knob: number, value: number): number;
  adapterRxHandle(a: Handle, x: Handle): number;
  driverName(driver: number): string | null;
  espBuildSkb(p: NativeEspParams): Handle | null;
  espPrepareTx(skb: Handle, x: Handle, innerProto: number): number;
  stateSetAead(x: Handle, alg: string, key: Uint8Array, keyBits: number, icvBits: number): number;

  tcpSegBuild(d: NativeTcpSegDesc): Handle | null;
  mptcpWriteDss(skb: Handle): number;
  mptcpParseDss(skb: Handle): number;
  mptcpUpdateDataCsum(skb: Handle): number;
  mptcpValidateDataCsum(skb: Handle): number;
}

/** `struct tcp_seg_desc` (net/mptcp.h); numbers in host order. */
export interface NativeTcpSegDesc {
  ipv6?: boolean;
  saddr: Uint8Array;
  daddr: Uint8Array;
  sport?: number;
  dport?: number;
  seq?: number;
  ackSeq?: number;
  tcpFlags?: number;
  window?: number;
  options?: Uint8Array;
  payload?: Uint8Array;
}

export interface NativeEspParams {
  family?: number;
  saddr?: Uint8Array;
  daddr?: Uint8Array;
  spi?: number;
  seq?: number;
  proto?: number;
  innerProto?: number;
  ipOptLen?: number;
  ipv6Ext?: number;
  payloadLen?: number;
  icvLen?: number;
}

/** The package's top folder (holds package.json), from lib/ or dist/lib/. */
export function packageRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj) && JSON.parse(fs.readFileSync(pj, 'utf8')).name === 'skbext') return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(__dirname, '..');
    dir = up;
  }
}

/**
 * Where a build may have put the addon, in the order they are tried:
 * `$SKBEXT_ADDON`; then what node-gyp-build picks (a source build in
 * build/Release or build/Debug, else the prebuild in prebuilds/ that fits
 * this platform, architecture and libc); then a cmake-js build.
 */
export function addonCandidates(root = packageRoot()): string[] {
  const env = process.env.SKBEXT_ADDON;
  let picked: string[] = [];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ngb = require('node-gyp-build') as { path(dir: string): string };
    picked = [ngb.path(root)];
  } catch {
    /* no source build and no prebuild for this machine */
  }
  return [
    ...(env ? [path.resolve(env)] : []),
    ...picked,
    path.join(root, 'build-cmake', 'Release', 'skbext.node'),
    path.join(root, 'build-cmake', 'skbext.node'),
  ];
}

function load(): NativeAddon {
  const tried = addonCandidates();
  const file = tried.find((f) => fs.existsSync(f));
  if (!file) {
    throw new AddonNotBuiltError(
      `the skbext addon is not built and no prebuild fits ${process.platform}-${process.arch} ` +
        `(looked in build/, prebuilds/ and build-cmake/ under ${packageRoot()}): ` +
        'run `npm rebuild skbext --build-from-source` (needs gcc/g++, make, python3)',
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const addon = require(file) as NativeAddon;
  addon.setErrorClasses({
    AdapterDestroyedError,
    SkbFreedError,
    SkbHeadReleasedError,
    XfrmStateFreedError,
    SecpathFullError,
    ExtGoneError,
    SkbBusyError,
  });
  return addon;
}

let cached: NativeAddon | undefined;

/** The addon of this thread (each worker_thread loads its own instance). */
export function native(): NativeAddon {
  if (!cached) cached = load();
  return cached;
}

/** The path of the addon file that was (or would be) loaded. */
export function addonPath(): string | undefined {
  return addonCandidates().find((f) => fs.existsSync(f));
}
