// SPDX-License-Identifier: GPL-2.0-only
/**
 * The op-tape byte format and its text form (docs/tape.md). The ops,
 * their opcodes and operand kinds, the extension ids and the drivers are
 * the C executor's own table (csrc/tape/tape.c), read through the
 * addon's config() (../tables.ts); what each operand kind means to the
 * text form is here.
 */
import { TapeArgKind, TapeOpDesc, tables } from '../tables';

export type { TapeArgKind, TapeOpDesc } from '../tables';

const T = tables();

/** The ops, in opcode order (`code` is each one's opcode byte). */
export const TAPE_OPS: readonly TapeOpDesc[] = T.ops;

/** An op's name, as the text form spells it (`alloc`, `drv_rx`, ...). */
export type TapeOpName = string;

/** Canonical extension ids of the tape, by number, whatever the build enables. */
export const TAPE_EXTS: readonly string[] = T.exts;
export type TapeExtName = string;

/** Drivers of the drv_* ops, by number (the order of enum skbext_driver). */
export const TAPE_DRIVERS: readonly string[] = T.drivers;
export type TapeDriverName = string;

/** drv_add's direction operand (bit 0): the SA is for output or input. */
export const TAPE_DIRS = ['out', 'in'] as const;

/** tcp_opts: bytes of option space on the tape, and its pure-ACK bit. */
export const TAPE_TCP_OPTS = T.tcpOpts;
export const TAPE_OPTS_PURE = T.optsPure;

export const TAPE_SKB_SLOTS = T.skbSlots;
export const TAPE_X_SLOTS = T.xSlots;

/** One decoded op: its name and operand values (slots, sizes, ids by number). */
export interface TapeOp {
  op: TapeOpName;
  /**
   * Operands after reduction: slot numbers, size in bytes, ext id, ...
   * tcp_opts' `optlen` is the option length in bytes, plus
   * TAPE_OPTS_PURE for a segment without payload.
   */
  args: number[];
  /** tcp_opts: the option bytes the segment carries (optlen of them). */
  bytes?: Uint8Array;
}

const ARG_BYTES = T.argBytes;

/** Operand bytes that follow opcode `op`. */
export function opOperandBytes(op: number): number {
  const d = T.byCode[op];
  return d ? d.args.reduce((n, a) => n + ARG_BYTES[a], 0) : 0;
}

function reduceArg(kind: TapeArgKind, bytes: Uint8Array, at: number): number {
  switch (kind) {
    case 'skb':
      return bytes[at] % TAPE_SKB_SLOTS;
    case 'x':
      return bytes[at] % TAPE_X_SLOTS;
    case 'size':
      return bytes[at] * 4;
    case 'bit':
      return bytes[at] & 1;
    case 'ext':
      return bytes[at] % TAPE_EXTS.length;
    case 'byte':
      return bytes[at];
    case 'drv':
      return bytes[at] % TAPE_DRIVERS.length;
    case 'dir':
      return bytes[at] & 1;
    /* the header carries (words & 0x0f) % 11 4-byte words of the option space */
    case 'optlen':
      return (((bytes[at] & 0x0f) % (TAPE_TCP_OPTS / 4 + 1)) * 4) | (bytes[at] & TAPE_OPTS_PURE);
    case 'opts':
      return 0; /* the bytes themselves go in TapeOp.bytes */
    case 'u32':
      return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
  }
}

/** What decoding a byte tape gives: the ops the executor will run. */
export interface DecodedTape {
  ops: TapeOp[];
  skipped: number;
  truncated: boolean;
}

/** Decode bytes exactly as csrc/tape/tape.c reads them. */
export function decodeTape(bytes: Uint8Array): DecodedTape {
  const ops: TapeOp[] = [];
  let pos = 0;
  let skipped = 0;
  let truncated = false;
  while (pos < bytes.length) {
    const d = T.byCode[bytes[pos]];
    if (!d) {
      skipped++;
      pos++;
      continue;
    }
    const n = opOperandBytes(d.code);
    if (pos + 1 + n > bytes.length) {
      truncated = true;
      break;
    }
    const args: number[] = [];
    let at = pos + 1;
    let opts: Uint8Array | undefined;
    for (const kind of d.args) {
      if (kind === 'opts') opts = bytes.slice(at, at + (args[args.length - 1] & ~TAPE_OPTS_PURE));
      args.push(reduceArg(kind, bytes, at));
      at += ARG_BYTES[kind];
    }
    ops.push(opts ? { op: d.name, args, bytes: opts } : { op: d.name, args });
    pos += 1 + n;
  }
  return { ops, skipped, truncated };
}

/** Error thrown for a text tape that does not parse. */
export class TapeSyntaxError extends Error {
  readonly code = 'ERR_TAPE_SYNTAX';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`tape line ${line}: ${message}`);
    this.name = 'TapeSyntaxError';
  }
}

