// SPDX-License-Identifier: GPL-2.0-only
/**
 * The MPTCP DSS mapping (RFC 8684 section 3.3) between an skb's
 * `SKB_EXT_MPTCP` and the wire: build an IPv4/IPv6 TCP segment, write the
 * extension's mapping into its options as the kernel's output path does,
 * parse a received segment's DSS into the extension as the input path
 * does, the DSS checksum, and a pcap writer so the segments open in
 * Wireshark. The C side is `csrc/net/mptcp/options.c` and `csrc/skbext/mptcp_segment.c`.
 */
import * as fs from 'fs';
import { native } from './addon';
import { invalidArgType, outOfRange } from './errors';
import { ipPair } from './net';
import { ParamSpec, checkParams } from './params';
import { Skb } from './skb';

/** TCP header flag bits (`TCPHDR_*` of include/net/tcp.h). */
export const TCPHDR = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
} as const;

/** The negative errnos the MPTCP calls return (Linux's values). */
export const MPTCP_ERRNO = {
  ENOENT: -2,
  ENOMEM: -12,
  EBUSY: -16,
  EINVAL: -22,
  ERANGE: -34,
  EBADMSG: -74,
  EMSGSIZE: -90,
  EPROTONOSUPPORT: -93,
  ENOBUFS: -105,
} as const;

/** What `buildTcpSegment()` takes; numbers in host order. */
export interface TcpSegmentParams {
  /** `'10.0.0.1'`, `'2001:db8::1'` or the bytes; both of one family, which picks IPv4 or IPv6. */
  saddr: string | Uint8Array;
  daddr: string | Uint8Array;
  sport?: number;
  dport?: number;
  seq?: number;
  /** The TCP acknowledgment number (`th->ack_seq`). */
  ack?: number;
  /** `TCPHDR_*` bits (`TCPHDR.ACK | TCPHDR.PSH`); default ACK. */
  flags?: number;
  /** Default 512. */
  window?: number;
  /** Raw TCP options already present, up to 40 bytes (padded with EOL to 4). */
  options?: Uint8Array;
  payload?: Uint8Array;
}

const TCP_SEGMENT_SPEC: ParamSpec<TcpSegmentParams> = {
  saddr: 'any',
  daddr: 'any',
  sport: 'any',
  dport: 'any',
  seq: 'any',
  ack: 'any',
  flags: 'any',
  window: 'any',
  options: 'any',
  payload: 'any',
};

function u8(v: unknown, what: string): Uint8Array | undefined {
  if (v === undefined) return undefined;
  if (!(v instanceof Uint8Array)) throw invalidArgType(`${what} must be a Uint8Array`);
  return v;
}

/**
 * `tcp_seg_build()` (not a kernel function: what the TCP/IP output path
 * leaves in an skb): one IPv4 or IPv6 TCP segment with the IP header at
 * `skb->data`, network and transport headers set, correct IP and TCP
 * checksums, and 40 bytes of tailroom for options. Returns `null` when
 * the segment is impossible (options over 40 bytes, a datagram over
 * 64 KiB) or the allocation fails.
 */
export function buildTcpSegment(p: TcpSegmentParams): Skb | null {
  checkParams('buildTcpSegment()', p, TCP_SEGMENT_SPEC);
  const { saddr, daddr, ipv6 } = ipPair(p.saddr, p.daddr);
  const h = native().tcpSegBuild({
    ipv6,
    saddr,
    daddr,
    sport: p.sport,
    dport: p.dport,
    seq: p.seq,
    ackSeq: p.ack,
    tcpFlags: p.flags ?? TCPHDR.ACK,
    window: p.window ?? 512,
    options: u8(p.options, 'options'),
    payload: u8(p.payload, 'payload'),
  });
  return h === null ? null : Skb.fromHandle(h);
}

