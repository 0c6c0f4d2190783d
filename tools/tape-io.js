// SPDX-License-Identifier: GPL-2.0-only
// The three forms of a tape on disk, for `skbext replay` and `skbext tape`:
//   binary  the executor's bytes (docs/tape.md)
//   hex     those bytes as hex digit pairs, '#' starting a comment
//           (tools/fuzz/seeds; hexToBytes() is the one reader of them)
//   text    one op per line, as the trace prints it (parseTapeText)
// The form is read from the content, never from the file name: opcodes are
// small bytes, so a binary tape has bytes no text file has; a text file
// that is only hex digit pairs once comments and blanks are gone is hex.
'use strict';

const FORMATS = ['binary', 'hex', 'text'];

/** @param {Uint8Array} buf */
function detectFormat(buf) {
  for (const b of buf) if (b !== 9 && b !== 10 && b !== 13 && (b < 0x20 || b > 0x7e)) return 'binary';
  return hexDigits(Buffer.from(buf).toString('latin1')) === null ? 'text' : 'hex';
}

// The hex digits of a hex tape, or null when it is not one.
function hexDigits(text) {
  const hex = text
    .split('\n')
    .map((l) => l.split('#')[0])
    .join('')
    .replace(/\s+/g, '');
  return /^(?:[0-9a-fA-F]{2})*$/.test(hex) ? hex : null;
}

/**
 * The executor's bytes of a tape in any form.
 * @param {any} lib dist/lib
 * @param {Uint8Array} buf
 * @param {string} format
 * @param {string} name for messages
 * @returns {Uint8Array}
 */
function toBytes(lib, buf, format, name) {
  if (format === 'binary') return Uint8Array.from(buf);
  const text = Buffer.from(buf).toString('utf8');
  if (format === 'text') return lib.encodeTape(lib.parseTapeText(text));
  return hexToBytes(text, name);
}

/**
 * The bytes of a hex tape: the one hex reader (tape-gen's readHexTape,
 * the libFuzzer seed corpora and replay all come here).
 * @param {string} text
 * @param {string} name for messages
 * @returns {Uint8Array}
 */
function hexToBytes(text, name) {
  const hex = hexDigits(text);
  if (hex === null) throw new Error(`${name}: not a hex tape (hex digit pairs, '#' comments)`);
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * A tape's bytes written in `format`. Hex is one op a line with the op as a
 * comment when the bytes are the canonical encoding of their ops, else
 * 16 bytes a line; either reads back to the same bytes.
 * @param {any} lib
 * @param {Uint8Array} bytes
 * @param {string} format
 * @returns {Uint8Array | string}
 */
function fromBytes(lib, bytes, format) {
  if (format === 'binary') return bytes;
  const { ops } = lib.decodeTape(bytes);
  if (format === 'text') return lib.tapeToText(ops);
  const hex = (/** @type {Uint8Array} */ b) =>
    Buffer.from(b)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
  if (Buffer.from(lib.encodeTape(ops)).equals(Buffer.from(bytes)))
    return ops.map((o) => `${hex(lib.encodeTape([o])).padEnd(24)} # ${lib.formatOp(o)}\n`).join('');
  const lines = [];
  for (let i = 0; i < bytes.length; i += 16) lines.push(`${hex(bytes.subarray(i, i + 16))}\n`);
  return lines.join('');
}

module.exports = { FORMATS, detectFormat, toBytes, fromBytes, hexToBytes };
