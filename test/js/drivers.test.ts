// SPDX-License-Identifier: GPL-2.0-only
/**
 * The driver call sites from TypeScript: for each driver and path the
 * verdict, the counters, the sec_path and the state refcounts before and
 * after, error paths included; then one scenario across drivers.
 */
import {
  Skb,
  XfrmState,
  stats,
  flushWork,
  faults,
  Ixgbe,
  Ixgbevf,
  Mlx5,
  Chelsio,
  Netdevsim,
  Adapter,
  KNOB,
  buildEspPacket,
  prepareTx,
  NETDEV_TX_OK,
  NETDEV_TX_BUSY,
  XFRM_MODE,
} from '../../lib';

const SADDR = '192.0.2.1';
const DADDR = '192.0.2.2';
const SADDR6 = '2001:db8::1';
const DADDR6 = '2001:db8::2';
const KEY = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0xa1, 0xa2, 0xa3, 0xa4]);
const CRYPTO_DONE = 2;
const CRYPTO_SUCCESS = 1;
const CRYPTO_TUNNEL_ESP_AUTH_FAILED = 32;
const CRYPTO_INVALID_PACKET_SYNTAX = 64;
const EINVAL = -22;

/** An ESP state with rfc4106(gcm(aes)), offloadable by every driver here. */
function gcmState(dir: 'in' | 'out', spi: number, v6 = false): XfrmState {
  const x = XfrmState.alloc({ spi, daddr: v6 ? DADDR6 : DADDR, saddr: v6 ? SADDR6 : SADDR, dir })!;
  expect(x.setAead({ name: 'rfc4106(gcm(aes))', key: KEY, icvBits: 128 })).toBe(0);
  return x;
}

function frame(spi: number, opts: { v6?: boolean; proto?: 'esp' | 'ah' } = {}): Skb {
  return buildEspPacket({
    saddr: opts.v6 ? SADDR6 : SADDR,
    daddr: opts.v6 ? DADDR6 : DADDR,
    spi,
    seq: 7,
    proto: opts.proto,
  })!;
}

let live0 = 0;
beforeEach(() => {
  live0 = stats().live;
});
afterEach(() => {
  expect(stats().live).toBe(live0);
});

function rxOffloads(a: Ixgbe | Ixgbevf | Mlx5, rx: (skb: Skb, x: XfrmState) => ReturnType<Ixgbe['rx']>, v6 = false) {
  const x = gcmState('in', 0x100, v6);
  expect(a.addState(x)).toBe(0);
  const skb = frame(0x100, { v6 });
  expect(x.refcnt).toBe(1);
  expect(rx(skb, x)).toEqual({ verdict: 'offloaded', errno: 0 });
  const sp = skb.secPath!;
  expect(sp.len).toBe(1);
  expect(sp.olen).toBe(1);
  expect(sp.xvec[0]).toBe(x);
  expect(sp.ovec[0].flags).toBe(CRYPTO_DONE);
  expect(sp.ovec[0].status).toBe(CRYPTO_SUCCESS);
  expect(x.refcnt).toBe(2);
  skb.free();
  expect(x.refcnt).toBe(1);
  x.delete();
}

