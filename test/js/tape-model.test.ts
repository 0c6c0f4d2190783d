// SPDX-License-Identifier: GPL-2.0-only
/*
 * The reference model against the C executor: for hand-written and for
 * generated tapes, the trace the model predicts must be the trace
 * build-c/tape_run prints, line for line, and the run must leave nothing
 * behind (tape_run exits 1 on a live object, a WARN or a poison error).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import {
  FULL_CONFIG, TAPE_OPS, TapeSyntaxError, countAllocations, decodeTape, encodeTape, parseTapeText, predictTrace, tapeToText,
} from '../../lib';

const top = path.resolve(__dirname, '..', '..');
const tapeRun = path.join(top, 'build-c', 'tape_run');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-tape-'));

function runC(bytes: Uint8Array): { trace: string; status: number | null; stderr: string } {
  const f = path.join(tmp, 'tape');
  fs.writeFileSync(f, bytes);
  const r = spawnSync(tapeRun, [f], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { trace: r.stdout, status: r.status, stderr: r.stderr };
}

function firstDifference(a: string, b: string): string {
  const x = a.split('\n');
  const y = b.split('\n');
  const i = x.findIndex((l, k) => l !== y[k]);
  return `line ${i + 1}\n  model: ${x[i - 1]}\n         ${x[i]}\n  C:     ${y[i - 1]}\n         ${y[i]}`;
}

function expectAgree(bytes: Uint8Array): void {
  const c = runC(bytes);
  const model = predictTrace(decodeTape(bytes));
  if (model !== c.trace) throw new Error(`model and executor differ at ${firstDifference(model, c.trace)}`);
  if (c.status !== 0) throw new Error(`tape_run reported: ${c.stderr}`);
}

const { genTape, readHexTape } = require('../../tools/tape-gen') as {
  genTape: (seed: number, n?: number, o?: { kernel: boolean }) => Uint8Array;
  readHexTape: (file: string) => Uint8Array;
};

function seedHex(name: string): Uint8Array {
  return readHexTape(path.join(top, 'tools', 'fuzz', 'seeds', name));
}

describe('the op tape', () => {
  test.each(fs.readdirSync(path.join(top, 'tools', 'fuzz', 'seeds')))('seed %s: model and executor agree', (name) => {
    expectAgree(seedHex(name));
  });

  test('a shared block is copied on write and the copy holds the states', () => {
    const ops = parseTapeText(`
      xfrm_alloc x0
      alloc s0 64
      secpath_push s0 x0
      clone s1 s0
      nf_bridge_alloc s1   # COW: the copy takes its own reference on x1
    `);
    const trace = runC(encodeTape(ops)).trace.split('\n');
    expect(trace[7]).toBe('  | s0 u1 c1 f- ext[SEC_PATH] blkA/2 sp1/0[x1] s1 u1 c1 f- ext[SEC_PATH] blkA/2 sp1/0[x1] | x1 r2');
    expect(trace[9]).toBe('  | s0 u1 c1 f- ext[SEC_PATH] blkA/1 sp1/0[x1] s1 u1 c1 f- ext[BRIDGE_NF,SEC_PATH] blkB/1 sp1/0[x1] | x1 r3');
  });

  test('a secpath refuses a seventh state and nothing moves', () => {
    const ops = parseTapeText(['xfrm_alloc x0', 'alloc s0 16', ...Array(7).fill('secpath_push s0 x0')].join('\n'));
    const trace = runC(encodeTape(ops)).trace.split('\n');
    expect(trace[16]).toBe('#8 secpath_push s0 x0 = full');
    expect(trace[17]).toBe(trace[15]);
  });

  test('fail_nth makes the next allocation fail and the skb stays as it was', () => {
    const trace = runC(encodeTape(parseTapeText('alloc s0 16\nfail_nth 1\nalloc s1 16\nfail_nth 2\nalloc s2 16'))).trace;
    expect(trace).toContain('#2 alloc s1 16 = null');
    expect(trace).toContain('#4 alloc s2 16 = null');
  });

  test('ixgbe keeps 6.1\'s reference leak when secpath_set() fails on Rx', () => {
    const ops = parseTapeText('xfrm_alloc x0\ndrv_add ixgbe x0 in\nfail_nth 3\ndrv_rx ixgbe s0 x0\ndrv_rx ixgbe s1 x0');
    const trace = runC(encodeTape(ops)).trace;
    expect(trace).toContain('#3 drv_rx ixgbe s0 x0 = passed\n  | s0 u1 c0 f- ext[] | x1 r2\n');
    expect(trace).toContain('#4 drv_rx ixgbe s1 x0 = offloaded\n  | s0 u1 c0 f- ext[] s1 u1 c0 f- ext[SEC_PATH] blkA/1 sp1/1[x1] | x1 r3\n');
    expect(trace).toContain('x1 leaked 1\n');
    expectAgree(encodeTape(ops));
  });

  test('driver ops answer unsupported without the driver layer, as in the kernel', () => {
    const bytes = encodeTape(parseTapeText('xfrm_alloc x0\ndrv_add mlx5 x0 in\ndrv_rx mlx5 s0 x0\ndrv_tx mlx5 x0\ndrv_del mlx5 x0'));
    const f = path.join(tmp, 'nodrv');
    fs.writeFileSync(f, bytes);
    const r = spawnSync(tapeRun, ['--no-faults', '--no-drivers', f], { encoding: 'utf8' });
    expect(r.stdout).toBe(predictTrace(decodeTape(bytes), { ...FULL_CONFIG, noFaults: true, noDrivers: true }));
    expect(r.stdout.match(/= unsupported/g)).toHaveLength(4);
  });

  test('text form round-trips through bytes', () => {
    const text = 'alloc s0 64\next_add s0 SEC_PATH\nmptcp_map s0 305419896\nscrub s0 1\nxfrm_delete x3\n'
      + 'drv_add ixgbevf x1 in\ndrv_rx netdevsim s2 x1\ndrv_tx chelsio x0\ndrv_del mlx5 x7\n';
    expect(tapeToText(decodeTape(encodeTape(parseTapeText(text))).ops)).toBe(text);
  });

  test('bad text answers a typed error naming the line', () => {
    expect(() => parseTapeText('alloc s9 64')).toThrow(TapeSyntaxError);
    try {
      parseTapeText('alloc s0 64\nfrobnicate s0');
    } catch (e) {
      expect((e as TapeSyntaxError).code).toBe('ERR_TAPE_SYNTAX');
      expect((e as TapeSyntaxError).line).toBe(2);
    }
  });

  test('garbage bytes are skipped, a cut op is reported, nothing leaks', () => {
    const bytes = Uint8Array.from([0xff, 0x99, 0x00, 0x00, 0x10, 0x09, 0x00]);
    const d = decodeTape(bytes);
    expect(d.skipped).toBe(2);
    expect(d.truncated).toBe(true);
    expectAgree(bytes);
  });

  // Systematic fault injection: every allocation a tape makes fails once
  // (fail_nth n put in front of the tape, n = 1 .. all of them); the
  // executor must answer as the model says and leave nothing behind.
  // (Tapes that arm fail_nth themselves are left out: they re-arm it.)
  const faultTapes: [string, Uint8Array][] = [
    ...fs.readdirSync(path.join(top, 'tools', 'fuzz', 'seeds')).map((n): [string, Uint8Array] => [n, seedHex(n)])
      .filter(([, b]) => !decodeTape(b).ops.some((o) => o.op === 'fail_nth')),
    ...Array.from({ length: 20 }, (_, i): [string, Uint8Array] => [`generated ${i}`, genTape(1000 + i, 30)]),
    // with driver ops: the frames, the drivers' secpath_set() and SA adds fail too
    ...Array.from({ length: 40 }, (_, i): [string, Uint8Array] => [`generated with drivers ${i}`, genTape(2000 + i, 30, { kernel: false })])
      .filter(([, b]) => !decodeTape(b).ops.some((o) => o.op === 'fail_nth')).slice(0, 10),
  ];
  test.each(faultTapes)('fault injection at every allocation of %s', (_name, bytes) => {
    const n = countAllocations(decodeTape(bytes));
    expect(n).toBeGreaterThan(0);
    for (let k = 1; k <= n; k++) expectAgree(Uint8Array.from([0x17, k, ...bytes]));
  });

  // Ops weighted towards sharing, copy on write and secpaths, on few
  // slots, so short tapes reach the interesting states.
  const opArb = fc.oneof(
    ...TAPE_OPS.map((d, code) => fc.tuple(...d.args.map((k) => (k === 'u32' ? fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }) : k === 'skb' || k === 'x' ? fc.integer({ min: 0, max: 3 }).map((v) => [v]) : k === 'byte' ? fc.integer({ min: 0, max: 4 }).map((v) => [v]) : fc.integer({ min: 0, max: 255 }).map((v) => [v]))))
      .map((parts) => [code, ...parts.flat()])),
  );

  test('generated tapes: model and executor agree after every op', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: '+1' }), fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 3 }), (ops, junk) => {
        expectAgree(Uint8Array.from([...ops.flat(), ...junk]));
      }),
      { seed: 42, numRuns: 400 },
    );
  });
});
