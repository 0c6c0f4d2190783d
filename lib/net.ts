// SPDX-License-Identifier: GPL-2.0-only
/** Address helpers: text to the bytes the kernel keeps (network order). */
import { invalidArgType, outOfRange } from './errors';

/** `'10.0.0.1'` or `'2001:db8::1'` (or the bytes themselves) to 4 or 16 bytes. */
export function ipBytes(addr: string | Uint8Array, what = 'address'): Uint8Array {
  if (addr instanceof Uint8Array) {
    if (addr.length !== 4 && addr.length !== 16)
      throw outOfRange(`${what} must hold 4 or 16 bytes, not ${addr.length}`);
    return Uint8Array.from(addr);
  }
  if (typeof addr !== 'string') throw invalidArgType(`${what} must be a string or a Uint8Array`);
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(addr);
  if (v4) {
    const b = v4.slice(1).map(Number);
    if (b.some((x) => x > 255)) throw outOfRange(`${what} '${addr}' is not an IPv4 address`);
    return Uint8Array.from(b);
  }
  return ipv6Bytes(addr, what);
}

function ipv6Bytes(addr: string, what: string): Uint8Array {
  const bad = () => outOfRange(`${what} '${addr}' is neither an IPv4 nor an IPv6 address`);
  const halves = addr.split('::');
  if (halves.length > 2 || !/^[0-9a-fA-F:.]+$/.test(addr)) throw bad();
  const parse = (s: string): number[] => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const b = ipBytes(g, what);
        if (b.length !== 4) throw bad();
        out.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(g)) throw bad();
        out.push(parseInt(g, 16));
      }
    }
    return out;
  };
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if ((halves.length === 1 && fill !== 0) || fill < 0) throw bad();
  const groups = [...head, ...new Array<number>(fill).fill(0), ...tail];
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[2 * i] = g >> 8;
    out[2 * i + 1] = g & 0xff;
  });
  return out;
}

/** A source and a destination of one family (both 4 or both 16 bytes). */
export function ipPair(
  saddr: string | Uint8Array,
  daddr: string | Uint8Array,
): { saddr: Uint8Array; daddr: Uint8Array; ipv6: boolean } {
  const s = ipBytes(saddr, 'saddr');
  const d = ipBytes(daddr, 'daddr');
  if (s.length !== d.length) throw outOfRange('saddr and daddr must be of one family (both IPv4 or both IPv6)');
  return { saddr: s, daddr: d, ipv6: d.length === 16 };
}

/** Bytes back to text (dotted quad, or full-form IPv6 groups). */
export function ipText(b: Uint8Array): string {
  if (b.length === 4) return Array.from(b).join('.');
  const g: string[] = [];
  for (let i = 0; i < 16; i += 2) g.push(((b[i] << 8) | b[i + 1]).toString(16));
  return g.join(':');
}