describe('ixgbe', () => {
  test('Rx: ESP over IPv4 with a known SA gets a sec_path holding the state, CRYPTO_DONE/CRYPTO_SUCCESS', () => {
    const a = new Ixgbe();
    rxOffloads(a, (skb) => a.rx(skb));
    expect(a.counters().rx_ipsec).toBe(1);
    a.destroy();
  });

  test('Rx: ESP over IPv6', () => {
    const a = new Ixgbe();
    rxOffloads(a, (skb) => a.rx(skb, { ipv6: true }), true);
    a.destroy();
  });

  test('Rx: no SA for the SPI passes the frame without a sec_path', () => {
    const a = new Ixgbe();
    const x = gcmState('in', 0x100);
    a.addState(x);
    const skb = frame(0x999);
    expect(a.rx(skb).verdict).toBe('passed');
    expect(skb.secPath).toBeNull();
    expect(x.refcnt).toBe(1);
    expect(a.counters().rx_ipsec).toBe(0);
    skb.free();
    x.delete();
    a.destroy();
  });

  test('Rx: a descriptor without SECP does not run the hook', () => {
    const a = new Ixgbe();
    const skb = frame(0x100);
    expect(a.rx(skb, { secp: false }).verdict).toBe('not-ipsec');
    skb.free();
    a.destroy();
  });

  test('Rx: a secpath allocation failure leaves no sec_path and (as 6.1 does) one reference too many', () => {
    const a = new Ixgbe();
    const x = gcmState('in', 0x100);
    a.addState(x);
    const skb = frame(0x100);
    faults.failNth(1);
    expect(a.rx(skb).verdict).toBe('passed');
    expect(skb.activeExtensions).toEqual([]);
    expect(x.refcnt).toBe(2); // ixgbe_ipsec_rx returns without xfrm_state_put()
    x.put();
    skb.free();
    x.delete();
    a.destroy();
  });

  test('Rx: an skb already carrying states is refused with -EINVAL', () => {
    const a = new Ixgbe();
    const x = gcmState('in', 0x100);
    a.addState(x);
    const skb = frame(0x100);
    skb.secpathSet()!.pushState(x);
    expect(a.rx(skb)).toEqual({ verdict: null, errno: EINVAL });
    skb.free();
    x.delete();
    a.destroy();
  });

  test('Tx: an offloaded frame is sent, counted, and its state reference given back', () => {
    const a = new Ixgbe();
    const x = gcmState('out', 0x200);
    expect(a.addState(x)).toBe(0);
    const skb = frame(0x200);
    expect(prepareTx(skb, x)).toBe(0);
    expect(x.refcnt).toBe(2);
    expect(a.offloadOk(skb, x)).toBe(true);
    const consumed = stats().consumeSkb;
    expect(a.xmit(skb)).toEqual({ ret: NETDEV_TX_OK, verdict: 'sent' });
    expect(stats().consumeSkb).toBe(consumed + 1);
    expect(x.refcnt).toBe(1);
    const c = a.counters();
    expect(c.tx_ipsec).toBe(1);
    expect(c.tx_packets).toBe(1);
    x.delete();
    a.destroy();
  });

  test('Tx: the Skb is dead after xmit', () => {
    const a = new Ixgbe();
    const skb = frame(0x200);
    a.xmit(skb);
    let code: string | undefined;
    try {
      skb.free();
    } catch (e) {
      code = (e as { code?: string }).code;
    }
    expect(code).toBe('ERR_SKB_FREED');
    a.destroy();
  });

  test('Tx: a state not offloaded to this adapter drops the frame', () => {
    const a = new Ixgbe();
    const x = gcmState('out', 0x200); // never added
    const skb = frame(0x200);
    prepareTx(skb, x);
    const r = a.xmit(skb);
    expect(r.verdict).toBe('dropped');
    expect(x.refcnt).toBe(1);
    expect(a.counters().tx_ipsec).toBe(0);
    x.delete();
    a.destroy();
  });

  test('SA add: a Tx state while VFs are enabled is not offloaded (-EOPNOTSUPP answers 0, xso.dev stays NULL)', () => {
    const a = new Ixgbe();
    expect(a.setKnob(KNOB.IXGBE_NUM_VFS, 2)).toBe(0);
    const x = gcmState('out', 0x300);
    expect(a.addState(x)).toBe(0);
    expect(a.counters().num_tx_sa).toBe(0);
    x.delete();
    a.destroy();
  });

  test('SA add: a state without an AEAD is refused with -EINVAL', () => {
    const a = new Ixgbe();
    const x = XfrmState.alloc({ spi: 1, daddr: DADDR, dir: 'in' })!;
    expect(a.addState(x)).toBe(EINVAL);
    x.delete();
    a.destroy();
  });
});