/** Encode ops to bytes (the canonical encoding of each operand). */
export function encodeTape(ops: readonly TapeOp[]): Uint8Array {
  const out: number[] = [];
  for (const o of ops) {
    const d = T.byName.get(o.op);
    if (!d) throw new TapeSyntaxError(`unknown op ${String(o.op)}`, 0);
    out.push(d.code);
    d.args.forEach((kind, i) => {
      const v = o.args[i] ?? 0;
      switch (kind) {
        case 'size':
          if (v % 4 !== 0 || v < 0 || v > 1020)
            throw new TapeSyntaxError(`size ${v} must be a multiple of 4 up to 1020`, 0);
          out.push(v / 4);
          break;
        case 'u32':
          out.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
          break;
        case 'optlen': {
          const len = v & ~TAPE_OPTS_PURE;
          if (len % 4 !== 0 || len > TAPE_TCP_OPTS)
            throw new TapeSyntaxError(`option length ${len} must be a multiple of 4 up to ${TAPE_TCP_OPTS}`, 0);
          out.push((len / 4) | (v & TAPE_OPTS_PURE));
          break;
        }
        case 'opts': {
          const b = o.bytes ?? new Uint8Array(0);
          for (let k = 0; k < TAPE_TCP_OPTS; k++) out.push(b[k] ?? 0);
          break;
        }
        default:
          out.push(v & 0xff);
      }
    });
  }
  return Uint8Array.from(out);
}

function hex(b: Uint8Array | undefined): string {
  return b && b.length ? Buffer.from(b).toString('hex') : '-';
}

function formatArg(kind: TapeArgKind, v: number, o: TapeOp): string {
  switch (kind) {
    case 'optlen':
      return v & TAPE_OPTS_PURE ? 'pure' : 'data';
    case 'opts':
      return hex(o.bytes);
    case 'skb':
      return `s${v}`;
    case 'x':
      return `x${v}`;
    case 'ext':
      return TAPE_EXTS[v];
    case 'drv':
      return TAPE_DRIVERS[v];
    case 'dir':
      return TAPE_DIRS[v];
    default:
      return String(v);
  }
}

/** The text form of one op, as the trace prints it. */
export function formatOp(o: TapeOp): string {
  const d = T.byName.get(o.op);
  if (!d) return o.op;
  // a loop, not map/join: the fuzzer formats every op of every tape
  let s = o.op;
  for (let i = 0; i < d.args.length; i++) s += ' ' + formatArg(d.args[i], o.args[i], o);
  return s;
}

/** Text form of a tape: one op per line. */
export function tapeToText(ops: readonly TapeOp[]): string {
  return ops.map(formatOp).join('\n') + (ops.length ? '\n' : '');
}

function parseArg(kind: TapeArgKind, tok: string, line: number): number {
  const bad = (): never => {
    throw new TapeSyntaxError(`bad ${kind} operand '${tok}'`, line);
  };
  let m: RegExpMatchArray | null;
  switch (kind) {
    case 'skb':
      m = /^s(0|[1-9]\d*)$/.exec(tok);
      return m && Number(m[1]) < TAPE_SKB_SLOTS ? Number(m[1]) : bad();
    case 'x':
      m = /^x(0|[1-9]\d*)$/.exec(tok);
      return m && Number(m[1]) < TAPE_X_SLOTS ? Number(m[1]) : bad();
    case 'ext': {
      const i = TAPE_EXTS.indexOf(tok.replace(/^SKB_EXT_/, ''));
      return i >= 0 ? i : bad();
    }
    case 'drv': {
      const i = TAPE_DRIVERS.indexOf(tok);
      return i >= 0 ? i : bad();
    }
    case 'dir': {
      const i = TAPE_DIRS.indexOf(tok as (typeof TAPE_DIRS)[number]);
      return i >= 0 ? i : bad();
    }
    case 'optlen':
      return tok === 'pure' ? TAPE_OPTS_PURE : tok === 'data' ? 0 : bad();
    case 'opts':
      /* the length: parseTapeText keeps the bytes */
      if (tok === '-') return 0;
      return /^([0-9a-fA-F]{8})+$/.test(tok) && tok.length / 2 <= TAPE_TCP_OPTS ? tok.length / 2 : bad();
    default: {
      if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(tok)) bad();
      const v = Number(tok);
      const max = kind === 'u32' ? 0xffffffff : kind === 'size' ? 1020 : kind === 'bit' ? 1 : 255;
      if (v > max) bad();
      return v;
    }
  }
}

/** Parse the text form ('#' starts a comment; blank lines are ignored). */
export function parseTapeText(text: string): TapeOp[] {
  const ops: TapeOp[] = [];
  text.split('\n').forEach((raw, idx) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const [name, ...toks] = line.split(/\s+/);
    const d = T.byName.get(name);
    if (!d) throw new TapeSyntaxError(`unknown op '${name}'`, idx + 1);
    if (toks.length !== d.args.length) {
      throw new TapeSyntaxError(`${name} takes ${d.args.length} operands, got ${toks.length}`, idx + 1);
    }
    const args = d.args.map((k, i) => parseArg(k, toks[i], idx + 1));
    const at = d.args.findIndex((k) => k === 'opts');
    if (at < 0) {
      ops.push({ op: d.name, args });
      return;
    }
    /* tcp_opts s0 data|pure HEX: the length comes from the bytes */
    args[at - 1] |= args[at];
    args[at] = 0;
    ops.push({ op: d.name, args, bytes: Uint8Array.from(Buffer.from(toks[at] === '-' ? '' : toks[at], 'hex')) });
  });
  return ops;
}
