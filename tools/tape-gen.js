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
// In both modes about one op in nine is a path beyond clone and free,
// half of them making or cutting up packets: a GSO packet with page frags
// (alloc_gso), its segments (gso_segment), IPv4 fragments (ip_fragment)
// and ESP offload transmit (esp_offload, esp_xmit), the pieces landing in
// slots 4-7, which only these ops use; the other half the receive and
// merge paths (coalesce, collapse, kfree_skb_partial, morph, often after a
// mapping from a small set so that mappings match or not), and outside
// kernel mode also GRO's end (napi_gro_end), tc_ext and the MCTP flow ops,
// which the kernel module cannot run.
// Ops are named, never numbered: their opcodes and operand layouts come
// from the executor's table, through the addon.
'use strict';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

// The executor's table (csrc/tape/tape.c, exported by the addon's
// config()), read once. The addon is loaded bare, not through lib's
// native(): a test that loads lib/ from its TypeScript sources must keep
// its own error classes registered with the addon.
let T;
let OPS; // name -> { code, bytes (operand bytes), args }
function tables() {
  if (!T) {
    const { addonPath, native } = require('../dist/lib/addon');
    const { readTables } = require('../dist/lib/tables');
    const file = addonPath();
    T = readTables((file ? require(file) : native()).config());
    OPS = new Map(T.ops.map((d) => [d.name, { ...d, bytes: d.args.reduce((k, a) => k + T.argBytes[a], 0) }]));
  }
  return T;
}

function op(name) {
  tables();
  const d = OPS.get(name);
  if (!d) throw new Error(`tape-gen: the executor has no op ${name}`);
  return d;
}

// [opcode, ...operands] of op `name`; the operands must fill its layout.
function emit(name, ...operands) {
  const d = op(name);
  if (d.bytes !== operands.length)
    throw new Error(`tape-gen: ${name} takes ${d.bytes} operand bytes, not ${operands.length}`);
  return [d.code, ...operands];
}

// The core ops and their weights: what both builds run.
const CORE_MIX = [
  'alloc',
  'alloc_fclone',
  'clone',
  'clone',
  'clone',
  'copy',
  'pskb_copy',
  'free',
  'consume',
  'get',
  'scrub',
  'ext_add',
  'ext_add',
  'ext_add',
  'ext_del',
  'ext_del',
  'ext_find',
  'ext_reset',
  'ext_copy',
  'secpath_set',
  'secpath_push',
  'secpath_push',
  'secpath_push',
  'secpath_reset',
  'nf_bridge_alloc',
  'mptcp_map',
  'xfrm_alloc',
  'xfrm_hold',
  'xfrm_put',
  'xfrm_delete',
  'tcp_cleanup',
];
// The ids Debian's kernel enables.
const KERNEL_EXTS = ['BRIDGE_NF', 'SEC_PATH', 'MPTCP'];
const TCPOPT_MPTCP = 30;

// One driver op on driver d: mostly offloads, receives and sends.
function genDrvOp(r, d, slot) {
  const x = Math.floor(r() * 2);
  const k = r();
  if (k < 0.35) return emit('drv_add', d, x, Math.floor(r() * 2));
  if (k < 0.65) {
    // a receive wants an empty slot: often free one first
    const s = slot();
    return r() < 0.5 ? [...emit('free', s), ...emit('drv_rx', d, s, x)] : emit('drv_rx', d, s, x);
  }
  if (k < 0.85) return emit('drv_tx', d, x);
  return emit('drv_del', d, x);
}

// The path ops each mode draws from: the kernel module runs the first four.
const PATH_KERNEL = ['coalesce', 'coalesce', 'collapse', 'kfree_skb_partial', 'morph'];
const PATH_USER = ['napi_gro_end', 'tc_ext', 'tc_ext', 'mctp_flow', 'mctp_flow', 'mctp_frag'];