describe('ixgbevf', () => {
  test('Rx: ESP over IPv4 offloaded through the PF-programmed SA', () => {
    const a = new Ixgbevf();
    rxOffloads(a, (skb) => a.rx(skb));
    expect(a.counters().rx_ipsec).toBe(1);
    expect(a.counters().mbx_writes).toBeGreaterThan(0);
    a.destroy();
  });

  test('Rx: no SA passes the frame', () => {
    const a = new Ixgbevf();
    const skb = frame(0x100);
    expect(a.rx(skb).verdict).toBe('passed');
    expect(skb.secPath).toBeNull();
    skb.free();
    a.destroy();
  });

  test('SA add: the PF refusing the request fails the add', () => {
    const a = new Ixgbevf();
    a.setKnob(KNOB.IXGBEVF_PF_NACK, 1);
    const x = gcmState('in', 0x100);
    expect(a.addState(x)).toBeLessThan(0);
    expect(a.counters().num_rx_sa).toBe(0);
    x.delete();
    a.destroy();
  });

  test('Tx: an offloaded frame is sent; one whose state has no Tx SA here is dropped', () => {
    const a = new Ixgbevf();
    const x = gcmState('out', 0x200);
    const other = gcmState('out', 0x201); // never added: no offload handle
    expect(a.addState(x)).toBe(0);
    const skb = frame(0x200);
    prepareTx(skb, x);
    expect(a.xmit(skb).verdict).toBe('sent');
    expect(a.counters().tx_ipsec).toBe(1);
    const bad = frame(0x201);
    prepareTx(bad, other);
    expect(a.xmit(bad).verdict).toBe('dropped');
    expect(a.counters().tx_ipsec).toBe(1);
    expect(x.refcnt).toBe(1);
    expect(other.refcnt).toBe(1);
    x.delete();
    other.delete();
    a.destroy();
  });

  test('Tx: an empty sec_path has no xfrm_offload(), so the hook is skipped and the frame sent', () => {
    const a = new Ixgbevf();
    const bare = frame(0x200);
    bare.secpathSet();
    expect(a.xmit(bare).verdict).toBe('sent');
    expect(a.counters().tx_ipsec).toBe(0);
    a.destroy();
  });
});

describe('mlx5', () => {
  test('Rx: the SA handle in the CQE metadata finds the state; decrypted maps to CRYPTO_SUCCESS', () => {
    const a = new Mlx5();
    rxOffloads(a, (skb, x) => a.rx(skb, { state: x }));
    a.destroy();
  });

  test.each([
    ['auth-failed', CRYPTO_TUNNEL_ESP_AUTH_FAILED],
    ['bad-trailer', CRYPTO_INVALID_PACKET_SYNTAX],
    [7, 0], // 6.1 leaves the status unset and counts ipsec_rx_drop_syndrome
  ] as const)('Rx: syndrome %p maps to status %p', (syndrome, status) => {
    const a = new Mlx5();
    const x = gcmState('in', 0x100);
    a.addState(x);
    const skb = frame(0x100);
    expect(a.rx(skb, { state: x, syndrome }).verdict).toBe('offloaded');
    expect(skb.secPath!.ovec[0].status).toBe(status);
    expect(a.counters().ipsec_rx_drop_syndrome).toBe(status === 0 ? 1 : 0);
    skb.free();
    x.delete();
    a.destroy();
  });

  test('Rx: an unknown SA handle is a SADB miss, counted, no sec_path left', () => {
    const a = new Mlx5();
    const skb = frame(0x100);
    expect(a.rx(skb, { handle: 12345 }).verdict).toBe('passed');
    expect(skb.secPath).toBeNull();
    expect(a.counters().ipsec_rx_drop_sadb_miss).toBe(1);
    skb.free();
    a.destroy();
  });

  test('Rx: a sec_path allocation failure is counted as ipsec_rx_drop_sp_alloc', () => {
    const a = new Mlx5();
    const x = gcmState('in', 0x100);
    a.addState(x);
    const skb = frame(0x100);
    faults.failNth(1);
    expect(a.rx(skb, { state: x }).verdict).toBe('passed');
    expect(a.counters().ipsec_rx_drop_sp_alloc).toBe(1);
    expect(x.refcnt).toBe(1);
    skb.free();
    x.delete();
    a.destroy();
  });

  test('Tx: an offloaded frame is sent; the feature check keeps the features for it', () => {
    const a = new Mlx5();
    const x = gcmState('out', 0x200);
    expect(a.addState(x)).toBe(0);
    const skb = frame(0x200);
    prepareTx(skb, x);
    const features = (1n << 50n) | (1n << 51n); // NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM
    expect(a.featuresCheck(skb, features)).toBe(features);
    expect(a.xmit(skb).verdict).toBe('sent');
    expect(x.refcnt).toBe(1);
    x.delete();
    a.destroy();
  });

  test('Tx: tunnel mode records the inner protocol (xfrm_get_inner_ipproto), which the checksum and feature checks follow', () => {
    const a = new Mlx5();
    const x = XfrmState.alloc({ spi: 0x200, daddr: DADDR, saddr: SADDR, dir: 'out', mode: XFRM_MODE.TUNNEL })!;
    expect(x.setAead({ name: 'rfc4106(gcm(aes))', key: KEY, icvBits: 128 })).toBe(0);
    expect(a.addState(x)).toBe(0);
    const espSg = (1n << 50n) | 1n; // NETIF_F_HW_ESP | NETIF_F_SG
    const features = espSg | (1n << 3n) | (1n << 16n); // and NETIF_F_HW_CSUM | NETIF_F_TSO
    for (const [inner, kept] of [
      [6, features],
      [17, features],
      [1, espSg],
    ] as const) {
      const skb = frame(0x200);
      expect(prepareTx(skb, x, inner)).toBe(0);
      expect(skb.secPath!.ovec[0].innerIpproto).toBe(inner);
      // an inner protocol other than TCP or UDP loses checksum and GSO offload
      expect(a.featuresCheck(skb, features)).toBe(kept);
      expect(a.xmit(skb).verdict).toBe('sent');
    }
    // the inner-checksum branch sets the inner flags and counts nothing
    expect(a.counters().tx_csum_partial_inner).toBe(0);
    expect(a.counters().tx_packets).toBe(3);
    expect(x.refcnt).toBe(1);
    x.delete();
    a.destroy();
  });

  test('Tx: transport mode leaves the inner protocol 0', () => {
    const x = gcmState('out', 0x200);
    const skb = frame(0x200);
    expect(prepareTx(skb, x, 17)).toBe(0);
    expect(skb.secPath!.ovec[0].proto).toBe(17);
    expect(skb.secPath!.ovec[0].innerIpproto).toBe(0);
    skb.free();
    x.delete();
  });

  test('Tx: a state with no offload handle is dropped and counted as ipsec_tx_drop_not_ip', () => {
    const a = new Mlx5();
    const soft = gcmState('out', 0x201); // not offloaded
    const skb = frame(0x201);
    prepareTx(skb, soft);
    const drops = stats().kfreeSkb;
    expect(a.xmit(skb).verdict).toBe('dropped');
    expect(stats().kfreeSkb).toBe(drops + 1);
    expect(a.counters().ipsec_tx_drop_not_ip).toBe(1);
    expect(a.counters().tx_packets).toBe(0);
    expect(soft.refcnt).toBe(1);
    soft.delete();
    a.destroy();
  });
});

