// SPDX-License-Identifier: GPL-2.0-only
/**
 * The model's side of MPTCP on the wire: what a DSS option (RFC 8684
 * section 3.3) carries from a sender's mapping to a receiver's, and what
 * Linux 6.1's parser (mptcp_get_options(), mptcp_parse_option(),
 * mptcp_incoming_options()) makes of raw TCP option bytes. Written from
 * those rules and the RFC, not from the C port, so that lib/tape/model.ts
 * can predict the tape's mptcp_dss and tcp_opts answers field by field.
 */

import type { NativeMptcp } from '../addon';

const MASK64 = 0xffffffffffffffffn;

/** TCP option kinds the walk knows, and the MPTCP DSS's numbers. */
const TCPOPT_EOL = 0;
const TCPOPT_NOP = 1;
const TCPOPT_MPTCP = 30;
const MPTCPOPT_DSS = 2;
const DSS_DATA_FIN = 0x10;
const DSS_DSN64 = 0x08;
const DSS_HAS_MAP = 0x04;
const DSS_ACK64 = 0x02;
const DSS_HAS_ACK = 0x01;

/** mptcp_dss flags (csrc/tape/tape.h TAPE_DSS_*). */
const FLAG_CSUM = 0x01;
const FLAG_ACK = 0x02;
const FLAG_ACK64 = 0x04;
const FLAG_FIN = 0x08;

/** The longest mapping mptcp_dss sends in one segment (no GSO in the port). */
export const DSS_MAX_PAYLOAD = 1400;

/**
 * struct mptcp_ext, as far as the tape can tell its fields apart, under
 * the names the addon's `skb.mptcp` view gives them. `csum` is the
 * __sum16 as it lies in memory, read as a little-endian u16 (x86).
 */
export type Mapping = Pick<
  NativeMptcp,
  | 'dataAck'
  | 'dataSeq'
  | 'subflowSeq'
  | 'dataLen'
  | 'csum'
  | 'useMap'
  | 'dsn64'
  | 'dataFin'
  | 'useAck'
  | 'ack64'
  | 'csumReqd'
  | 'infiniteMap'
>;

/** A zeroed struct mptcp_ext. */
export function emptyMapping(): Mapping {
  return {
    dataAck: 0n,
    dataSeq: 0n,
    subflowSeq: 0,
    dataLen: 0,
    csum: 0,
    useMap: false,
    dsn64: false,
    dataFin: false,
    useAck: false,
    ack64: false,
    csumReqd: false,
    infiniteMap: false,
  };
}

/*
 * The Internet checksum as the port computes it on x86: 16-bit words
 * loaded little-endian into a 64-bit accumulator, folded to 32 bits, a
 * trailing byte as the low byte of a zero-padded word (csum_partial()),
 * then folded to 16 bits and complemented (csum_fold()).
 */
function csumPartial(b: Uint8Array, sum: number): number {
  let acc = sum;
  let i = 0;
  for (; i + 1 < b.length; i += 2) acc += b[i] | (b[i + 1] << 8);
  if (i < b.length) acc += b[i];
  for (let k = 0; k < 2; k++) acc = (acc % 0x100000000) + Math.floor(acc / 0x100000000);
  return acc;
}

function csumFold(sum: number): number {
  let s = sum;
  s = (s & 0xffff) + (s >>> 16);
  s = (s & 0xffff) + (s >>> 16);
  return ~s & 0xffff;
}

/** The payload mptcp_dss puts behind a mapping: byte i is data_seq + i. */
function payload(m: Mapping, len: number): Uint8Array {
  const base = Number(m.dataSeq & 0xffn);
  const b = new Uint8Array(len);
  for (let i = 0; i < len; i++) b[i] = (base + i) & 0xff;
  return b;
}

/* Bytes of payload a mapping covers: its length less the DATA_FIN's byte. */
function payloadLen(m: Mapping): number {
  const fin = m.dataFin ? 1 : 0;
  return m.useMap && m.dataLen > fin ? m.dataLen - fin : 0;
}

/*
 * RFC 8684 3.3.1: the checksum over the pseudo-header (64-bit DSN, subflow
 * sequence, data-level length, zero checksum) and the payload, completed
 * from the payload's folded sum the mapping holds (mptcp_make_csum()).
 */
function dssCsum(m: Mapping): number {
  const h = new Uint8Array(16);
  const v = new DataView(h.buffer);
  v.setBigUint64(0, m.dataSeq);
  v.setUint32(8, m.subflowSeq);
  v.setUint16(12, m.dataLen);
  return csumFold(csumPartial(h, ~m.csum >>> 0));
}

/**
 * The mapping the sending segment carries: the source's, with the
 * connection state of `flags` written in (checksums, the data ACK, whose
 * value is ~data_seq, a DATA_FIN riding on a mapping that lacks one) and,
 * with checksums, the payload's sum. null when the mapping is longer than
 * one segment: the executor refuses it.
 */
