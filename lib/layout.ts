// SPDX-License-Identifier: GPL-2.0-only
/**
 * pahole-style struct layouts, from the offsets and sizes the C build
 * reports (`offsetof`/`sizeof` through csrc/include/skbext/layout_fields.h),
 * never from a table written by hand.
 */
import { native } from './addon';
import type { SkbextConfig } from './config';

export interface LayoutField {
  name: string;
  offset: number;
  size: number;
  bits?: { byte: number; mask: number }[];
}
export interface LayoutHole {
  offset: number;
  size: number;
}
export interface StructLayout {
  name: string;
  size: number;
  cacheLines: number;
  fields: LayoutField[];
  holes: LayoutHole[];
}

const CACHE_LINE = 64;

/** Parse the addon's layout lines (or the oracle's, same format). */
export function parseLayout(lines: readonly string[]): StructLayout[] {
  const structs = new Map<string, StructLayout>();
  const get = (n: string) => {
    let s = structs.get(n);
    if (!s) {
      s = { name: n, size: 0, cacheLines: 0, fields: [], holes: [] };
      structs.set(n, s);
    }
    return s;
  };
  for (const line of lines) {
    const w = line.trim().split(/\s+/);
    if (w[0] === 'sizeof') get(w[1]).size = Number(w[2]);
    else if (w[0] === 'field') get(w[1]).fields.push({ name: w[2], offset: Number(w[3]), size: Number(w[4]) });
    else if (w[0] === 'bits') {
      const s = get(w[1]);
      let f = s.fields.find((x) => x.name === w[2]);
      if (!f) {
        f = { name: w[2], offset: Number(w[3]), size: 0, bits: [] };
        s.fields.push(f);
      }
      f.bits!.push({ byte: Number(w[3]), mask: parseInt(w[4], 16) });
    }
  }
  for (const s of structs.values()) {
    s.fields.sort((a, b) => a.offset - b.offset || b.size - a.size);
    s.cacheLines = Math.ceil(s.size / CACHE_LINE);
    const used = new Uint8Array(s.size);
    for (const f of s.fields) {
      for (let i = f.offset; i < f.offset + f.size && i < s.size; i++) used[i] = 1;
      for (const b of f.bits ?? []) if (b.byte < s.size) used[b.byte] = 1;
    }
    for (let i = 0; i < s.size;) {
      if (used[i]) {
        i++;
        continue;
      }
      let j = i;
      while (j < s.size && !used[j]) j++;
      s.holes.push({ offset: i, size: j - i });
      i = j;
    }
  }
  return [...structs.values()];
}

/** This build's layouts. */
export function layout(): StructLayout[] {
  return parseLayout(native().layout());
}

function bitText(f: LayoutField): string {
  return (f.bits ?? []).map((b) => `${b.byte}:0x${b.mask.toString(16).padStart(2, '0')}`).join(',');
}

/** The layouts as pahole prints them: offset, size, holes and cache-line boundaries. */
export function formatLayout(structs: readonly StructLayout[]): string {
  const out: string[] = [];
  for (const s of structs) {
    out.push(`struct ${s.name} {`);
    const events: { at: number; text: string }[] = [];
    for (const f of s.fields) {
      const where = f.bits
        ? `/* ${String(f.offset).padStart(4)} bits ${bitText(f)} */`
        : `/* ${String(f.offset).padStart(4)} ${String(f.size).padStart(4)} */`;
      events.push({ at: f.offset, text: `\t${f.name.padEnd(28)} ${where}` });
    }
    for (const h of s.holes) {
      events.push({ at: h.offset, text: `\t/* XXX ${h.size} byte${h.size === 1 ? '' : 's'} hole at ${h.offset} */` });
    }
    events.sort((a, b) => a.at - b.at);
    let line = 1;
    for (const e of events) {
      while (e.at >= line * CACHE_LINE) {
        out.push(`\t/* --- cacheline ${line} boundary (${line * CACHE_LINE} bytes) --- */`);
        line++;
      }
      out.push(e.text);
    }
    const holeBytes = s.holes.reduce((n, h) => n + h.size, 0);
    const tail = s.size % CACHE_LINE;
    out.push('');
    out.push(`\t/* size: ${s.size}, cachelines: ${s.cacheLines}, holes: ${s.holes.length}, sum holes: ${holeBytes} */`);
    if (tail) out.push(`\t/* last cacheline: ${tail} bytes */`);
    out.push('};', '');
  }
  return out.join('\n');
}

/**
 * The config's lines `skbext layout` starts with: its name, its ids and
 * the extension block's geometry, e.g. for the default one
 * `config debian: BRIDGE_NF SEC_PATH MPTCP` and
 * `skb_ext: header 1 chunk (8 bytes each); BRIDGE_NF 4, SEC_PATH 11, MPTCP 4`.
 */
export function formatConfig(c: SkbextConfig): string {
  const per = c.extIds.map((id) => `${id} ${c.extChunks[id]}`).join(', ');
  const hdr = `${c.headerChunks} chunk${c.headerChunks === 1 ? '' : 's'}`;
  return `config ${c.name}: ${c.extIds.join(' ')}\nskb_ext: header ${hdr} (${c.chunkBytes} bytes each); ${per}\n\n`;
}