describe('chelsio', () => {
  test('Tx: an offloaded frame passes the offload-ok check and is sent', () => {
    const a = new Chelsio();
    const x = gcmState('out', 0x200);
    expect(a.addState(x)).toBe(0);
    const skb = frame(0x200);
    prepareTx(skb, x);
    expect(a.offloadOk(skb, x)).toBe(true);
    expect(a.xmit(skb)).toEqual({ ret: NETDEV_TX_OK, verdict: 'sent' });
    expect(x.refcnt).toBe(1);
    x.delete();
    a.destroy();
  });

  test('Tx: a state with no SA entry answers NETDEV_TX_BUSY (mapping_err counted)', () => {
    const a = new Chelsio();
    const x = gcmState('out', 0x200);
    const skb = frame(0x200);
    prepareTx(skb, x);
    const r = a.xmit(skb);
    expect(r.verdict === 'busy' || r.verdict === 'dropped').toBe(true);
    if (r.verdict === 'busy') expect(r.ret).toBe(NETDEV_TX_BUSY);
    expect(x.refcnt).toBe(1);
    x.delete();
    a.destroy();
  });

  test('Rx: chelsio has no Rx offload in 6.1 (-EOPNOTSUPP)', () => {
    const a = new Chelsio() as Adapter;
    expect(a.counters()).toHaveProperty('mapping_err');
    a.destroy();
  });
});