export function sendMapping(from: Mapping, flags: number): Mapping | null {
  const m: Mapping = { ...from };
  if (m.useMap && flags & FLAG_FIN && !m.dataFin) {
    m.dataFin = true;
    m.dataLen = (m.dataLen + 1) & 0xffff;
  }
  const plen = payloadLen(m);
  if (plen > DSS_MAX_PAYLOAD) return null;
  m.csumReqd = (flags & FLAG_CSUM) !== 0;
  m.useAck = (flags & FLAG_ACK) !== 0;
  m.ack64 = (flags & FLAG_ACK64) !== 0;
  m.dataAck = ~m.dataSeq & MASK64;
  if (m.csumReqd && m.useMap) m.csum = csumFold(csumPartial(payload(m, plen), 0));
  return m;
}

/**
 * What the receiver's extension holds after the sender wrote `m` as 6.1
 * does (a 64-bit DSN always, the checksum when negotiated, 0 for an
 * infinite mapping) and the receiver took it in
 * (mptcp_incoming_options()): a zeroed extension with the mapping alone.
 * The data ACK goes on the wire but to the msk, not the extension, and
 * nothing marks an infinite mapping on receive. null when no extension
 * is made: a segment without payload occupies no sequence space, and a
 * mapping-less DSS sends none.
 */
export function dssRoundTrip(m: Mapping): Mapping | null {
  if (payloadLen(m) === 0) return null;
  const rx = emptyMapping();
  rx.useMap = true;
  rx.dsn64 = true;
  rx.dataSeq = m.dataSeq;
  rx.subflowSeq = m.subflowSeq;
  rx.dataLen = m.dataLen;
  rx.dataFin = m.dataFin;
  rx.csumReqd = m.csumReqd;
  if (m.csumReqd) rx.csum = m.dataLen ? dssCsum(m) : 0;
  return rx;
}

function be(b: Uint8Array, at: number, n: number): bigint {
  let v = 0n;
  for (let k = 0; k < n; k++) v = (v << 8n) | BigInt(b[at + k]);
  return v;
}

/**
 * The extension a received segment with option bytes `b` (the whole
 * option space) gets, if it occupies sequence space: null when no DSS is
 * accepted. The walk stops at EOL, a length under 2 or one that runs past
 * the header; a DSS counts only at exactly the size its flags call for,
 * or that plus the two checksum bytes (which only a mapping reads), and
 * only the first accepted DSS does; DATA_FIN means nothing without a
 * mapping. Other MPTCP subtypes are not ported and do not count. The
 * extension is zeroed and keeps the mapping only: an accepted DSS with a
 * data ACK alone leaves it empty.
 */
export function parseDssOptions(b: Uint8Array): Mapping | null {
  const m = emptyMapping();
  let dss = false;
  let i = 0;
  let length = b.length;
  while (length > 0) {
    const kind = b[i++];
    if (kind === TCPOPT_EOL) break;
    if (kind === TCPOPT_NOP) {
      length--;
      continue;
    }
    if (length < 2) break;
    const size = b[i++];
    if (size < 2 || size > length) break;
    /* the subtype byte and the flags byte are inside a DSS of 4 or more */
    if (kind === TCPOPT_MPTCP && !dss && size >= 4 && b[i] >> 4 === MPTCPOPT_DSS) {
      const flags = b[i + 1] & 0x1f;
      const useAck = (flags & DSS_HAS_ACK) !== 0;
      const ack64 = (flags & DSS_ACK64) !== 0;
      const useMap = (flags & DSS_HAS_MAP) !== 0;
      const dsn64 = (flags & DSS_DSN64) !== 0;
      const want = 4 + (useAck ? (ack64 ? 8 : 4) : 0) + (useMap ? (dsn64 ? 14 : 10) : 0);
      if (size === want || size === want + 2) {
        dss = true;
        /* the data ACK is the msk's: step over it */
        let q = i + 2 + (useAck ? (ack64 ? 8 : 4) : 0);
        if (useMap) {
          m.useMap = true;
          m.dsn64 = dsn64;
          m.dataFin = (flags & DSS_DATA_FIN) !== 0;
          m.dataSeq = be(b, q, dsn64 ? 8 : 4);
          q += dsn64 ? 8 : 4;
          m.subflowSeq = Number(be(b, q, 4));
          m.dataLen = Number(be(b, q + 4, 2));
          if (size === want + 2) {
            m.csumReqd = true;
            m.csum = b[q + 6] | (b[q + 7] << 8);
          }
        }
      }
    }
    i += size - 2;
    length -= size;
  }
  return dss ? m : null;
}

/** The answer the executor prints for a receiver's mapping (tape_trace_rx()). */
export function describeRx(m: Mapping): string {
  let w = 'rx';
  if (m.useMap) {
    w += ` dsn${m.dsn64 ? 64 : 32}=${m.dataSeq} ssn=${m.subflowSeq} len=${m.dataLen}${m.dataFin ? ' fin' : ''}`;
    if (m.csumReqd) w += ` csum=${(((m.csum & 0xff) << 8) | (m.csum >> 8)).toString(16).padStart(4, '0')}`;
  }
  return w;
}