/**
 * `mptcp_established_options_dss()` + `mptcp_write_options()` as
 * `__tcp_transmit_skb()` runs them, on the mapping in the skb's own
 * extension (`mptcp_get_ext()`): use_ack/ack64/dataAck stand for the
 * msk's can_ack/use_64bit_ack/ack_seq, csumReqd for csum_enabled, and a
 * mapping with dataFin sends a DATA_FIN. The DSS is appended to the
 * options; doff, the IP length and both checksums are fixed. The
 * extension is only read.
 *
 * Returns the option bytes written (0 when there is neither a mapping nor
 * an ack), or `-ENOENT` (no extension), `-EINVAL` (headers or options do
 * not parse), `-EBUSY` (data shared with a clone), `-EMSGSIZE` (over 40
 * option bytes), `-ENOBUFS` (no tailroom).
 */
export function writeDss(skb: Skb): number {
  return native().mptcpWriteDss(Skb.handleOf(skb));
}

/**
 * `mptcp_incoming_options()` (after `mptcp_get_options()`), with the
 * `TCP_SKB_CB()` setup `tcp_v4_rcv()`/`tcp_v6_rcv()` do first: a DSS on a
 * segment occupying sequence space becomes a zeroed-then-filled
 * `SKB_EXT_MPTCP` (read it with `skb.mptcp`); a shared block is copied
 * first. Only the mapping is filled in: as in 6.1 the data ack belongs to
 * the connection, so `useAck`, `ack64` and `dataAck` stay 0, and so does
 * `infiniteMap` (6.1 notices a data-level length of 0 later).
 *
 * Returns 1 if the skb now carries the received mapping, 0 if there was
 * no acceptable DSS or no sequence space (a pure ack), `-EINVAL` or
 * `-EPROTONOSUPPORT` for headers that are not IPv4/IPv6 + TCP, `-ENOMEM`
 * when the extension cannot be added.
 */
export function parseDss(skb: Skb): number {
  return native().mptcpParseDss(Skb.handleOf(skb));
}

/**
 * What `mptcp_sendmsg_frag()` does with checksums on: `mpext->csum`
 * becomes the folded sum of the payload (completed with the
 * pseudo-header by `mptcp_write_options()`), written through
 * `skb_ext_add()` so a clone sharing the block keeps its value.
 *
 * Returns 0, `-ENOENT` (no extension), `-EINVAL` (malformed segment),
 * `-ENOMEM` (copying the shared block failed).
 */
export function updateDataCsum(skb: Skb): number {
  return native().mptcpUpdateDataCsum(Skb.handleOf(skb));
}

/**
 * `validate_data_csum()` of net/mptcp/subflow.c for a mapping carried
 * whole by this segment (a 32-bit DSN is used as received, not expanded).
 *
 * Returns 0 if the checksum is right, `-EBADMSG` if not, `-ENOENT` with
 * no checksummed finite mapping, `-ERANGE` when the mapping's length is
 * not this payload's, `-EINVAL` for a malformed segment.
 */
export function validateDataCsum(skb: Skb): number {
  return native().mptcpValidateDataCsum(Skb.handleOf(skb));
}

/** pcap link types (LINKTYPE_*). */
export const LINKTYPE_ETHERNET = 1;
export const LINKTYPE_RAW = 101;

export interface PcapOptions {
  /**
   * `'auto'` (default): `LINKTYPE_RAW` when every skb has its network
   * header at `skb->data` (as `buildTcpSegment()` leaves it), otherwise
   * Ethernet, with a zero-MAC Ethernet header put before those that start
   * with their IP header.
   */
  linktype?: 'auto' | 'raw' | 'ethernet';
  /** Timestamp of the first packet, whole seconds since 1970; default 1704067200 (2024-01-01). */
  startSeconds?: number;
  /** Microseconds between packets; default 1000. */
  stepMicros?: number;
}

const PCAP_SPEC: ParamSpec<PcapOptions> = { linktype: 'any', startSeconds: 'any', stepMicros: 'any' };

function ipAtData(skb: Skb): boolean {
  const i = native().skbInfo(Skb.handleOf(skb));
  return i.networkHeader === i.headroom;
}

