// SPDX-License-Identifier: GPL-2.0-only
/**
 * worker.terminate() while workers loop on each API family (Skb, XfrmState,
 * the drivers, runTape, MPTCP): the process lives on, and the main
 * thread's own objects and the process-wide slabs stay consistent.
 *
 * Each run is a child process (fixtures/worker-terminate.js), so that an
 * abort (`terminate called after throwing an instance of 'Napi::Error'`)
 * is seen as its exit status instead of taking jest down with it.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';

const lib = path.join(packageRoot(), 'dist', 'lib', 'index.js');
const fixture = path.join(__dirname, 'fixtures', 'worker-terminate.js');
const FAMILIES = ['skb', 'xfrm', 'drivers', 'tape', 'mptcp'] as const;
const PER_FAMILY = 20;
const RUNS = 2;

interface ChildReport {
  terminations: number;
  exitCodes: Record<string, number>;
  workerErrors: string[];
  midLoop: Record<string, number>;
  iterations: Record<string, number>;
  failures: string[];
  live: { before: number; own: number; afterWorkers: number; end: number };
  warnings: { before: number; own: number; afterWorkers: number; end: number };
  debugErrors: number;
  gcLeaks: { skbs: number; states: number };
}

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  report: ChildReport | null;
}

function runChild(): Run {
  const r = spawnSync(process.execPath, [fixture, lib, String(PER_FAMILY)], { encoding: 'utf8', timeout: 150_000 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  let report: ChildReport | null;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    report = null;
  }
  return { status: r.status, signal: r.signal, stderr: r.stderr, report };
}

const aborted = (r: Run): boolean => r.signal === 'SIGABRT' || r.status === 134;

test(`${RUNS} x ${FAMILIES.length * PER_FAMILY} worker terminations mid-loop: no abort, the main thread's objects and slabs intact`, () => {
  const runs = Array.from({ length: RUNS }, runChild);
  // how each child ended, with what it said: an abort's message, a failed check
  expect(
    runs.map((r) => ({ status: r.status, signal: r.signal, stderr: r.stderr, failures: r.report?.failures })),
  ).toEqual(runs.map(() => ({ status: 0, signal: null, stderr: '', failures: [] })));
  let terminations = 0;
  for (const r of runs) {
    const rep = r.report!;
    terminations += rep.terminations;
    expect(rep.terminations).toBe(FAMILIES.length * PER_FAMILY);
    // terminate() ends a worker with exit code 1, and none failed on its own
    expect(rep.exitCodes).toEqual({ 1: FAMILIES.length * PER_FAMILY });
    expect(rep.workerErrors).toEqual([]);
    for (const f of FAMILIES) expect([f, rep.iterations[f] > 0]).toEqual([f, true]);
    // the terminated workers' instances gave back all they held: only the
    // main thread's own objects are live, until it frees them too
    expect(rep.live.afterWorkers).toBe(rep.live.own);
    expect(rep.live.end).toBe(rep.live.before);
    expect(rep.warnings.end).toBe(rep.warnings.before);
    expect(rep.debugErrors).toBe(0);
    expect(rep.gcLeaks).toEqual({ skbs: 0, states: 0 });
  }
  expect({ terminations, aborts: runs.filter(aborted).length }).toEqual({
    terminations: RUNS * FAMILIES.length * PER_FAMILY,
    aborts: 0,
  });
}, 300_000);
