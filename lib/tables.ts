// SPDX-License-Identifier: GPL-2.0-only
/**
 * The C tables, as the addon's `config()` exports them: the op tape's
 * ops (opcode, name, operand kinds, whether the kernel module runs it;
 * `tape_ops[]` in csrc/tape/tape.c), the size of each operand kind, the
 * canonical extension ids and drivers of the tape, and the drivers'
 * knobs (`enum skbext_knob`). The tape format, the model, the driver
 * classes and tools/tape-gen.js read them here instead of retyping them;
 * test/js/tape-table.test.ts pins docs/tape.md to them.
 */
import { NativeConfig, native } from './addon';

/**
 * Operand kinds (`enum tape_arg`). What each means to the text form is
 * code in ./tape/format.ts, so a kind the C table adds must be taught
 * there: readTables() refuses a kind it does not know.
 */
export type TapeArgKind = 'skb' | 'x' | 'size' | 'bit' | 'ext' | 'byte' | 'u32' | 'drv' | 'dir' | 'optlen' | 'opts';
const KNOWN_KINDS: Record<TapeArgKind, true> = {
  skb: true,
  x: true,
  size: true,
  bit: true,
  ext: true,
  byte: true,
  u32: true,
  drv: true,
  dir: true,
  optlen: true,
  opts: true,
};

/** One op of the tape (`struct tape_op_desc`). */
export interface TapeOpDesc {
  /** its opcode byte */
  readonly code: number;
  readonly name: string;
  /** its operands, in tape order */
  readonly args: readonly TapeArgKind[];
  /** the kernel module runs it (no tape_run() flag turns it off) */
  readonly kernel: boolean;
}

export interface Tables {
  /** every op, in opcode order */
  readonly ops: readonly TapeOpDesc[];
  /** by opcode byte; undefined for a byte that is no op (skipped on the tape) */
  readonly byCode: readonly (TapeOpDesc | undefined)[];
  readonly byName: ReadonlyMap<string, TapeOpDesc>;
  /** bytes each operand kind takes on the tape */
  readonly argBytes: Readonly<Record<TapeArgKind, number>>;
  /** canonical extension ids of the tape, by number (`enum tape_ext_id`) */
  readonly exts: readonly string[];
  /** drivers, by number: the tape's and `enum skbext_driver`'s (tape_drv.c checks) */
  readonly drivers: readonly string[];
  /** `enum skbext_knob`, by name without the prefix */
  readonly knobs: Readonly<Record<string, number>>;
  readonly skbSlots: number;
  readonly xSlots: number;
  /** tcp_opts: bytes of option space on the tape, and its pure-ACK bit */
  readonly tcpOpts: number;
  readonly optsPure: number;
}

type TableConfig = Pick<
  NativeConfig,
  | 'tapeOps'
  | 'tapeArgBytes'
  | 'tapeExts'
  | 'tapeDrivers'
  | 'knobs'
  | 'tapeSkbSlots'
  | 'tapeXSlots'
  | 'tapeTcpOpts'
  | 'tapeOptsPure'
>;

function kind(k: string, op: string): TapeArgKind {
  if (!Object.prototype.hasOwnProperty.call(KNOWN_KINDS, k)) {
    throw new Error(
      `tape op ${op}: operand kind '${k}' is new to lib/tables.ts; teach lib/tape/format.ts what it means`,
    );
  }
  return k as TapeArgKind;
}

/** The tables out of one `config()` (an addon loaded by any means: tools/tape-gen.js loads it bare). */
export function readTables(cfg: TableConfig): Tables {
  if (!Array.isArray(cfg.tapeOps))
    throw new Error('the addon exports no tape tables: it is older than lib/ (npm rebuild skbext)');
  const ops = cfg.tapeOps.map((o) =>
    Object.freeze({
      code: o.code,
      name: o.name,
      args: Object.freeze(o.args.map((a) => kind(a, o.name))),
      kernel: o.kernel,
    }),
  );
  const byCode: (TapeOpDesc | undefined)[] = new Array<TapeOpDesc | undefined>(256).fill(undefined);
  for (const o of ops) byCode[o.code] = o;
  const argBytes = {} as Record<TapeArgKind, number>;
  for (const k of Object.keys(KNOWN_KINDS) as TapeArgKind[]) {
    const n = cfg.tapeArgBytes[k];
    if (n === undefined)
      throw new Error(`operand kind '${k}' is not in the addon's table: is the addon older than lib/?`);
    argBytes[k] = n;
  }
  return Object.freeze({
    ops: Object.freeze(ops),
    byCode: Object.freeze(byCode),
    byName: new Map(ops.map((o) => [o.name, o])),
    argBytes: Object.freeze(argBytes),
    exts: Object.freeze([...cfg.tapeExts]),
    drivers: Object.freeze([...cfg.tapeDrivers]),
    knobs: Object.freeze({ ...cfg.knobs }),
    skbSlots: cfg.tapeSkbSlots,
    xSlots: cfg.tapeXSlots,
    tcpOpts: cfg.tapeTcpOpts,
    optsPure: cfg.tapeOptsPure,
  });
}

let cached: Tables | undefined;

/** The tables of this thread's addon, read once. */
export function tables(): Tables {
  return (cached ??= readTables(native().config()));
}