function fakeEthernet(ip: Uint8Array): Buffer {
  const eth = Buffer.alloc(14);
  eth.writeUInt16BE(ip[0] >> 4 === 6 ? 0x86dd : 0x0800, 12);
  return Buffer.concat([eth, ip]);
}

/**
 * A libpcap capture (the classic format, microsecond timestamps, native
 * little-endian as libpcap writes it on x86) of each skb's linear data.
 * The timestamps are deterministic, so the same skbs give the same bytes.
 */
export function pcapBytes(skbs: readonly Skb[], opts: PcapOptions = {}): Buffer {
  if (!Array.isArray(skbs)) throw invalidArgType('pcapBytes() takes an array of Skb');
  checkParams('pcapBytes() options', opts, PCAP_SPEC);
  const mode = opts.linktype ?? 'auto';
  if (!['auto', 'raw', 'ethernet'].includes(mode))
    throw outOfRange(`linktype must be 'auto', 'raw' or 'ethernet', not '${String(mode)}'`);
  const start = opts.startSeconds ?? 1704067200;
  const step = opts.stepMicros ?? 1000;
  for (const [v, what] of [
    [start, 'startSeconds'],
    [step, 'stepMicros'],
  ] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
      throw outOfRange(`${what} must be a whole number from 0 to 2^32-1`);
  }
  const atData = skbs.map(ipAtData);
  const raw = mode === 'raw' || (mode === 'auto' && atData.every(Boolean));
  const frames = skbs.map((s, i) => (!raw && atData[i] ? fakeEthernet(s.data) : s.data));

  const snaplen = 262144;
  const hdr = Buffer.alloc(24);
  hdr.writeUInt32LE(0xa1b2c3d4, 0);
  hdr.writeUInt16LE(2, 4);
  hdr.writeUInt16LE(4, 6);
  hdr.writeInt32LE(0, 8);
  hdr.writeUInt32LE(0, 12);
  hdr.writeUInt32LE(snaplen, 16);
  hdr.writeUInt32LE(raw ? LINKTYPE_RAW : LINKTYPE_ETHERNET, 20);
  const out: Buffer[] = [hdr];
  frames.forEach((f, i) => {
    const us = i * step;
    const rec = Buffer.alloc(16);
    rec.writeUInt32LE((start + Math.floor(us / 1e6)) >>> 0, 0);
    rec.writeUInt32LE(us % 1e6, 4);
    rec.writeUInt32LE(Math.min(f.length, snaplen), 8);
    rec.writeUInt32LE(f.length, 12);
    out.push(rec, f.subarray(0, snaplen));
  });
  return Buffer.concat(out);
}

/** Write `pcapBytes(skbs, opts)` to `file` (Wireshark, tshark, tcpdump -r open it). */
export function writePcap(file: string, skbs: readonly Skb[], opts: PcapOptions = {}): void {
  if (typeof file !== 'string') throw invalidArgType('writePcap() takes a file name');
  fs.writeFileSync(file, pcapBytes(skbs, opts));
}

/** One DSS variant of `dssVariants()`: how to build it and what the ext holds. */
export interface DssVariant {
  name: string;
  segment: TcpSegmentParams;
  /** Fields written to the segment's MPTCP extension before `writeDss()`. */
  ext: {
    dataAck?: bigint;
    dataSeq?: bigint;
    subflowSeq?: number;
    dataLen?: number;
    useMap?: boolean;
    dsn64?: boolean;
    dataFin?: boolean;
    useAck?: boolean;
    ack64?: boolean;
    csumReqd?: boolean;
  };
  /** Run `updateDataCsum()` before writing (a checksummed finite mapping). */
  csum?: boolean;
}

const DSS_VARIANT_SPEC: ParamSpec<DssVariant> = { name: 'any', segment: 'any', ext: 'any', csum: 'any' };

/**
 * The DSS variants `npx skbext pcap` writes and test/js/mptcp.test.ts
 * checks with tshark: ack only (32 and 64 bits), a 64-bit map with and
 * without checksum, map and ack, DATA_FIN, the infinite mapping (data
 * length 0), over IPv4 and IPv6.
 */
