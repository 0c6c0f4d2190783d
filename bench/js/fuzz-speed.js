#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// What this tree's `skbext fuzz` does per second against an older
// commit's, both in one run on one machine: the old commit is exported
// (git archive) into a folder and built there once (addon and dist/,
// sharing this tree's node_modules), then `skbext fuzz` of each tree runs
// alternately (old, new, old, new, ...) with the same seed, time and
// jobs, so that a change in the machine's load falls on both. Each run
// is its own process. Prints each run's model-checked ops/s, the median
// of each tree and their ratio. Both make the same checks per tape (the
// model's trace against the executor's, no object left live, no new
// warning or slab debug error); only how they are made differs.
//
//   node bench/js/fuzz-speed.js [--base 00559e4] [--seconds 60] [--rounds 3]
//                               [--jobs 1] [--seed 1] [--dir DIR] [--json]
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { parseArgs } = require('util');

const top = path.resolve(__dirname, '..', '..');
const { values: v } = parseArgs({
  options: {
    base: { type: 'string', default: '00559e4' },
    seconds: { type: 'string', default: '60' },
    rounds: { type: 'string', default: '3' },
    jobs: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    dir: { type: 'string' },
    json: { type: 'boolean' },
  },
  strict: true,
});
const log = (s) => !v.json && console.error(s);
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length & 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The base commit's tree, built: the folder. */
function baseTree(commit) {
  const full = execFileSync('git', ['rev-parse', '--verify', `${commit}^{commit}`], {
    cwd: top,
    encoding: 'utf8',
  }).trim();
  const dir = path.resolve(v.dir || path.join(os.tmpdir(), `skbext-fuzz-base-${full.slice(0, 12)}`));
  const done = path.join(dir, '.built');
  if (fs.existsSync(done)) return { dir, commit: full };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`fuzz-speed: exporting ${full.slice(0, 12)} into ${dir} and building its addon and dist/`);
  const tar = path.join(dir, '.tree.tar');
  execFileSync('git', ['archive', '-o', tar, full], { cwd: top });
  execFileSync('tar', ['-xf', tar, '-C', dir]);
  fs.rmSync(tar);
  fs.symlinkSync(fs.realpathSync(path.join(top, 'node_modules')), path.join(dir, 'node_modules'));
  execFileSync(process.execPath, [path.join(dir, 'tools', 'build.js'), 'addon', 'ts'], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  fs.writeFileSync(done, full + '\n');
  return { dir, commit: full };
}

// /usr/bin/time, where there is one, also gives the CPU seconds each run
// used: ops per CPU second, which another process's load moves less.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function fuzzOnce(tree) {
  const args = [path.join(tree, 'tools', 'cli.js'), 'fuzz', '--seconds', v.seconds, '--seed', v.seed];
  args.push('--jobs', v.jobs, '--json');
  const [cmd, argv] = TIME ? [TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const r = spawnSync(cmd, argv, { cwd: tree, encoding: 'utf8', maxBuffer: 64 << 20 });
  const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(r.stderr);
  const last = r.stdout.trim().split('\n').pop() || '';
  let out;
  try {
    out = JSON.parse(last);
  } catch {
    throw new Error(`fuzz in ${tree} failed (status ${r.status}):\n${r.stderr.slice(-2000)}`);
  }
  if (out.divergences) throw new Error(`fuzz in ${tree}: a divergence: ${out.failure && out.failure.why}`);
  out.opsPerCpuSecond = cpu ? Math.round(out.ops / (Number(cpu[1]) + Number(cpu[2]))) : null;
  return out;
}

const base = baseTree(v.base);
const trees = { base: base.dir, this: top };
const runs = { base: [], this: [] };
const perCpu = { base: [], this: [] };
log(
  `fuzz-speed: ${base.commit.slice(0, 12)} vs this tree, ${v.seconds} s each, ${v.rounds} rounds, --jobs ${v.jobs}, seed ${v.seed}, ${os.availableParallelism()} cores`,
);
for (let i = 0; i < Number(v.rounds); i++)
  for (const which of ['base', 'this']) {
    const load = os.loadavg()[0];
    const r = fuzzOnce(trees[which]);
    runs[which].push(r.opsPerSecond);
    if (r.opsPerCpuSecond) perCpu[which].push(r.opsPerCpuSecond);
    log(
      `  ${which.padEnd(4)}: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s, ${r.opsPerSecond} ops/s` +
        `${r.opsPerCpuSecond ? `, ${r.opsPerCpuSecond} ops per CPU second` : ''} (load average ${load.toFixed(2)} before)`,
    );
  }
const out = {
  base: base.commit,
  seconds: Number(v.seconds),
  rounds: Number(v.rounds),
  jobs: Number(v.jobs),
  seed: Number(v.seed),
  opsPerSecond: { base: median(runs.base), this: median(runs.this) },
  ratio: Number((median(runs.this) / median(runs.base)).toFixed(2)),
  cpu: perCpu.base.length
    ? {
        opsPerCpuSecond: { base: median(perCpu.base), this: median(perCpu.this) },
        ratio: Number((median(perCpu.this) / median(perCpu.base)).toFixed(2)),
      }
    : null,
  runs,
};
if (v.json) console.log(JSON.stringify(out));
else
  console.log(
    `median: ${base.commit.slice(0, 12)} ${out.opsPerSecond.base} ops/s, this tree ${out.opsPerSecond.this} ops/s: x${out.ratio}` +
      (out.cpu
        ? `; per CPU second ${out.cpu.opsPerCpuSecond.base} vs ${out.cpu.opsPerCpuSecond.this}: x${out.cpu.ratio}`
        : ''),
  );
