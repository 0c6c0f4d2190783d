#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// An MPTCP capture: three segments of one subflow carry DSS mappings
// (net/mptcp/options.c's writer, from each skb's SKB_EXT_MPTCP), each is
// parsed back as a receiver would (a fresh extension), and all go into a
// libpcap file Wireshark opens (LINKTYPE_RAW).
//
//   node examples/mptcp-pcap.js [FILE]        (default: mptcp.pcap in the temporary folder)
//   tshark -r FILE -V -Y mptcp                 (to read it)
'use strict';
const os = require('os');
const path = require('path');
const fs = require('fs');
const { buildTcpSegment, writeDss, parseDss, updateDataCsum, validateDataCsum, writePcap, TCPHDR } = require('skbext');

const file = process.argv[2] || path.join(os.tmpdir(), 'mptcp.pcap');
const dsn0 = 0x100000000n; // past 2^32: the 64-bit data sequence numbers are needed
const segments = [];
let ssn = 1;
let dsn = dsn0;
for (const text of ['hello, ', 'multipath ', 'world']) {
  const payload = Buffer.from(text);
  const seg = buildTcpSegment({
    saddr: '10.0.0.1',
    daddr: '10.0.0.2',
    sport: 40000,
    dport: 443,
    seq: 1000 + ssn,
    ack: 1,
    flags: TCPHDR.ACK | TCPHDR.PSH,
    payload,
  });
  // the mapping the MPTCP socket put on the skb: DSN, subflow offset, length, with checksums
  seg
    .extAdd('MPTCP')
    .write({ useMap: true, dsn64: true, dataSeq: dsn, subflowSeq: ssn, dataLen: payload.length, csumReqd: true });
  updateDataCsum(seg); // the DSS checksum over the payload (RFC 8684 3.3.1)
  const written = writeDss(seg); // mptcp_write_options(): option bytes into the TCP header

  // the receiver: a private copy without extensions, its DSS parsed into a fresh mapping
  const rx = seg.copy();
  rx.extReset();
  const taken = parseDss(rx);
  const m = rx.mptcp.read();
  console.log(
    `segment ${segments.length + 1}: ${payload.length} bytes, DSS ${written} option bytes; parsed back: ` +
      `map ${taken === 1}, dsn 0x${m.dataSeq.toString(16)}, ssn ${m.subflowSeq}, len ${m.dataLen}, checksum ${validateDataCsum(rx) === 0 ? 'good' : 'bad'}`,
  );
  rx.free();
  segments.push(seg);
  ssn += payload.length;
  dsn += BigInt(payload.length);
}
writePcap(file, segments);
for (const s of segments) s.free();
const head = fs.readFileSync(file).subarray(0, 4).toString('hex');
console.log(`${path.basename(file)}: ${segments.length} segments, ${fs.statSync(file).size} bytes, pcap magic ${head}`);
