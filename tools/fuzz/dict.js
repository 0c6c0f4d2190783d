// SPDX-License-Identifier: GPL-2.0-only
// Checks of the libFuzzer dictionaries tools/fuzz/fuzz_dict.c prints
// (.clusterfuzzlite/build.sh writes them to $OUT) against what the addon
// says: every opcode of the tape's table by its name, nothing else; the
// extension ids and drivers by their names; the MPTCP option kind and a
// DSS entry for every flag set. Used by the cflite stage and
// test/js/fuzz-dict.test.ts. Each returns what is wrong, in words.
'use strict';

/** name -> bytes of a dictionary's `name="\xNN..."` lines. */
function parseDict(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([\w]+)="((?:\\x[0-9a-f]{2})+)"$/.exec(line);
    if (!m) throw new Error(`not a dictionary line: ${line}`);
    out.set(
      m[1],
      Uint8Array.from(m[2].slice(2).split('\\x'), (h) => parseInt(h, 16)),
    );
  }
  return out;
}

function tables() {
  const { native } = require('../../dist/lib/addon');
  const { readTables } = require('../../dist/lib/tables');
  return readTables(native().config());
}

/** @param {string} text */
function checkTapeDict(text) {
  const T = tables();
  const dict = parseDict(text);
  const wrong = [];
  const ops = [...dict].filter(([, b]) => b.length === 1);
  const want = T.ops.map((o) => [`op_${o.name}`, o.code]);
  for (const [name, code] of want) {
    const b = dict.get(name);
    if (!b || b.length !== 1 || b[0] !== code) wrong.push(`tape dict: ${name} is not "\\x${code.toString(16)}"`);
  }
  if (ops.length !== want.length) wrong.push(`tape dict: ${ops.length} opcodes, the table has ${want.length}`);
  for (const [name, b] of dict) {
    if (b.length === 1) continue;
    const op = T.ops.find((o) => o.code === b[0]);
    const tail = op && name.slice(`op_${op.name}_`.length);
    const ok =
      op &&
      name.startsWith(`op_${op.name}_`) &&
      ((op.args[1] === 'ext' && tail === `s0_${T.exts[b[2]]}`) || (op.args[0] === 'drv' && tail === T.drivers[b[1]]));
    if (!ok) wrong.push(`tape dict: ${name} does not name its bytes`);
  }
  return wrong;
}

/** @param {string} text */
function checkMptcpDict(text) {
  const dict = parseDict(text);
  const wrong = [];
  const TCPOPT_MPTCP = 30;
  if (dict.get('kind_mptcp')?.[0] !== TCPOPT_MPTCP) wrong.push('mptcp dict: no kind_mptcp "\\x1e"');
  // RFC 8684 3.3: base 4, ack 4 or 8, map 10 or 14, checksum 2
  for (let f = 0; f < 32; f++) {
    for (const csum of [false, true]) {
      if (csum && !(f & 4)) continue;
      const name = `dss_${f.toString(16).padStart(2, '0')}${csum ? '_csum' : ''}`;
      const len = 4 + (f & 1 ? (f & 2 ? 8 : 4) : 0) + (f & 4 ? (f & 8 ? 14 : 10) + (csum ? 2 : 0) : 0);
      const b = dict.get(name);
      if (!b || b.join() !== [TCPOPT_MPTCP, len, 0x20, f].join()) wrong.push(`mptcp dict: ${name} wrong or missing`);
    }
  }
  return wrong;
}

module.exports = { parseDict, checkTapeDict, checkMptcpDict };