// One path op, with a little set-up that makes it interesting.
function genPathOp(r, slot, kernel) {
  const mix = kernel ? PATH_KERNEL : [...PATH_KERNEL, ...PATH_USER];
  const name = mix[Math.floor(r() * mix.length)];
  const d = slot();
  const s = slot();
  const out = [];
  // a mapping from two: merges find equal and different ones
  const map = (k) => out.push(...emit('mptcp_map', k, 1 + Math.floor(r() * 2), 0, 0, 0));
  // a fresh segment: no bytes, one user, its own head
  const fresh = (k) => out.push(...emit('free', k), ...emit('alloc', k, 16));
  switch (name) {
    case 'coalesce':
      if (r() < 0.5) fresh(s);
      if (r() < 0.5) map(d);
      if (r() < 0.5) map(s);
      out.push(...emit('coalesce', d, s));
      break;
    case 'collapse': {
      const t = slot();
      if (r() < 0.4) fresh(s);
      if (r() < 0.4) fresh(t);
      if (r() < 0.5) map(s);
      if (r() < 0.5) map(t);
      if (r() < 0.6) out.push(...emit('free', d));
      out.push(...emit('collapse', d, s, t));
      break;
    }
    case 'kfree_skb_partial':
    case 'napi_gro_end':
      out.push(...emit(name, s, Math.floor(r() * 2)));
      break;
    case 'morph':
      out.push(...emit('morph', d, s));
      break;
    case 'tc_ext':
      out.push(...emit('tc_ext', s, Math.floor(r() * 4), Math.floor(r() * 3)));
      break;
    case 'mctp_flow':
      out.push(...emit('mctp_flow', s));
      break;
    default:
      // a fresh message in s more often than not, and d emptied for the packets
      if (r() < 0.6) out.push(...emit('free', s), ...emit('alloc', s, 16), ...emit('mctp_flow', s));
      if (r() < 0.6) out.push(...emit('free', d));
      out.push(...emit('mctp_frag', d, s));
  }
  return out;
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
  if (k < 0.15)
    opts.push(8, 10, ...bytes(r, 8)); // a timestamp first
  else if (k < 0.2) opts.push(Math.floor(r() * 256), Math.floor(r() * 12), ...bytes(r, 3));
  else if (k < 0.23) opts.push(0); // EOL: nothing after it counts
  opts.push(...genDss(r));
  if (r() < 0.2) opts.push(...genDss(r)); // a second DSS does not count
  const space = tables().tcpOpts;
  let words = Math.min(Math.ceil(opts.length / 4), space / 4);
  if (r() < 0.1) words = Math.floor(r() * words); // the header ends early
  const area = opts.slice(0, space);
  while (area.length < space) area.push(0);
  return [words | (r() < 0.15 ? T.optsPure : 0), ...area];
}

// One wire op into slot d (mostly emptied first): send a mapping, often
// made just before, or parse option bytes.
function genWireOp(r, slot) {
  const d = slot();
  const out = r() < 0.8 ? emit('free', d) : [];
  if (r() < 0.5) {
    const s = slot();
    if (r() < 0.5) out.push(...emit('alloc', s, 16), ...emit('mptcp_map', s, ...bytes(r, 4)));
    out.push(...emit('mptcp_dss', d, s, Math.floor(r() * 32)));
  } else {
    out.push(...emit('tcp_opts', d, ...genOptions(r)));
  }
  return out;
}

// The payload bytes alloc_gso's shape byte gives (docs/tape.md).
function gsoPayload(shape) {
  return (shape >> 5) * 64 + (shape & 7) * (128 << ((shape >> 3) & 3));
}

// A GSO packet into slot s, mostly cut by its mss into 1 to 4 segments.
function genGso(r, s) {
  const shape = Math.floor(r() * 256);
  const want = 1 + Math.floor(r() * 4);
  const mss = r() < 0.9 ? Math.ceil(gsoPayload(shape) / want / 4) : Math.floor(r() * 256);
  const out = r() < 0.6 ? emit('free', s) : [];
  return [...out, ...emit('alloc_gso', s, shape, Math.min(Math.max(mss, 1), 255))];
}