describe('netdevsim', () => {
  test('Tx: nsim_ipsec_offload_ok counts ok, nsim_ipsec_tx counts tx for a valid SA', () => {
    const a = new Netdevsim();
    const x = gcmState('out', 0x200);
    expect(a.addState(x)).toBe(0);
    expect(a.counters().count).toBe(1);
    const skb = frame(0x200);
    prepareTx(skb, x);
    expect(a.offloadOk(skb, x)).toBe(true);
    expect(a.counters().ok).toBe(1);
    expect(a.xmit(skb).verdict).toBe('sent');
    expect(a.counters().tx).toBe(1);
    x.delete();
    expect(a.counters().count).toBe(0);
    a.destroy();
  });

  test('Tx: a frame without a sec_path is sent and not counted as IPsec', () => {
    const a = new Netdevsim();
    const skb = frame(0x200);
    expect(a.xmit(skb).verdict).toBe('sent');
    expect(a.counters().tx).toBe(0);
    a.destroy();
  });

  test('Tx: a sec_path holding no state is dropped (nsim_ipsec_tx: no xfrm state len = 0)', () => {
    const a = new Netdevsim();
    const skb = frame(0x200);
    skb.secpathSet();
    expect(a.xmit(skb).verdict).toBe('dropped');
    expect(a.counters().tx).toBe(0);
    a.destroy();
  });

  test('Tx: a state deleted from the device drops the frame', () => {
    const a = new Netdevsim();
    const x = gcmState('out', 0x200);
    a.addState(x);
    const skb = frame(0x200);
    prepareTx(skb, x);
    expect(a.deleteState(x)).toBe(0);
    expect(a.xmit(skb).verdict).toBe('dropped');
    expect(a.counters().tx).toBe(0);
    x.delete();
    a.destroy();
  });
});

describe('across drivers', () => {
  test('Rx through ixgbe, bridge, clone for a second port, Tx through netdevsim: every refcount returns to where it started', () => {
    const rxDev = new Ixgbe();
    const txDev = new Netdevsim();
    const xin = gcmState('in', 0x100);
    const xout = gcmState('out', 0x200);
    expect(rxDev.addState(xin)).toBe(0);
    expect(txDev.addState(xout)).toBe(0);
    const start = { xin: xin.refcnt, xout: xout.refcnt };

    const skb = frame(0x100);
    expect(rxDev.rx(skb).verdict).toBe('offloaded');
    expect(xin.refcnt).toBe(start.xin + 1);
    expect(skb.nfBridgeAlloc()).not.toBeNull();
    const port2 = skb.clone()!;
    expect(port2.sharesExtWith(skb)).toBe(true);
    expect(skb.extRefcnt).toBe(2);
    expect(xin.refcnt).toBe(start.xin + 1);

    expect(prepareTx(port2, xout)).toBe(0); // a fresh sec_path: COW of the shared block
    expect(port2.sharesExtWith(skb)).toBe(false);
    expect(xout.refcnt).toBe(start.xout + 1);
    expect(txDev.offloadOk(port2, xout)).toBe(true);
    expect(txDev.xmit(port2).verdict).toBe('sent');
    expect(txDev.counters().tx).toBe(1);
    skb.free();

    expect(xin.refcnt).toBe(start.xin);
    expect(xout.refcnt).toBe(start.xout);
    xin.delete();
    xout.delete();
    rxDev.destroy();
    txDev.destroy();
    expect(stats().live).toBe(live0);
  });
});

describe('deferred work: the xfrm state GC', () => {
  test('the last put queues the state; the device hears xdo_dev_state_free only when the work runs', () => {
    const dev = new Chelsio();
    const x = XfrmState.alloc({ spi: 0x100, daddr: '192.0.2.2', dir: 'out' })!;
    x.setAead({ name: 'rfc4106(gcm(aes))', key: new Uint8Array(20), icvBits: 128 });
    dev.addState(x);
    expect(dev.counters().sa_entries).toBe(1);
    x.delete();
    // 6.1: xfrm_state_put() put the state on xfrm_state_gc_list
    expect(dev.counters().sa_entries).toBe(1);
    expect(flushWork()).toBe(1);
    expect(dev.counters().sa_entries).toBe(0);
    expect(flushWork()).toBe(0);
    dev.destroy();
  });

  test('destroying a device runs the queued work first, as unregister waits for its states', () => {
    const dev = new Mlx5();
    const x = XfrmState.alloc({ spi: 0x101, daddr: '192.0.2.2', dir: 'in' })!;
    x.setAead({ name: 'rfc4106(gcm(aes))', key: new Uint8Array(20), icvBits: 128 });
    dev.addState(x);
    x.delete();
    dev.destroy();
    expect(flushWork()).toBe(0);
  });
});
