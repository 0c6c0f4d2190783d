// SPDX-License-Identifier: GPL-2.0-only
// The history of skb_ext bugs, run as tests (docs/history.md). A history
// mutant is a patch in tools/mutants/ whose second line names its
// regression tape:
//
//   Mutant NN: <what the bug does>
//   Regression: tools/fuzz/seeds/history-NN-<name>.hex
//   Config: full                       (optional: the ids it needs)
//
// A binding mutant (csrc/napi) says `Addon: tools/api-fuzz.js` on its
// second line instead: no tape runner is built for it and no tape judges
// it; the API fuzzer finds it on an addon built from the patched copy
// (the `api-mutants` stage, runApiMutants below).
//
// A mutant of a config other than the default (Debian's ids) is built and
// judged in that config's build folder (build-c-full), with the model and
// the fuzzer of that config's addon: the `mutants-full` stage.
//
// The tape is what the fixed kernel passes: the clean executor's trace
// equals the model's. The mutant brings the old behaviour back, and its
// tape_run must then diverge from the model on that tape (the same check
// the fuzzer makes: trace, leaks, warnings, slab debug errors).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const mutantDir = path.join(top, 'tools', 'mutants');

/**
 * Every mutant patch, with what its header says.
 * @returns {{ n: number, file: string, what: string, regression: string | null, config: string, addon: string | null }[]}
 */
