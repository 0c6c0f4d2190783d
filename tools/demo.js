// SPDX-License-Identifier: GPL-2.0-only
// skbext demo: the README's first example of the main job, step by step.
// An ESP frame is received on an ixgbe port with IPsec offload, bridged
// (br_netfilter adds nf_bridge_info), cloned for a second port, and sent
// out of a netdevsim port with Tx offload; after every step it prints the
// skbs, which extension block each points at, the blocks' refcounts and
// the states' refcounts, and at the end the slab leak check.
'use strict';
const path = require('path');

function demo(out = (s) => process.stdout.write(`${s}\n`)) {
  const lib = require(path.join(__dirname, '..', 'dist', 'lib'));
  const { Ixgbe, Netdevsim, XfrmState, buildEspPacket, prepareTx, stats } = lib;
  const key = Uint8Array.from([...Array(16).keys()].map((i) => i + 1).concat([0xa1, 0xa2, 0xa3, 0xa4]));
  const gcm = (spi, dir) => {
    const x = XfrmState.alloc({ spi, saddr: '192.0.2.1', daddr: '192.0.2.2', dir });
    x.setAead({ name: 'rfc4106(gcm(aes))', key, icvBits: 128 });
    return x;
  };

  const live0 = stats().live;
  const skbs = new Map();
  const states = new Map();
  let step = 0;

  function show(what) {
    out(`\n${++step}. ${what}`);
    const blocks = [];
    for (const [name, s] of skbs) {
      let blk = '-';
      if (s.extRefcnt) {
        let i = blocks.findIndex((o) => o.sharesExtWith(s));
        if (i < 0) i = blocks.push(s) - 1;
        blk = `block ${String.fromCharCode(65 + i)} (refcnt ${s.extRefcnt})`;
      }
      const sp = s.secPath;
      const spText = sp
        ? ` sec_path len ${sp.len} olen ${sp.olen} [${sp.xvec.map((x) => `spi 0x${x.spi.toString(16)}`).join(', ')}]`
        : '';
      out(`   ${name.padEnd(6)} users ${s.users}  ext [${s.activeExtensions.join(', ')}]  ${blk}${spText}`);
    }
    out(`   states: ${[...states].map(([n, x]) => `${n} refcnt ${x.refcnt}`).join(', ')}`);
  }

  const rxDev = new Ixgbe();
  const txDev = new Netdevsim();
  const xin = gcm(0x100, 'in');
  const xout = gcm(0x200, 'out');
  states.set('x_in (spi 0x100)', xin);
  states.set('x_out (spi 0x200)', xout);
  rxDev.addState(xin);
  txDev.addState(xout);
  show(`states offloaded: x_in to ${rxDev.driverName} Rx (SA ${rxDev.rxHandle(xin)}), x_out to ${txDev.driverName} Tx`);

  const skb = buildEspPacket({ saddr: '192.0.2.1', daddr: '192.0.2.2', spi: 0x100, seq: 1 });
  skbs.set('skb', skb);
  const rx = rxDev.rx(skb);
  show(`ixgbe_ipsec_rx(): ${rx.verdict}; rx_ipsec ${rxDev.counters().rx_ipsec}, the sec_path holds x_in`);

  skb.nfBridgeAlloc().write({ physinif: 1 });
  show('br_netfilter: nf_bridge_alloc() adds BRIDGE_NF to the same block');

  const port2 = skb.clone();
  skbs.set('clone', port2);
  show('bridge floods to a second port: skb_clone() shares the block (refcnt 2)');

  prepareTx(port2, xout);
  show('xfrm_output() on the clone: a fresh sec_path, so the shared block is copied first (COW)');

  const tx = txDev.offloadOk(port2, xout) && txDev.xmit(port2);
  skbs.delete('clone');
  show(`nsim_ipsec_tx(): ${tx.verdict}; tx ${txDev.counters().tx}; the Tx completion freed the clone`);

  skb.free();
  skbs.delete('skb');
  show('the received skb is consumed locally: kfree_skb() puts its block and x_in');

  xin.delete();
  xout.delete();
  rxDev.destroy();
  txDev.destroy();
  const s = stats();
  const leaked = s.live - live0;
  out(
    `\nleak check: ${leaked} live objects in ${s.caches.length} slab caches${
      leaked
        ? ': ' +
          s.caches
            .filter((c) => c.active)
            .map((c) => `${c.name} ${c.active}`)
            .join(', ')
        : ' (every cache empty)'
    }`,
  );
  return leaked === 0;
}

module.exports = { demo };
