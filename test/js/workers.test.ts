// SPDX-License-Identifier: GPL-2.0-only
/** The addon is context-aware: four worker_threads run one scenario at once. */
import * as path from 'path';
import { Worker } from 'worker_threads';
import { stats, cacheLive } from '../../lib';
import { packageRoot } from '../../lib/addon';

const lib = path.join(packageRoot(), 'dist', 'lib', 'index.js');

function runWorker(
  id: number,
  rounds: number,
): Promise<{ ok: number; handles: { skbs: number; states: number }; gcLeaks: { skbs: number; states: number } }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(__dirname, 'fixtures', 'worker-scenario.js'), { workerData: { id, rounds, lib } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`worker ${id} exited with ${code}`)));
  });
}

test('4 workers run the same scenario concurrently, each ends with no handle and no leak', async () => {
  const rounds = 3000;
  const results = await Promise.all([0, 1, 2, 3].map((i) => runWorker(i, rounds)));
  for (const r of results) {
    expect(r.ok).toBe(rounds);
    expect(r.handles).toEqual({ skbs: 0, states: 0 });
    expect(r.gcLeaks).toEqual({ skbs: 0, states: 0 });
  }
  expect(cacheLive('skbuff_ext_cache')).toBe(0);
  expect(stats().live).toBe(0);
});

test('a worker that ends holding objects gives them back as it goes', async () => {
  await new Promise<void>((resolve, reject) => {
    const w = new Worker(
      `
      const { Skb, XfrmState } = require(${JSON.stringify(lib)});
      globalThis.keep = [Skb.alloc(64), XfrmState.alloc({ spi: 1 })];
      globalThis.keep[0].secpathSet().pushState(globalThis.keep[1]);
      globalThis.keep[1].hold();   // a reference JS took and never put
    `,
      { eval: true },
    );
    w.once('error', reject);
    w.once('exit', () => resolve());
  });
  expect(stats().live).toBe(0);
});

test("4 workers drive their own devices at once: each thread's state GC stays on its thread", async () => {
  // The xfrm state GC is deferred work; run by another thread it would free
  // states through a device the owning thread is using (linux/workqueue.h).
  const fixture = path.join(__dirname, 'fixtures', 'worker-terminate.js');
  const before = stats();
  await Promise.all(
    [0, 1, 2, 3].map(
      () =>
        new Promise<void>((resolve, reject) => {
          const iters = new SharedArrayBuffer(4);
          const w = new Worker(fixture, { workerData: { lib, family: 'drivers', iters, rounds: 1500 } });
          w.once('error', reject);
          w.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited with ${code}`))));
        }),
    ),
  );
  const after = stats();
  expect(after.debugErrors).toBe(before.debugErrors);
  expect(after.warnings).toBe(before.warnings);
  expect(after.live).toBe(0);
});