function listMutants() {
  return fs
    .readdirSync(mutantDir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((file) => {
      const lines = fs.readFileSync(path.join(mutantDir, file), 'utf8').split('\n');
      const m = /^0*(\d+)-/.exec(file);
      if (!m) throw new Error(`tools/mutants/${file}: the name must start with its number (NN-name.patch)`);
      const reg = /^Regression: (\S+)$/.exec(lines[1] || '');
      const addon = /^Addon: (\S+)$/.exec(lines[1] || '');
      const cfg = /^Config: (\S+)$/.exec(lines[reg || addon ? 2 : 1] || '');
      return {
        n: Number(m[1]),
        file,
        what: lines[0].replace(/^Mutant \d+: /, ''),
        regression: reg ? reg[1] : null,
        config: cfg ? cfg[1] : 'debian',
        addon: addon ? addon[1] : null,
      };
    });
}

/** The mutants that carry a regression tape: the history bugs. */
function listHistory() {
  return listMutants().filter((m) => m.regression !== null);
}

/**
 * Replay one tape on a runner ('addon', or a tape_run binary) against the
 * model, as the fuzzer checks a generated one.
 * @param {string} runner
 * @param {string} tape repository-relative path of a hex tape
 * @returns {{ ok: boolean, why?: string }}
 */
function replay(runner, tape) {
  const lib = require(path.join(top, 'dist', 'lib'));
  const { check } = require('./fuzz');
  const { readHexTape } = require('./tape-gen');
  const bytes = readHexTape(path.join(top, tape));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-history-'));
  try {
    if (runner === 'addon') lib.debug.slab(true);
    return check(lib, runner, path.join(tmp, 'tape'), bytes);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * One history mutant judged by its tape: the clean tape_run must agree
 * with the model, tape_run_mutNN must not.
 * @param {{ n: number, regression: string | null }} m
 * @param {string} buildC the CMake build folder
 * @returns {{ caught: boolean, cleanOk: boolean, why: string }}
 */
function judge(m, buildC) {
  if (!m.regression) throw new Error(`mutant ${m.n} has no Regression: line`);
  const clean = replay(path.join(buildC, 'tape_run'), m.regression);
  const mut = replay(path.join(buildC, `tape_run_mut${m.n}`), m.regression);
  return {
    cleanOk: clean.ok,
    caught: clean.ok && !mut.ok,
    why: !clean.ok
      ? `the clean executor disagrees with the model on ${m.regression}: ${clean.why}`
      : mut.ok
        ? `tape_run_mut${m.n} passes ${m.regression}: the tape does not catch it`
        : (mut.why || '').split('\n')[0],
  };
}

/**
 * The mutation self-test for one config: each mutant of that config must
 * be caught, a history mutant by its regression tape (the fuzzer's figure
 * printed beside it), any other by the fuzzer, seed 1. Runs in a process
 * whose addon is that config's (SKBEXT_ADDON for the full one).
 * @param {{ buildC: string, config: string, only?: number[] }} opts
 *   only: these mutants alone (a design's stage, tools/test-stages.js)
 * @returns {{ passed: number, failed: number }}
 */
function runMutants({ buildC, config, only }) {
  let passed = 0;
  let failed = 0;
  for (const m of listMutants()) {
    if (m.config !== config || m.addon) continue;
    if (only && !only.includes(m.n)) continue;
    const tape = m.regression ? judge(m, buildC) : null;
    // a mutant its tape already catches gets a shorter search
    const r = require('./fuzz').fuzz({
      seconds: tape && tape.caught ? 20 : 60,
      seed: 1,
      quiet: true,
      runner: path.join(buildC, `tape_run_mut${m.n}`),
      out: path.join(top, 'build-fuzz', 'mutants'),
    });
    const fuzzed = r.failure
      ? `found after ${r.failure.opsToFind} ops, ${r.failure.tapesToFind} tapes`
      : `not found in ${r.seconds} s`;
    const caught = tape ? tape.caught : Boolean(r.failure);
    if (caught) passed++;
    else failed++;
    if (tape)
      console.log(
        `mutant ${m.n} (${m.what}): ${tape.caught ? 'caught by' : 'NOT caught by'} ${m.regression}` +
          `${tape.caught ? '' : ` (${tape.why})`}; fuzzer: ${fuzzed}`,
      );
    else console.log(`mutant ${m.n} (${m.what}): ${r.failure ? fuzzed : `NOT ${fuzzed}`}`);
  }
  return { passed, failed };
}

/** The binding mutants: an addon of their own, found by the API fuzzer. */
function listAddonMutants() {
  return listMutants().filter((m) => m.addon !== null);
}

/**
 * Build the addon of a binding mutant (cmake-js, build-mutNN/; a rebuild
 * only compiles what changed) and return its path.
 * @param {{ n: number, file: string }} m
 */
function buildAddonMutant(m) {
  const { spawnSync } = require('child_process');
  const cmakeJs = path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
  const dir = `build-mut${m.n}`;
  const r = spawnSync(
    process.execPath,
    [cmakeJs, 'build', '-O', dir, `--CDSKBEXT_ADDON_MUTANT=${path.join(mutantDir, m.file)}`],
    { cwd: top, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`mutant ${m.n}: the addon build failed\n${(r.stdout + r.stderr).slice(-3000)}`);
  return path.join(top, dir, 'Release', 'skbext.node');
}

/**
 * The binding mutants: each addon, loaded in a process of its own
 * (SKBEXT_ADDON), must fail the API fuzzer within `seconds` (seed 1);
 * the calls it took are printed.
 * @param {{ seconds?: number }} [opts]
 * @returns {{ passed: number, failed: number }}
 */
function runApiMutants(opts = {}) {
  const { spawnSync } = require('child_process');
  const seconds = opts.seconds || 30;
  let passed = 0;
  let failed = 0;
  for (const m of listAddonMutants()) {
    let addon;
    try {
      addon = buildAddonMutant(m);
    } catch (e) {
      console.log(String(e.message));
      failed++;
      continue;
    }
    const out = path.join(top, 'build-fuzz', 'api-mutants', String(m.n));
    const code = `require('./tools/api-fuzz').runApiPrograms({ seed: 1, seconds: ${seconds}, out: ${JSON.stringify(out)} })
      .then((r) => console.log(JSON.stringify({ calls: r.calls, programs: r.programs, f: r.failures[0] && {
        why: r.failures[0].shrunkWhy || r.failures[0].why, callsToFind: r.failures[0].callsToFind,
        programsToFind: r.failures[0].programsToFind, steps: r.failures[0].shrunkSteps, file: r.failures[0].file } })));`;
    const p = spawnSync(process.execPath, ['-e', code], {
      cwd: top,
      encoding: 'utf8',
      env: { ...process.env, SKBEXT_ADDON: addon },
      timeout: (seconds + 60) * 1000,
    });
    let r;
    try {
      r = JSON.parse((p.stdout || '').trim().split('\n').pop() || '');
    } catch {
      r = null;
    }
    if (r && r.f) {
      passed++;
      console.log(
        `mutant ${m.n} (${m.what}): found by the API fuzzer after ${r.f.callsToFind} calls, ` +
          `${r.f.programsToFind} programs; shrunk to ${r.f.steps} steps: ${r.f.why.split('\n')[0]}`,
      );
    } else {
      failed++;
      const why = r
        ? `NOT found in ${r.calls} calls, ${r.programs} programs`
        : `no result (exit ${p.status}, signal ${p.signal}): ${(p.stderr || '').slice(-1500)}`;
      console.log(`mutant ${m.n} (${m.what}): ${why}`);
    }
  }
  return { passed, failed };
}

module.exports = {
  listMutants,
  listHistory,
  listAddonMutants,
  buildAddonMutant,
  replay,
  judge,
  runMutants,
  runApiMutants,
};
