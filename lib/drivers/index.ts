// SPDX-License-Identifier: GPL-2.0-only
/**
 * The IPsec offload call sites of five drivers (csrc/drivers, at the
 * kernel's paths), one class per driver: make a device, offload states to
 * it (`xdo_dev_state_add`), hand it received frames as its Rx path would
 * see them, and transmit (`ndo_start_xmit`, which takes the skb).
 */
import { Handle, native } from '../addon';
import { InspectOptionsStylized, inspect } from 'util';
import { NoMemoryError, outOfRange } from '../errors';
import { ipPair } from '../net';
import { ParamSpec, checkParams } from '../params';
import { tables } from '../tables';
import { Skb } from '../skb';
import { AF_INET, AF_INET6, IPPROTO, XfrmState } from '../xfrm';
import { leakRegistry } from '../leaks';

export type DriverName = 'ixgbe' | 'ixgbevf' | 'mlx5' | 'chelsio' | 'netdevsim';

/** `enum skbext_driver` of a driver (the addon's table). */
function driverId(name: DriverName): number {
  const id = tables().drivers.indexOf(name);
  if (id < 0) throw outOfRange(`no driver '${name}' in the addon; drivers: ${tables().drivers.join(', ')}`);
  return id;
}

/** What the Rx hook did (`enum skbext_rx_verdict`). */
export type RxVerdict = 'not-ipsec' | 'passed' | 'offloaded';
const RX_VERDICTS: RxVerdict[] = ['not-ipsec', 'passed', 'offloaded'];
/** What became of a transmitted frame (`enum skbext_tx_verdict`). */
export type TxVerdict = 'sent' | 'dropped' | 'busy';
const TX_VERDICTS: TxVerdict[] = ['sent', 'dropped', 'busy'];

/** `NETDEV_TX_OK` and `NETDEV_TX_BUSY`. */
export const NETDEV_TX_OK = 0;
export const NETDEV_TX_BUSY = 0x10;

/** The result of an Rx hook: a verdict, or the negative errno the adapter answered. */
export interface RxResult {
  verdict: RxVerdict | null;
  errno: number;
}
/** The result of `xmit()`: what `ndo_start_xmit` returned and what became of the frame. */
export interface TxResult {
  ret: number;
  verdict: TxVerdict;
}

/** The names of `enum skbext_knob`, without the prefix. */
export type KnobName =
  'IXGBE_NUM_VFS' | 'IXGBE_BRIDGE_VEPA' | 'IXGBEVF_PF_IPSEC' | 'IXGBEVF_PF_NACK' | 'IXGBEVF_MBX_FAIL' | 'MLX5_ESN_CAP';
/** Test knobs: what the hardware or the PF would decide (`enum skbext_knob`, from the addon). */
export const KNOB = tables().knobs as Readonly<Record<KnobName, number>>;

const registry = leakRegistry('an Adapter', 'destroy()', (h) => native().adapterRelease(h));

function rxResult(r: number): RxResult {
  return r < 0 ? { verdict: null, errno: r } : { verdict: RX_VERDICTS[r] ?? null, errno: 0 };
}

/** One net_device of one driver, with its offload tables as probe sets them up. */
export class Adapter {
  readonly #h: Handle;
  /** The driver's name as the kernel spells it (`ixgbe`, `mlx5_core`, ...). */
  readonly driverName: string;

  /**
   * The driver's probe. Throws `NoMemoryError` (`ERR_NO_MEMORY`) when one
   * of its allocations fails, as the probe returns `-ENOMEM`; nothing is
   * left allocated then.
   */
  protected constructor(driver: DriverName) {
    const id = driverId(driver);
    const h = native().adapterCreate(id);
    if (h === null) throw new NoMemoryError(`${driver}: probe failed with -ENOMEM (an allocation failed)`);
    this.#h = h;
    this.driverName = native().driverName(id) ?? driver;
    registry.register(this, h, this);
  }

  /** @internal */
  protected get handle(): Handle {
    return this.#h;
  }