// Ops that make or cut up packets: alone, or as a short story (a GSO
// packet offloaded for ESP, segmented, a segment or two sent, a piece
// fragmented). The pieces go to slots 4-7 mostly, which are emptied first.
function genCutOp(r, slot, x) {
  const any = () => Math.floor(r() * 8);
  const k = r();
  if (k < 0.35) {
    const s = slot();
    const out = genGso(r, s);
    if (r() < 0.5) out.push(...emit('esp_offload', s, x()));
    if (r() < 0.7) out.push(...emit('free', 4), ...emit('free', 5), ...emit('free', 6), ...emit('free', 7));
    out.push(...emit('gso_segment', 4, s));
    for (let n = Math.floor(r() * 3); n > 0; n--) out.push(...emit('esp_xmit', 4 + Math.floor(r() * 3)));
    if (r() < 0.4) {
      // a segment cut again into IPv4 fragments (mostly one to three)
      if (r() < 0.7) out.push(...emit('free', 6), ...emit('free', 7));
      out.push(...emit('ip_fragment', 6, 4 + Math.floor(r() * 2), 2 + Math.floor(r() * 200)));
    }
    return out;
  }
  if (k < 0.5) return genGso(r, slot());
  if (k < 0.62) return emit('gso_segment', r() < 0.7 ? 4 : any(), r() < 0.8 ? slot() : any());
  if (k < 0.72) return emit('ip_fragment', r() < 0.7 ? 4 : any(), any(), 2 + Math.floor(r() * 254));
  if (k < 0.8) return emit('esp_offload', r() < 0.8 ? slot() : any(), x());
  if (k < 0.92) return emit('esp_xmit', any());
  return emit('free', 4 + Math.floor(r() * 4));
}

// The operands of a core op, each drawn as its kind asks, onto `out`.
function genOperand(out, kind, r, slot, ids) {
  switch (kind) {
    case 'skb':
      out.push(slot());
      break;
    case 'size':
      out.push(Math.floor(r() * 64));
      break;
    case 'bit':
    case 'x':
      out.push(Math.floor(r() * 2));
      break;
    case 'ext':
      out.push(ids[Math.floor(r() * ids.length)]);
      break;
    case 'byte':
      out.push(1 + Math.floor(r() * 3));
      break; // fail_nth: soon
    case 'u32':
      for (let k = 0; k < 4; k++) out.push(Math.floor(r() * 256));
      break;
    default:
      throw new Error(`tape-gen: no core op takes a ${kind} operand`);
  }
}

let coreMix;
let prologue;
function genTape(seed, nops = 40, { kernel = true } = {}) {
  const t = tables();
  coreMix ??= CORE_MIX.map((name) => {
    const d = op(name);
    if (!d.kernel) throw new Error(`tape-gen: the kernel module does not run ${name}`);
    return d;
  });
  const failNth = op('fail_nth');
  const ids = kernel ? KERNEL_EXTS.map((e) => t.exts.indexOf(e)) : t.exts.map((_, i) => i);
  const r = rng(seed);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const slot = () => Math.floor(r() * 4);
  const out = [];
  const drivers = kernel ? [] : [0, 1].map(() => Math.floor(r() * t.drivers.length));
  prologue ??= [
    ...emit('xfrm_alloc', 0),
    ...emit('xfrm_alloc', 1),
    ...emit('alloc', 0, 16),
    ...emit('alloc_fclone', 1, 16),
  ];
  out.push(...prologue);
  for (let i = 0; i < nops; i++) {
    if (r() < 0.11) {
      out.push(...(r() < 0.5 ? genCutOp(r, slot, () => Math.floor(r() * 2)) : genPathOp(r, slot, kernel)));
      continue;
    }
    if (!kernel && r() < 0.12) {
      out.push(...genDrvOp(r, pick(drivers), slot));
      continue;
    }
    if (!kernel && r() < 0.1) {
      out.push(...genWireOp(r, slot));
      continue;
    }
    const d = kernel || r() > 0.04 ? pick(coreMix) : failNth;
    out.push(d.code);
    for (let k = 0; k < d.args.length; k++) genOperand(out, d.args[k], r, slot, ids);
  }
  return Uint8Array.from(out);
}

// A hand-written tape kept as hex, '#' starting a comment (tools/fuzz/seeds,
// seeds-mptcp): the one reader of that form (replay, the oracle, the tests,
// and tools/fuzz/build.sh's seed corpora through tools/fuzz/hex-to-bin.js).
// Anything but hex digit pairs throws: Buffer.from would stop at it silently.
function readHexTape(file) {
  return require('./tape-io').hexToBytes(require('fs').readFileSync(file, 'utf8'), file);
}

module.exports = { genTape, rng, readHexTape };
