// SPDX-License-Identifier: GPL-2.0-only
// Random op tapes: one seeded generator for the fuzzer (`skbext fuzz`) and
// the kernel oracle, leaning towards sharing and copy on write on few
// slots. With { kernel: true } it keeps to what both builds run: no
// fail_nth, no driver ops, and only the ids Debian's kernel enables
// (BRIDGE_NF, SEC_PATH, MPTCP); its tapes are the same as before the
// driver ops existed. Otherwise about one op in eight drives two of the
// five drivers (drv_add, drv_rx, drv_tx, drv_del on the first two states),
// and about one in eleven puts MPTCP on the wire: a mapping sent and parsed
// back (mptcp_dss), or crafted TCP option bytes parsed (tcp_opts), mostly
// well-formed DSS options with a length, a field or a neighbour gone wrong.
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
const MPTCP_MAP = 0x12;
const MPTCP_DSS = 0x1c;
const TCP_OPTS = 0x1d;
const TCP_OPTS_LEN = 40;
const TCPOPT_MPTCP = 30;

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

function bytes(r, n) {
  return Array.from({ length: n }, () => Math.floor(r() * 256));
}

// One DSS option: its flags' right size, with or without a checksum,
// or a wrong size, a wrong subtype, fields that make an infinite mapping.
function genDss(r) {
  const flags = Math.floor(r() * 32) | (r() < 0.1 ? Math.floor(r() * 8) << 5 : 0);
  const ack = flags & 1 ? (flags & 2 ? 8 : 4) : 0;
  const map = flags & 4 ? (flags & 8 ? 14 : 10) : 0;
  let len = 4 + ack + map + (map && r() < 0.4 ? 2 : 0);
  const k = r();
  if (k < 0.2) len += [-3, -2, -1, 1, 2, 3][Math.floor(r() * 6)];
  else if (k < 0.25) len = Math.floor(r() * 44);
  len = Math.max(len, 0);
  const sub = r() < 0.92 ? 0x20 | Math.floor(r() * 16) : Math.floor(r() * 256);
  const body = r() < 0.3 ? new Array(Math.max(len - 4, 0)).fill(0) : bytes(r, Math.max(len - 4, 0));
  // a data-level length of 0 or 1 now and then: infinite mapping, bare DATA_FIN
  if (map && body.length >= ack + map && r() < 0.2) body[ack + map - 1] = Math.floor(r() * 2);
  return [TCPOPT_MPTCP, len, sub, flags, ...body].slice(0, Math.max(len, 2));
}
// The operands of tcp_opts: the option space (words, the pure-ACK bit)
// and 40 bytes, of which the header carries words * 4.
function genOptions(r) {
  const opts = [];
  for (let n = Math.floor(r() * 3); n > 0; n--) opts.push(1);
  const k = r();
  if (k < 0.15) opts.push(8, 10, ...bytes(r, 8)); // a timestamp first
  else if (k < 0.2) opts.push(Math.floor(r() * 256), Math.floor(r() * 12), ...bytes(r, 3));
  else if (k < 0.23) opts.push(0); // EOL: nothing after it counts
  opts.push(...genDss(r));
  if (r() < 0.2) opts.push(...genDss(r)); // a second DSS does not count
  let words = Math.min(Math.ceil(opts.length / 4), TCP_OPTS_LEN / 4);
  if (r() < 0.1) words = Math.floor(r() * words); // the header ends early
  const area = opts.slice(0, TCP_OPTS_LEN);
  while (area.length < TCP_OPTS_LEN) area.push(0);
  return [words | (r() < 0.15 ? 0x80 : 0), ...area];
}

// One wire op into slot d (mostly emptied first): send a mapping, often
// made just before, or parse option bytes.
function genWireOp(r, slot) {
  const d = slot();
  const out = r() < 0.8 ? [0x05, d] : [];
  if (r() < 0.5) {
    const s = slot();
    if (r() < 0.5) out.push(0x00, s, 16, MPTCP_MAP, s, ...bytes(r, 4));
    out.push(MPTCP_DSS, d, s, Math.floor(r() * 32));
  } else {
    out.push(TCP_OPTS, d, ...genOptions(r));
  }
  return out;
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
    if (!kernel && r() < 0.1) {
      out.push(...genWireOp(r, slot));
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

// A hand-written tape kept as hex, '#' starting a comment (tools/fuzz/seeds,
// seeds-mptcp): the one reader of that form (replay, the oracle, the tests,
// and tools/fuzz/build.sh's seed corpora through tools/fuzz/hex-to-bin.js).
// Anything but hex digit pairs throws: Buffer.from would stop at it silently.
function readHexTape(file) {
  const text = require('fs').readFileSync(file, 'utf8').split('\n').map((l) => l.split('#')[0]).join('');
  const hex = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${file}: not a hex tape (hex digit pairs, '#' comments)`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

module.exports = { genTape, rng, readHexTape };
