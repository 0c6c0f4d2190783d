#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// What `skbext fuzz --jobs 2` gains over `--jobs 1`: both, in one run,
// alternated (1, 2, 1, 2, ...) so that a change in the machine's load
// falls on both, with the same seed and time each. Prints each run's
// summed ops/s, the median of each, and their ratio; and the CPU time the
// process used (all threads), which says whether the second job found a
// free core: on a machine others load, ops/s cannot double.
//
//   node bench/js/fuzz-jobs.js [--seconds 10] [--rounds 3] [--seed 1] [--json]
'use strict';
const os = require('os');
const { parseArgs } = require('util');
const { fuzzJobs } = require('../../tools/fuzz');

const { values: v } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean' },
  },
  strict: true,
});
const seconds = Number(v.seconds);
const rounds = Number(v.rounds);
const seed = Number(v.seed);

const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

(async () => {
  const runs = { 1: [], 2: [] };
  const log = (s) => !v.json && console.log(s);
  log(
    `fuzz --jobs 1 vs --jobs 2: ${seconds} s each, ${rounds} rounds, seed ${seed}, ${os.availableParallelism()} cores`,
  );
  for (let i = 0; i < rounds; i++)
    for (const jobs of [1, 2]) {
      const load = os.loadavg()[0];
      const cpu0 = process.cpuUsage();
      const r = await fuzzJobs({ seconds, seed, jobs });
      const cpu = process.cpuUsage(cpu0);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (r.divergences) throw new Error(`a divergence: ${r.failure.why}`);
      runs[jobs].push(r.opsPerSecond);
      log(
        `  --jobs ${jobs}: ${r.tapes} tapes, ${r.opsPerSecond} ops/s, ${(cpuSeconds / r.seconds).toFixed(2)} cores busy, ${Math.round(r.ops / cpuSeconds)} ops per CPU second (load average ${load.toFixed(2)} before)`,
      );
    }
  const one = median(runs[1]);
  const two = median(runs[2]);
  const out = {
    seconds,
    rounds,
    seed,
    cores: os.availableParallelism(),
    opsPerSecond: { 1: one, 2: two },
    ratio: Number((two / one).toFixed(2)),
    runs,
  };
  if (v.json) console.log(JSON.stringify(out));
  else log(`median: --jobs 1 ${one} ops/s, --jobs 2 ${two} ops/s: x${out.ratio}`);
})().catch((e) => {
  console.error(`fuzz-jobs: ${e.message}`);
  process.exit(1);
});
