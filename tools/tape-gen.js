// SPDX-License-Identifier: GPL-2.0-only
// Random op tapes: one seeded generator for the fuzzer (`skbext fuzz`) and
// the kernel oracle, leaning towards sharing and copy on write on few
// slots. With { kernel: true } it keeps to what both builds run: no
// fail_nth, no driver ops, and only the ids Debian's kernel enables
// (BRIDGE_NF, SEC_PATH, MPTCP); its tapes are the same as before the
// driver ops existed. Otherwise about one op in eight drives two of the
// five drivers (drv_add, drv_rx, drv_tx, drv_del on the first two states).
'use strict';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

const KERNEL_IDS = [0, 1, 3];
const ALL_IDS = [0, 1, 2, 3, 4];
const FAIL_NTH = 23;
const DRV_ADD = 0x18;
const DRV_DEL = 0x19;
const DRV_RX = 0x1a;
const DRV_TX = 0x1b;
const DRIVERS = 5;

// One driver op on driver d: mostly offloads, receives and sends.
function genDrvOp(r, d, slot) {
  const x = Math.floor(r() * 2);
  const k = r();
  if (k < 0.35) return [DRV_ADD, d, x, Math.floor(r() * 2)];
  if (k < 0.65) {
    // a receive wants an empty slot: often free one first
    const s = slot();
    return r() < 0.5 ? [0x05, s, DRV_RX, d, s, x] : [DRV_RX, d, s, x];
  }
  if (k < 0.85) return [DRV_TX, d, x];
  return [DRV_DEL, d, x];
}

function genTape(seed, nops = 40, { kernel = true } = {}) {
  const ids = kernel ? KERNEL_IDS : ALL_IDS;
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const slot = () => Math.floor(r() * 4);
  const out = [];
  const drivers = kernel ? [] : [0, 1].map(() => Math.floor(r() * DRIVERS));
  out.push(0x13, 0, 0x13, 1, 0x00, 0, 16, 0x01, 1, 16);
  for (let i = 0; i < nops; i++) {
    if (!kernel && r() < 0.12) {
      out.push(...genDrvOp(r, pick(drivers), slot));
      continue;
    }
    const op = kernel || r() > 0.04 ? pick([0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9, 9, 9,
      10, 10, 11, 12, 13, 14, 15, 15, 15, 16, 17, 18, 19, 20, 21, 22]) : FAIL_NTH;
    switch (op) {
      case 0: case 1: out.push(op, slot(), Math.floor(r() * 64)); break;
      case 2: case 3: case 4: case 13: out.push(op, slot(), slot()); break;
      case 8: out.push(op, slot(), Math.floor(r() * 2)); break;
      case 9: case 10: case 11: out.push(op, slot(), pick(ids)); break;
      case FAIL_NTH: out.push(op, 1 + Math.floor(r() * 3)); break;
      case 15: out.push(op, slot(), Math.floor(r() * 2)); break;
      case 18: out.push(op, slot(), ...[0, 0, 0, 0].map(() => Math.floor(r() * 256))); break;
      case 19: case 20: case 21: case 22: out.push(op, Math.floor(r() * 2)); break;
      default: out.push(op, slot());
    }
  }
  return Uint8Array.from(out);
}

// A hand-written tape kept as hex, '#' starting a comment (tools/fuzz/seeds).
function readHexTape(file) {
  const text = require('fs').readFileSync(file, 'utf8').split('\n').map((l) => l.split('#')[0]).join('');
  return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

module.exports = { genTape, rng, readHexTape };