  /**
   * `xfrm_dev_state_add()` for this device: `x`'s `dir` ('in'/'out' at
   * alloc) picks the Rx or Tx table, the driver's `xdo_dev_state_add`
   * fills it. Returns 0 or a negative errno; a driver's -EOPNOTSUPP
   * leaves the state un-offloaded and answers 0, as the kernel does.
   */
  addState(x: XfrmState): number {
    return native().adapterStateAdd(this.#h, XfrmState.handleOf(x));
  }

  /** `xdo_dev_state_delete` + `xdo_dev_state_free`: 0, or -EINVAL if `x` is not ours. */
  deleteState(x: XfrmState): number {
    return native().adapterStateDelete(this.#h, XfrmState.handleOf(x));
  }

  /**
   * `ndo_start_xmit` and the Tx completion. Takes the skb (the `Skb` is
   * dead afterwards, whatever the verdict).
   */
  xmit(skb: Skb): TxResult {
    const r = native().adapterXmit(this.#h, Skb.handleOf(skb));
    Skb.consumed(skb);
    return { ret: r.ret, verdict: TX_VERDICTS[r.verdict] ?? 'dropped' };
  }

  /** `xdo_dev_offload_ok(skb, x)`. */
  offloadOk(skb: Skb, x: XfrmState): boolean {
    const r = native().adapterOffloadOk(this.#h, Skb.handleOf(skb), XfrmState.handleOf(x));
    if (r < 0) throw outOfRange(`offload_ok: ${r} (is the state offloaded to this adapter?)`);
    return r === 1;
  }

  /** The driver's counters under the kernel's names (ethtool -S or the struct field). */
  counters(): Record<string, number> {
    return native().adapterCounters(this.#h);
  }

  /** Set what the hardware or PF would decide (`KNOB.*`); 0 or -EINVAL. */
  setKnob(knob: number, value: number): number {
    return native().adapterSetKnob(this.#h, knob, value);
  }

  /** Tear the device down: every state still offloaded is deleted from it. */
  destroy(): void {
    native().adapterDestroy(this.#h);
    registry.unregister(this);
  }

  /** `console.log(dev)`: the driver and its counters; `Ixgbe <destroyed>` after `destroy()`. */
  [inspect.custom](_depth: number, options: InspectOptionsStylized, ins: typeof inspect): string {
    const name = this.constructor.name;
    let counters;
    try {
      counters = this.counters();
    } catch {
      return options.stylize(`${name} <destroyed>`, 'special');
    }
    const depth = options.depth == null ? options.depth : options.depth - 1;
    return `${name} ${ins({ driver: this.driverName, counters }, { ...options, depth })}`;
  }
}

/** ixgbe / ixgbevf Rx descriptor bits (wb.upper.status_error, pkt_info). */
export interface IxgbeRxDesc {
  /** IXGBE_RXDADV_STAT_SECP set: the hook runs. Default true. */
  secp?: boolean;
  /** The packet type the NIC parsed. Default IPv4 + ESP. */
  ipv6?: boolean;
  proto?: 'esp' | 'ah';
  /** Raw values, overriding the above. */
  statusError?: number;
  pktInfo?: number;
}

const IXGBE_DESC_SPEC: ParamSpec<IxgbeRxDesc> = {
  secp: 'any',
  ipv6: 'any',
  proto: 'any',
  statusError: 'any',
  pktInfo: 'any',
};

function ixgbeDesc(d: IxgbeRxDesc) {
  checkParams('rx() descriptor', d, IXGBE_DESC_SPEC);
  const statusError = d.statusError ?? (d.secp === false ? 0 : 0x00020000);
  const pktInfo = d.pktInfo ?? (d.ipv6 ? 0x0040 : 0x0010) | (d.proto === 'ah' ? 0x2000 : 0x1000);
  return { statusError, pktInfo };
}

/** drivers/net/ethernet/intel/ixgbe (ixgbe_ipsec.c, ixgbe_main.c). */
export class Ixgbe extends Adapter {
  constructor() {
    super('ixgbe');
  }
  /**
   * `ixgbe_ipsec_rx()` as `ixgbe_process_skb_fields()` calls it. When
   * `secpath_set()` fails the frame goes up without offload (`'passed'`)
   * and, as in 6.1, the reference the SA lookup took on the state stays
   * taken (the driver returns without putting it): a leak of 6.1 the port
   * keeps.
   */
  rx(skb: Skb, desc: IxgbeRxDesc = {}): RxResult {
    return rxResult(native().adapterRx(this.handle, Skb.handleOf(skb), ixgbeDesc(desc)));
  }
  /** The Rx table index of an offloaded Rx state. */
  rxHandle(x: XfrmState): number {
    return native().adapterRxHandle(this.handle, XfrmState.handleOf(x));
  }
}

/** drivers/net/ethernet/intel/ixgbevf (ipsec.c): SAs go through the PF mailbox. */
export class Ixgbevf extends Adapter {
  constructor() {
    super('ixgbevf');
  }
  /**
   * `ixgbevf_ipsec_rx()`. As in `Ixgbe.rx()`, a failed `secpath_set()`
   * answers `'passed'` and leaves the lookup's state reference taken (6.1).
   */
  rx(skb: Skb, desc: IxgbeRxDesc = {}): RxResult {
    return rxResult(native().adapterRx(this.handle, Skb.handleOf(skb), ixgbeDesc(desc)));
  }
}

/** mlx5 Rx metadata: which SA the CQE names and what the hardware found. */
export interface Mlx5RxDesc {
  /** The offloaded Rx state whose SA handle the CQE carries. */
  state?: XfrmState;
  /** Or the raw SA handle (for an unknown one: a SADB miss). */
  handle?: number;
  /** MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_*. Default 'decrypted'. */
  syndrome?: 'decrypted' | 'auth-failed' | 'bad-trailer' | number;
  /** The IPsec marker bit of ft_metadata. Default true. */
  ipsec?: boolean;
}

const MLX5_DESC_SPEC: ParamSpec<Mlx5RxDesc> = { state: 'any', handle: 'any', syndrome: 'any', ipsec: 'any' };

const SYNDROMES = { decrypted: 0, 'auth-failed': 1, 'bad-trailer': 2 } as const;

/** drivers/net/ethernet/mellanox/mlx5/core/en_accel/ipsec_rxtx.c. */
export class Mlx5 extends Adapter {
  constructor() {
    super('mlx5');
  }
  /**
   * `mlx5e_ipsec_offload_handle_rx_skb()` for a CQE with this metadata. A
   * failed `secpath_set()` answers `'passed'` and counts
   * `ipsec_rx_drop_sp_alloc`.
   */
  rx(skb: Skb, desc: Mlx5RxDesc = {}): RxResult {
    checkParams('rx() descriptor', desc, MLX5_DESC_SPEC);
    const handle = desc.handle ?? (desc.state ? this.rxHandle(desc.state) : 0);
    const syn = typeof desc.syndrome === 'number' ? desc.syndrome : SYNDROMES[desc.syndrome ?? 'decrypted'];
    if (syn === undefined) throw outOfRange(`unknown syndrome '${String(desc.syndrome)}'`);
    const ftMetadata = desc.ipsec === false ? 0 : ((1 << 31) | ((syn & 0x3f) << 24) | (handle & 0xffffff)) >>> 0;
    return rxResult(native().adapterRx(this.handle, Skb.handleOf(skb), { ftMetadata }));
  }
  /** The SA handle (firmware object id) of an offloaded Rx state; negative errno if none. */
  rxHandle(x: XfrmState): number {
    return native().adapterRxHandle(this.handle, XfrmState.handleOf(x));
  }
  /** `mlx5e_ipsec_feature_check()`: the features left for this skb. */
  featuresCheck(skb: Skb, features: bigint): bigint {
    const r = native().adapterFeaturesCheck(this.handle, Skb.handleOf(skb), features);
    if (typeof r === 'number') throw outOfRange(`features_check: ${r}`);
    return r;
  }
}

/** drivers/net/ethernet/chelsio/inline_crypto/ch_ipsec: Tx offload only. */
export class Chelsio extends Adapter {
  constructor() {
    super('chelsio');
  }
}

/** drivers/net/netdevsim/ipsec.c: `nsim_ipsec_tx()`, Tx only. */
export class Netdevsim extends Adapter {
  constructor() {
    super('netdevsim');
  }
}

/** The frame `buildEspPacket()` makes. */
export interface EspPacketParams {
  saddr: string | Uint8Array;
  daddr: string | Uint8Array;
  /** SPI, host order. */
  spi: number;
  seq?: number;
  proto?: 'esp' | 'ah';
  /** The protected payload's protocol number (default TCP, 6). */
  innerProto?: number;
  payloadLen?: number;
  icvLen?: number;
  /** IPv4 option bytes (multiple of 4, at most 40). */
  ipOptLen?: number;
  /** An IPv6 destination-options header before ESP. */
  ipv6Ext?: boolean;
}

const ESP_PACKET_SPEC: ParamSpec<EspPacketParams> = {
  saddr: 'any',
  daddr: 'any',
  spi: 'any',
  seq: 'any',
  proto: 'any',
  innerProto: 'any',
  payloadLen: 'any',
  icvLen: 'any',
  ipOptLen: 'any',
  ipv6Ext: 'any',
};

/**
 * A real frame in an skb: Ethernet, IPv4 or IPv6 (from the addresses),
 * ESP (header, IV, payload, trailer, ICV) or AH, headers set as a NIC
 * driver finds them. `null` if the allocation fails.
 */
export function buildEspPacket(p: EspPacketParams): Skb | null {
  checkParams('buildEspPacket()', p, ESP_PACKET_SPEC);
  const { saddr, daddr, ipv6 } = ipPair(p.saddr, p.daddr);
  const h = native().espBuildSkb({
    family: ipv6 ? AF_INET6 : AF_INET,
    saddr,
    daddr,
    spi: p.spi,
    seq: p.seq,
    proto: p.proto === 'ah' ? IPPROTO.AH : IPPROTO.ESP,
    innerProto: p.innerProto,
    payloadLen: p.payloadLen,
    icvLen: p.icvLen,
    ipOptLen: p.ipOptLen,
    ipv6Ext: p.ipv6Ext ? 1 : 0,
  });
  return h === null ? null : Skb.fromHandle(h);
}

/**
 * What `xfrm_output()`/`esp_xmit()` do before an offloading device gets
 * the frame: a fresh sec_path holding `x`, `xfrm_offload()` filled in.
 * Returns 0 or a negative errno. On `-ENOMEM` the old sec_path is gone
 * (reset first, as `xfrm_output()` does; the kernel then drops the frame).
 */
export function prepareTx(skb: Skb, x: XfrmState, innerProto = 6): number {
  return native().espPrepareTx(Skb.handleOf(skb), XfrmState.handleOf(x), innerProto);
}
