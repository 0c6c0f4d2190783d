#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// IPsec through two drivers: an ESP frame is decrypted by an mlx5 NIC's
// Rx offload, bridged (nf_bridge) to a second port, and sent out of a
// netdevsim device with Tx offload. Each step prints what the kernel
// would hold: the sec_path, the states' refcounts, the drivers' counters.
//
//   node examples/ipsec-two-drivers.js
'use strict';
const { XfrmState, Mlx5, Netdevsim, buildEspPacket, prepareTx, stats, CRYPTO_DONE, CRYPTO_SUCCESS } = require('skbext');

const key = new Uint8Array(20).map((_, i) => i + 1); // 16 bytes of AES key + 4 of salt
function state(dir, spi, daddr) {
  const x = XfrmState.alloc({ spi, proto: 'esp', saddr: '192.0.2.1', daddr, dir });
  x.setAead({ name: 'rfc4106(gcm(aes))', key, icvBits: 128 });
  return x;
}

const rxDev = new Mlx5(); // mlx5e_ipsec_offload_handle_rx_skb()
const txDev = new Netdevsim(); // nsim_ipsec_tx()
const xin = state('in', 0x1001, '192.0.2.2');
const xout = state('out', 0x2002, '198.51.100.7');
console.log(`addState: mlx5 ${rxDev.addState(xin)}, netdevsim ${txDev.addState(xout)}`);

// Rx: the NIC decrypted the frame and names the SA in the CQE metadata
const skb = buildEspPacket({ saddr: '192.0.2.1', daddr: '192.0.2.2', spi: 0x1001, seq: 1 });
const rx = rxDev.rx(skb, { state: xin });
const o = skb.secPath.ovec[0];
console.log(`rx: ${rx.verdict}; sec_path len ${skb.secPath.len}, olen ${skb.secPath.olen}`);
console.log(
  `    xvec[0] is xin: ${skb.secPath.xvec[0] === xin}, status CRYPTO_SUCCESS: ${o.status === CRYPTO_SUCCESS}, flags CRYPTO_DONE: ${o.flags === CRYPTO_DONE}`,
);
console.log(`    xin refcnt ${xin.refcnt} (the table's and the sec_path's)`);

// the bridge: nf_bridge on the frame, a clone for the second port shares the block
skb.nfBridgeAlloc().write({ physinif: 3, inPrerouting: true });
const port2 = skb.clone();
console.log(
  `bridge: ${skb.activeExtensions.join(', ')}; the clone shares the block: ${port2.sharesExtWith(skb)}, refcount ${skb.extRefcnt}`,
);

// Tx: xfrm_output() gives the clone a fresh sec_path holding xout (copy on write)
prepareTx(port2, xout);
console.log(`tx prepare: shares the block now: ${port2.sharesExtWith(skb)}; xout refcnt ${xout.refcnt}`);
console.log(`    offload ok: ${txDev.offloadOk(port2, xout)}`);
const tx = txDev.xmit(port2); // takes the skb
console.log(`tx: ${tx.verdict} (ret ${tx.ret}); netdevsim counters ${JSON.stringify(txDev.counters())}`);

skb.free();
console.log(`after free: xin refcnt ${xin.refcnt}, xout refcnt ${xout.refcnt}`);
xin.delete();
xout.delete();
rxDev.destroy();
txDev.destroy();
console.log(`live objects left: ${stats().live}`);