export function dssVariants(): DssVariant[] {
  const payload = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed + i * 7) & 0xff);
  const v4 = { saddr: '10.0.0.1', daddr: '10.0.0.2' };
  const v6 = { saddr: '2001:db8::1', daddr: '2001:db8::2' };
  const seg = (
    addrs: { saddr: string; daddr: string },
    seq: number,
    plen: number,
    extra: Partial<TcpSegmentParams> = {},
  ) => ({
    ...addrs,
    sport: 40000,
    dport: 80,
    seq,
    ack: 1,
    flags: TCPHDR.ACK | TCPHDR.PSH,
    window: 512,
    payload: payload(plen, seq),
    ...extra,
  });
  const out: DssVariant[] = [];
  for (const [fam, addrs] of [
    ['IPv4', v4],
    ['IPv6', v6],
  ] as const) {
    out.push(
      { name: `${fam} ack32 only`, segment: seg(addrs, 1000, 4), ext: { useAck: true, dataAck: 0x0123456789abcdefn } },
      {
        name: `${fam} ack64 only`,
        segment: seg(addrs, 2000, 4),
        ext: { useAck: true, ack64: true, dataAck: 0x0123456789abcdefn },
      },
      {
        name: `${fam} map64`,
        segment: seg(addrs, 3000, 10),
        ext: { useMap: true, dsn64: true, dataSeq: 0x10000000005n, subflowSeq: 7, dataLen: 10 },
      },
      {
        name: `${fam} map64 + checksum`,
        segment: seg(addrs, 4000, 16),
        csum: true,
        ext: {
          useMap: true,
          dsn64: true,
          dataSeq: 0xfedcba9876543210n,
          subflowSeq: 0x1234,
          dataLen: 16,
          csumReqd: true,
        },
      },
      {
        name: `${fam} map64 + ack64`,
        segment: seg(addrs, 5000, 12),
        ext: {
          useMap: true,
          dsn64: true,
          dataSeq: 0x2000n,
          subflowSeq: 100,
          dataLen: 12,
          useAck: true,
          ack64: true,
          dataAck: 0x1122334455667788n,
        },
      },
      {
        name: `${fam} map64 + ack32 + checksum`,
        segment: seg(addrs, 6000, 8),
        csum: true,
        ext: {
          useMap: true,
          dsn64: true,
          dataSeq: 0x3000n,
          subflowSeq: 200,
          dataLen: 8,
          useAck: true,
          dataAck: 0xaabbccddn,
          csumReqd: true,
        },
      },
      {
        name: `${fam} DATA_FIN`,
        segment: seg(addrs, 7000, 6),
        ext: {
          useMap: true,
          dsn64: true,
          dataSeq: 0x4000n,
          subflowSeq: 300,
          dataLen: 7,
          dataFin: true,
          useAck: true,
          ack64: true,
          dataAck: 0x99n,
        },
      },
      {
        name: `${fam} infinite mapping`,
        segment: seg(addrs, 8000, 20),
        ext: { useMap: true, dsn64: true, dataSeq: 0x5000n, subflowSeq: 400, dataLen: 0, csumReqd: true },
      },
    );
  }
  return out;
}

/**
 * Build one variant: the segment, its MPTCP extension filled in, the
 * checksum computed if asked, the DSS written. Returns the skb and what
 * `writeDss()` returned (the caller frees the skb), or `null` when an
 * allocation failed (nothing is left allocated).
 */
export function buildDssVariant(v: DssVariant): { skb: Skb; written: number } | null {
  checkParams('buildDssVariant()', v, DSS_VARIANT_SPEC);
  const skb = buildTcpSegment(v.segment);
  if (!skb) return null;
  const m = skb.extAdd('MPTCP') ? skb.mptcp : null;
  if (!m || m.write(v.ext) !== true || (v.csum && updateDataCsum(skb) !== 0)) {
    skb.free();
    return null;
  }
  return { skb, written: writeDss(skb) };
}
