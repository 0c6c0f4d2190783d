// SPDX-License-Identifier: GPL-2.0-only
// ClusterFuzzLite's build and run, here, without Docker: the `cflite`
// stage of npm test. Sets what the engine sets for an ASan libFuzzer
// build (CC, CXX, CFLAGS, CXXFLAGS, LIB_FUZZING_ENGINE, SRC, WORK, OUT,
// temp dirs), runs .clusterfuzzlite/build.sh, checks that $OUT holds every
// target with its seed corpus, dictionary and options, that the seeds are
// the bytes tools/fuzz/hex-to-bin.js makes and the tape dictionary names
// every opcode of the addon's table, then runs each target from $OUT with
// its dictionary and unzipped corpus for `seconds` (SKBEXT_CFLITE_SECONDS).
//   node tools/cflite-local.js [SECONDS]
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const TARGETS = [
  { name: 'tape_fuzzer', seeds: 'seeds' },
  { name: 'mptcp_options_fuzzer', seeds: 'seeds-mptcp' },
];
// what OSS-Fuzz's base-builder sets for the address sanitizer
const SAN = '-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope';

function unzip(zip, dir) {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('python3', ['-m', 'zipfile', '-e', zip, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`unzip ${zip}: ${r.stderr}`);
}

/** What is wrong with $OUT, in words (nothing: []). */
function checkOut(out, work) {
  const wrong = [];
  for (const t of TARGETS) {
    for (const f of [t.name, `${t.name}_seed_corpus.zip`, `${t.name}.dict`, `${t.name}.options`])
      if (!fs.existsSync(path.join(out, f))) wrong.push(`${f} missing from $OUT`);
    const zip = path.join(out, `${t.name}_seed_corpus.zip`);
    if (!fs.existsSync(zip)) continue;
    // the seeds are the bytes the one hex reader makes of each .hex
    const got = path.join(work, `check-${t.name}`);
    unzip(zip, got);
    const want = path.join(work, `want-${t.name}`);
    const hex = fs
      .readdirSync(path.join(top, 'tools', 'fuzz', t.seeds))
      .filter((f) => f.endsWith('.hex'))
      .map((f) => path.join(top, 'tools', 'fuzz', t.seeds, f));
    spawnSync(process.execPath, [path.join(top, 'tools', 'fuzz', 'hex-to-bin.js'), want, ...hex]);
    for (const f of fs.readdirSync(want)) {
      const g = path.join(got, f);
      if (!fs.existsSync(g) || !fs.readFileSync(g).equals(fs.readFileSync(path.join(want, f))))
        wrong.push(`${t.name}_seed_corpus.zip: ${f} is not what hex-to-bin.js makes of ${f}.hex`);
    }
  }
  const dict = path.join(out, 'tape_fuzzer.dict');
  if (fs.existsSync(dict)) wrong.push(...require('./fuzz/dict').checkTapeDict(fs.readFileSync(dict, 'utf8')));
  const mdict = path.join(out, 'mptcp_options_fuzzer.dict');
  if (fs.existsSync(mdict)) wrong.push(...require('./fuzz/dict').checkMptcpDict(fs.readFileSync(mdict, 'utf8')));
  return wrong;
}

/** @param {{ seconds?: number, quiet?: boolean }} opts */
function run(opts = {}) {
  const seconds = opts.seconds ?? 10;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-cflite-'));
  const [src, work, out] = ['src', 'work', 'out'].map((d) => path.join(tmp, d));
  for (const d of [src, work, out]) fs.mkdirSync(d);
  fs.symlinkSync(top, path.join(src, 'skbext'));
  const env = {
    ...process.env,
    CC: 'clang',
    CXX: 'clang++',
    CFLAGS: `${SAN} -fsanitize=fuzzer-no-link`,
    CXXFLAGS: `${SAN} -fsanitize=fuzzer-no-link`,
    LIB_FUZZING_ENGINE: '-fsanitize=fuzzer',
    SANITIZER: 'address',
    SRC: src,
    WORK: work,
    OUT: out,
  };
  try {
    const b = spawnSync('bash', [path.join(top, '.clusterfuzzlite', 'build.sh')], { env, encoding: 'utf8' });
    if (b.status !== 0) {
      process.stderr.write(b.stderr.split('\n').slice(-30).join('\n'));
      return { passed: 0, failed: 1, note: '.clusterfuzzlite/build.sh failed (is libclang-rt-14-dev installed?)' };
    }
    const wrong = checkOut(out, work);
    for (const w of wrong) console.log(`cflite: ${w}`);
    let passed = wrong.length ? 0 : 1;
    let failed = wrong.length ? 1 : 0;
    for (const t of TARGETS) {
      const corpus = path.join(work, `corpus-${t.name}`);
      unzip(path.join(out, `${t.name}_seed_corpus.zip`), corpus);
      const r = spawnSync(
        path.join(out, t.name),
        [
          `-dict=${path.join(out, `${t.name}.dict`)}`,
          `-max_total_time=${seconds}`,
          '-max_len=4096',
          '-seed=1',
          `-artifact_prefix=${work}/`,
          corpus,
        ],
        { cwd: out, encoding: 'utf8', maxBuffer: 1 << 28 },
      );
      const dict = /Dictionary: (\d+) entries/.exec(r.stderr);
      const done = /#(\d+)\s+DONE.*exec\/s: (\d+)/.exec(r.stderr);
      console.log(
        `cflite: ${t.name}: ${done ? `${done[1]} runs, ${done[2]} exec/s` : 'no summary'}, ` +
          `${dict ? dict[1] : 0} dictionary entries, ${r.status === 0 ? 'no finding' : `exit ${r.status}`}`,
      );
      if (r.status === 0 && dict) passed++;
      else {
        failed++;
        process.stderr.write(r.stderr.split('\n').slice(-60).join('\n'));
      }
    }
    return { passed, failed };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

module.exports = { run, checkOut };

if (require.main === module) {
  const r = run({ seconds: Number(process.argv[2] || process.env.SKBEXT_CFLITE_SECONDS || 10) });
  console.log(`cflite: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
  process.exit(r.failed ? 1 : 0);
}
