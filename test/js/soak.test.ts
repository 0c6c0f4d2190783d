// SPDX-License-Identifier: GPL-2.0-only
/**
 * `skbext soak`: its verdicts on made-up samples (growth after the
 * warm-up fails, a flat run passes, anything live at the end fails), and a
 * short real run in a child process that must pass having done every kind
 * of work: tapes, API programs, dropped objects collected, workers
 * terminated.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { packageRoot } from '../../lib/addon';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { judgeSamples, judgeEnd } = require('../../tools/soak') as {
  judgeSamples: (
    s: { rssMiB: number; slabs: number }[],
    b: { warmup: number; growthMiB: number; ratio: number },
  ) => string[];
  judgeEnd: (
    end: { live: number; warnings: number; debugErrors: number; caches: { name: string; active: number }[] },
    start: { warnings: number; debugErrors: number },
  ) => string[];
};

const bound = { warmup: 1, growthMiB: 64, ratio: 0.25 };
const at = (rssMiB: number, slabs = 20) => ({ rssMiB, slabs });

describe('soak verdicts', () => {
  test('a run that stays near its warm-up level passes', () => {
    expect(judgeSamples([at(200), at(230), at(250), at(240)], bound)).toEqual([]);
  });

  test('resident memory past the bound after the warm-up fails, naming the sample', () => {
    const why = judgeSamples([at(200), at(230), at(265), at(300)], bound);
    expect(why).toHaveLength(2);
    expect(why[0]).toMatch(/sample 3: resident 265\.0 MiB passes the bound 264\.0 MiB/);
  });

  test('the bound is a ratio of a large warm-up level', () => {
    // 1000 MiB warm: 25% (250 MiB) is the larger allowance
    expect(judgeSamples([at(1000), at(1240)], bound)).toEqual([]);
    expect(judgeSamples([at(1000), at(1260)], bound)).toHaveLength(1);
  });

  test('growth during the warm-up is not judged', () => {
    expect(judgeSamples([at(100), at(400), at(420)], { ...bound, warmup: 2 })).toEqual([]);
  });

  test('slabs that keep growing fail', () => {
    expect(judgeSamples([at(200, 20), at(200, 30), at(200, 60)], bound)).toEqual([
      'sample 3: 60 slabs held passes the bound 36',
    ]);
  });

  test('the end fails on a live object, a WARN or a slab debug error', () => {
    const clean = { live: 0, warnings: 3, debugErrors: 0, caches: [{ name: 'skbuff_head_cache', active: 0 }] };
    expect(judgeEnd(clean, { warnings: 3, debugErrors: 0 })).toEqual([]);
    expect(judgeEnd({ ...clean, live: 2, caches: [{ name: 'skbuff_ext_cache', active: 2 }] }, clean)).toEqual([
      'leak: skbuff_ext_cache has 2 live objects',
    ]);
    expect(judgeEnd({ ...clean, warnings: 4 }, clean)).toEqual(['1 WARN_ON()s']);
    expect(judgeEnd({ ...clean, debugErrors: 1 }, clean)).toEqual(['1 slab debug errors']);
  });
});

interface SoakReport {
  samples: { rssMiB: number; slabs: number; live: number }[];
  tapes: number;
  apiCalls: number;
  dropped: number;
  terminations: number;
  end: { live: number };
  failures: string[];
}

describe('a short soak', () => {
  test('passes, with tapes, API programs, collected drops and terminated workers', () => {
    const cli = path.join(packageRoot(), 'tools', 'cli.js');
    const r = spawnSync(
      process.execPath,
      [cli, 'soak', '--minutes', '0.3', '--sample', '3', '--warmup', '4', '--workers', '2', '--seed', '11', '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    const line = r.stdout.trim().split('\n').pop() ?? '';
    const rep = JSON.parse(line) as SoakReport;
    expect(rep.failures).toEqual([]);
    expect(r.status).toBe(0);
    expect(rep.samples.length).toBeGreaterThanOrEqual(4);
    expect(rep.tapes).toBeGreaterThan(0);
    expect(rep.apiCalls).toBeGreaterThan(0);
    expect(rep.dropped).toBeGreaterThan(0);
    expect(rep.terminations).toBeGreaterThanOrEqual(1);
    expect(rep.end.live).toBe(0);
  }, 130_000);
});
