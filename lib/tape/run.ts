// SPDX-License-Identifier: GPL-2.0-only
/** Running a tape through the C executor in one native call (no process per tape). */
import { native } from '../addon';
import { checkParams, ParamSpec } from '../params';

let tapeFlags:
  | {
      tapeTraceState: number;
      tapeNoFaults: number;
      tapeNoDrivers: number;
      tapeNoWire: number;
      tapeNoUnexported: number;
    }
  | undefined;

/** The largest trace buffer runTape() asks for (the binding's limit). */
const MAX_TRACE = 256 << 20;

export interface TapeRunResult {
  trace: string;
  ops: number;
  skipped: number;
  truncated: boolean;
  overflow: boolean;
}

/** `runTape()`'s options (docs/api.md, "Tapes, layout"). */
export interface RunTapeOptions {
  trace?: boolean;
  noFaults?: boolean;
  noDrivers?: boolean;
  noWire?: boolean;
  noUnexported?: boolean;
  traceSize?: number;
}

const RUN_TAPE_SPEC: ParamSpec<RunTapeOptions> = {
  trace: 'any',
  noFaults: 'any',
  noDrivers: 'any',
  noWire: 'any',
  noUnexported: 'any',
  traceSize: 'any',
};

/**
 * Run `tape` through `csrc/tape/tape.c` (`tape_run()`). With `trace` the
 * state after every op is traced (docs/tape.md); without, only the ops run
 * (the batch mode the benchmarks use: `trace` comes back empty unless a
 * `traceSize` asks for the op lines). `noFaults` answers fail_nth ops
 * `unsupported`, as the kernel build does; `noDrivers`, `noWire` and
 * `noUnexported` do the same for the driver ops, the MPTCP wire ops and
 * the ops on functions 6.1 does not export (what the kernel oracle
 * compares against). A fault armed with `faults.failNth()` before the
 * call applies to the tape's allocations, as a leading `fail_nth` op
 * would, and (without `noFaults`) the run ends with it disarmed.
 */
export function runTape(tape: Uint8Array, opts: RunTapeOptions = {}): TapeRunResult {
  checkParams('runTape() options', opts, RUN_TAPE_SPEC);
  // config() builds an object per call: a microsecond, as much as a short tape
  const cfg = (tapeFlags ??= native().config());
  const trace = opts.trace ?? true;
  const flags =
    (trace ? cfg.tapeTraceState : 0) |
    (opts.noFaults ? cfg.tapeNoFaults : 0) |
    (opts.noDrivers ? cfg.tapeNoDrivers : 0) |
    (opts.noWire ? cfg.tapeNoWire : 0) |
    (opts.noUnexported ? cfg.tapeNoUnexported : 0);
  // no trace: no buffer (traceSize 0), so the executor formats nothing;
  // a guess from the tape's length, grown on overflow, never above the cap
  let size = opts.traceSize ?? (trace ? Math.min(4096 + tape.length * 512, MAX_TRACE) : 0);
  for (;;) {
    const r = native().tapeRun(tape, flags, size);
    if (!r) throw new Error('tape_run: the executor could not allocate its state');
    if (!r.overflow || !trace || size >= MAX_TRACE) return r;
    size = Math.min(size * 4, MAX_TRACE);
  }
}
