// SPDX-License-Identifier: GPL-2.0-only
// The history of skb_ext bugs, run as tests (docs/history.md). A history
// mutant is a patch in tools/mutants/ whose second line names its
// regression tape:
//
//   Mutant NN: <what the bug does>
//   Regression: tools/fuzz/seeds/history-NN-<name>.hex
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
 * @returns {{ n: number, file: string, what: string, regression: string | null }[]}
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
      return {
        n: Number(m[1]),
        file,
        what: lines[0].replace(/^Mutant \d+: /, ''),
        regression: reg ? reg[1] : null,
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

module.exports = { listMutants, listHistory, replay, judge };
