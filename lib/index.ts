// SPDX-License-Identifier: GPL-2.0-only
/**
 * skbext: Linux 6.1's sk_buff extension infrastructure, in userspace.
 *
 * `Skb` and `XfrmState` mirror `struct sk_buff` and `struct xfrm_state`;
 * their methods are the kernel's functions in camelCase. The op-tape
 * format and its reference model read the ops, extension ids and
 * drivers from the addon's tables (./tables.ts), as everything else here
 * reads the addon.
 */
export * from './tape/format';
export { TapeModel, predictTrace, countAllocations, FULL_CONFIG, buildModelConfig } from './tape/model';
export type { ModelConfig } from './tape/model';
export * from './errors';
export { Skb, SecPathView, NfBridgeView, MptcpView, ExtView, SKB_EXT_NAMES, skbExtIds } from './skb';
export type { SkbExtName, ExtViews, AnyExtView, SkbInfo, FcloneKind, XfrmOffload, GsoOptions } from './skb';
export type { SkbExtState, SkbExtLayout } from './skb';
export { config } from './config';
export type { SkbextConfig } from './config';
export {
  XfrmState,
  XFRM_STATE,
  XFRM_DEV_OFFLOAD,
  XFRM_MODE,
  XFRM_PROTOS,
  XFRM_DIRS,
  IPPROTO,
  AF_INET,
  AF_INET6,
  ESRCH,
  CRYPTO_SUCCESS,
  CRYPTO_GENERIC_ERROR,
  CRYPTO_TRANSPORT_AH_AUTH_FAILED,
  CRYPTO_TRANSPORT_ESP_AUTH_FAILED,
  CRYPTO_TUNNEL_AH_AUTH_FAILED,
  CRYPTO_TUNNEL_ESP_AUTH_FAILED,
  CRYPTO_INVALID_PACKET_SYNTAX,
  CRYPTO_INVALID_PROTOCOL,
  CRYPTO_DONE,
  CRYPTO_NEXT_DONE,
  CRYPTO_FALLBACK,
} from './xfrm';
export type { XfrmStateParams, XfrmStateInfo, XfrmAeadParams, XfrmProto, XfrmDir } from './xfrm';
export type { NativeMptcp, NativeNfBridge, NativeTcExt, NativeXfrmOffload } from './addon';
export { stats, threadStats, cacheLive, flushWork, faults, debug } from './stats';
export type { SkbextStats, SlabCacheStats } from './stats';
export { layout, parseLayout, formatLayout, formatConfig } from './layout';
export type { StructLayout, LayoutField, LayoutHole } from './layout';
export { runTape } from './tape/run';
export type { RunTapeOptions } from './tape/run';
export type { TapeRunResult } from './tape/run';
export { ipBytes, ipText } from './net';
export { addonPath } from './addon';
export {
  Adapter,
  Ixgbe,
  Ixgbevf,
  Mlx5,
  Chelsio,
  Netdevsim,
  KNOB,
  NETDEV_TX_OK,
  NETDEV_TX_BUSY,
  buildEspPacket,
  prepareTx,
} from './drivers';
export type {
  DriverName,
  KnobName,
  RxVerdict,
  TxVerdict,
  RxResult,
  TxResult,
  IxgbeRxDesc,
  Mlx5RxDesc,
  EspPacketParams,
} from './drivers';
export {
  buildTcpSegment,
  writeDss,
  parseDss,
  updateDataCsum,
  validateDataCsum,
  pcapBytes,
  writePcap,
  dssVariants,
  buildDssVariant,
  TCPHDR,
  MPTCP_ERRNO,
  LINKTYPE_RAW,
  LINKTYPE_ETHERNET,
} from './mptcp';
export type { TcpSegmentParams, PcapOptions, DssVariant } from './mptcp';
