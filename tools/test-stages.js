// SPDX-License-Identifier: GPL-2.0-only
// The stages of `npm test`, in one place. Each stage says what it needs;
// a missing tool skips it with the reason (and fails the run when
// SKBEXT_REQUIRE_ALL=1, as .ci/run sets). run() returns { passed, failed }.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const top = path.resolve(__dirname, '..');
const buildC = path.join(top, 'build-c');

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { cwd: top, encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
}

function kunit(binary, env, dir = buildC) {
  return () => {
    const r = sh(path.join(dir, binary), [], { env: { ...process.env, ...env } });
    process.stdout.write(
      r.stdout
        .split('\n')
        .filter((l) => !l.startsWith('ok '))
        .join('\n'),
    );
    if (r.stderr) process.stderr.write(r.stderr);
    const m = /# kunit: (\d+) passed, (\d+) failed/.exec(r.stdout);
    if (!m)
      return { passed: 0, failed: 1, note: `${binary} ended without a summary (exit ${r.status}, signal ${r.signal})` };
    const failed = Number(m[2]) + (r.status === 0 || Number(m[2]) ? 0 : 1);
    const skipped = /, (\d+) skipped/.exec(r.stdout);
    return {
      passed: Number(m[1]),
      failed,
      note: skipped && Number(skipped[1]) ? `${skipped[1]} skipped (# SKIP: the config lacks an id)` : undefined,
    };
  };
}

const asanAddon = path.join(top, 'build-asan', 'Release', 'skbext.node');

function libasan() {
  const r = spawnSync('gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' });
  const f = r.status === 0 ? r.stdout.trim() : '';
  return f && fs.existsSync(f) ? f : null;
}

let distBuilt = false;

/* jest over the given files (all by default), on the addon @env names. */
function jestStage(env, files = [], label = env.SKBEXT_ADDON ? 'asan' : '') {
  // the worker_threads test loads dist/, so it must match lib/ (once per run)
  if (!distBuilt) {
    const tsc = sh(
      process.execPath,
      [path.join(top, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'],
      { stdio: 'inherit' },
    );
    if (tsc.status !== 0) return { passed: 0, failed: 1, note: 'tsc failed' };
    distBuilt = true;
  }
  const out = path.join(buildC, `jest-results${label ? `-${label}` : ''}.json`);
  fs.rmSync(out, { force: true });
  const jest = path.join(top, 'node_modules', 'jest', 'bin', 'jest.js');
  const r = sh(process.execPath, [jest, '--ci', '--json', `--outputFile=${out}`, ...files], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (!fs.existsSync(out))
    return { passed: 0, failed: 1, note: `jest wrote no results (exit ${r.status}, signal ${r.signal})` };
  const j = JSON.parse(fs.readFileSync(out, 'utf8'));
  // a failing globalTeardown (the slab check) fails the run without failing a test
  const teardown = r.status !== 0 && j.numFailedTests === 0 && !j.numRuntimeErrorTestSuites ? 1 : 0;
  return {
    passed: j.numPassedTests,
    failed: j.numFailedTests + (j.numRuntimeErrorTestSuites || 0) + teardown,
    note: teardown
      ? `jest exited ${r.status} with every test passed: the slab check in globalTeardown failed`
      : j.numPendingTests
        ? `${j.numPendingTests} skipped (test.skip: the config lacks an id)`
        : undefined,
  };
}

/*
 * The full config (csrc/configs/full: TC and MCTP too) in build dirs of
 * its own: the C tests and tape runner (CMake, build-c-full/) and the
 * addon (cmake-js, build-full/).
 */
const buildFull = path.join(top, 'build-c-full');
const fullAddon = path.join(top, 'build-full', 'Release', 'skbext.node');
const fullEnv = {
  SKBEXT_ADDON: fullAddon,
  SKBEXT_TAPE_RUN: path.join(buildFull, 'tape_run'),
  SKBEXT_EXPECT_CONFIG: 'full',
};
// the tape runners of the mutants that need the full config (tools/history.js)
const fullMutantTargets = () =>
  require('./history')
    .listMutants()
    .filter((m) => m.config === 'full')
    .map((m) => `tape_run_mut${m.n}`);
const needsFull = () => (fs.existsSync(fullAddon) ? null : 'the full config is not built (stage build-full)');

function linuxHeaders() {
  try {
    return fs.readdirSync('/usr/src').filter((d) => /^linux-headers-.*-amd64$/.test(d));
  } catch {
    return [];
  }
}

const stages = [
  {
    name: 'build',
    what: 'the developer build: C tests plain and ASan+UBSan, tape runner, mutants (CMake), the ASan addon (cmake-js), dist/',
    needs: () => (have('cmake') ? null : 'cmake not found (apt-get install cmake)'),
    run: () => {
      const parts = ['c', 'asan', 'ts'];
      // `npm install` builds the addon; build it here only if it is missing
      if (!fs.existsSync(path.join(top, 'build', 'Release', 'skbext.node'))) parts.unshift('addon');
      const r = sh(process.execPath, [path.join(top, 'tools', 'build.js'), ...parts], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      distBuilt = r.status === 0;
      return r.status === 0
        ? { passed: 1, failed: 0 }
        : { passed: 0, failed: 1, note: `tools/build.js ${parts.join(' ')} failed (exit ${r.status})` };
    },
  },
  {
    name: 'build-full',
    what: 'the full config (TC, MCTP): C tests and tape runner (build-c-full/), the addon (build-full/)',
    needs: () => {
      if (!have('cmake')) return 'cmake not found (apt-get install cmake)';
      return fs.existsSync(path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js'))
        ? null
        : 'cmake-js is not installed (npm install in the repository)';
    },
    run: () => {
      const jobs = String(Math.max(2, os.cpus().length));
      /** @type {[string, string[]][]} */
      const steps = [
        ['cmake', ['-S', '.', '-B', buildFull, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DSKBEXT_CONFIG=full']],
        [
          'cmake',
          [
            '--build',
            buildFull,
            '-j',
            jobs,
            '--target',
            'kunit_tests',
            'kunit_tests_asan',
            'tape_run',
            ...fullMutantTargets(),
          ],
        ],
        [
          process.execPath,
          [
            path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js'),
            'build',
            '-O',
            'build-full',
            '--CDSKBEXT_CONFIG=full',
          ],
        ],
      ];
      for (const [cmd, args] of steps) {
        const r = sh(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
        if (r.status !== 0) return { passed: 0, failed: 1, note: `${cmd} ${args.join(' ')} failed (exit ${r.status})` };
      }
      return { passed: 1, failed: 0 };
    },
  },
  {
    name: 'lint',
    what: 'eslint, prettier, tsc (lib, tests, tools as checkJs), checkpatch over csrc/',
    needs: () => {
      if (!fs.existsSync(path.join(top, 'node_modules', '.bin', 'eslint')))
        return 'eslint is not installed (npm install in the repository)';
      if (
        !process.env.SKBEXT_CHECKPATCH &&
        !fs.existsSync('/usr/src/linux-source-6.1.tar.xz') &&
        !fs.existsSync(path.join(top, 'build-lint', 'linux-source-6.1', 'scripts', 'checkpatch.pl'))
      ) {
        return 'checkpatch.pl not found (apt-get install linux-source-6.1, or set SKBEXT_CHECKPATCH)';
      }
      return null;
    },
    // one case per linter: a linter with findings counts one failure
    run: () => require('./lint').lint(),
  },
  {
    name: 'kunit',
    what: 'C KUnit-style tests',
    run: kunit('kunit_tests', {}),
  },
  {
    name: 'kunit-asan',
    what: 'C tests under ASan+UBSan',
    run: kunit('kunit_tests_asan', {
      ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1',
      UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
    }),
  },
  {
    name: 'kunit-full',
    what: 'C KUnit-style tests in the full config',
    needs: needsFull,
    run: kunit('kunit_tests', {}, buildFull),
  },
  {
    name: 'kunit-full-asan',
    what: 'C tests in the full config under ASan+UBSan',
    needs: needsFull,
    run: kunit(
      'kunit_tests_asan',
      { ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' },
      buildFull,
    ),
  },
  {
    name: 'jest',
    what: 'TypeScript tests (jest) on the addon built by node-gyp',
    run: () => jestStage({}),
  },
  {
    name: 'jest-asan',
    what: 'the addon tests again on the ASan+UBSan addon (cmake-js), under LD_PRELOAD',
    needs: () => {
      if (!fs.existsSync(asanAddon)) return `${path.relative(top, asanAddon)} is not built (npm run build:asan)`;
      const lib = libasan();
      return lib ? null : 'libasan.so not found (gcc -print-file-name=libasan.so)';
    },
    run: () =>
      jestStage(
        {
          SKBEXT_ADDON: asanAddon,
          LD_PRELOAD: libasan(),
          ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=1',
          UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
        },
        [
          'test/js/api.test.ts',
          'test/js/hostile.test.ts',
          'test/js/workers.test.ts',
          'test/js/layout.test.ts',
          'test/js/drivers.test.ts',
          'test/js/mptcp.test.ts',
          'test/js/worker-terminate.test.ts',
          'test/js/failnth-table.test.ts',
          'test/js/api-fuzz.test.ts',
        ],
      ),
  },
  {
    name: 'jest-full',
    what: 'the API, model and tape tests on the full config addon (build-full/), SKBEXT_ADDON',
    needs: needsFull,
    run: () =>
      jestStage(
        fullEnv,
        [
          'test/js/api.test.ts',
          'test/js/hostile.test.ts',
          'test/js/ext-state.test.ts',
          'test/js/tape-model.test.ts',
          'test/js/tape-table.test.ts',
          'test/js/layout.test.ts',
          'test/js/paths.test.ts',
          'test/js/gso.test.ts',
          'test/js/failnth-table.test.ts',
        ],
        'full',
      ),
  },
  {
    name: 'fuzz',
    what: 'model-checked fuzzing: generated tapes, C executor against the TypeScript model, fixed seed',
    run: () => {
      const secs = Number(process.env.SKBEXT_FUZZ_SECONDS || 30);
      const r = require('./fuzz').fuzz({ seconds: secs, seed: 1, quiet: true });
      console.log(
        `fuzz: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s), ${r.divergences} divergences`,
      );
      if (r.failure) console.log(`${r.failure.why}\nshrunk tape: ${r.failure.tape}`);
      return { passed: r.divergences ? 0 : 1, failed: r.divergences };
    },
  },
  {
    name: 'fuzz-full',
    what: 'model-checked fuzzing in the full config (TC, MCTP ids): the full addon against the model, fixed seed',
    needs: needsFull,
    run: () => {
      const secs = Number(process.env.SKBEXT_FUZZ_SECONDS || 30);
      // a process of its own: this one has the default addon loaded
      const code = `const r = require('./tools/fuzz').fuzz({ seconds: ${secs}, seed: 1, quiet: true });
        console.log(JSON.stringify({ ...r, failure: r.failure && { why: r.failure.why, tape: r.failure.tape } }));`;
      const p = sh(process.execPath, ['-e', code], { env: { ...process.env, ...fullEnv } });
      const line = (p.stdout || '').trim().split('\n').pop();
      let r;
      try {
        r = JSON.parse(line);
      } catch {
        return { passed: 0, failed: 1, note: `the full-config fuzzer ended without a result (exit ${p.status})` };
      }
      console.log(
        `fuzz-full: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s), ${r.divergences} divergences`,
      );
      if (r.failure) console.log(`${r.failure.why}\nshrunk tape: ${r.failure.tape}`);
      return { passed: r.divergences ? 0 : 1, failed: r.divergences };
    },
  },
  {
    name: 'mutants',
    what: 'mutation self-test: each deliberately broken core must be caught, a history bug by its regression tape',
    run: () => {
      // one deliberate bug per patch in tools/mutants/ (CMake builds
      // tape_run_mutN from a patched copy of csrc/); its first line says
      // what, and a history bug's second line names its regression tape
      // (tools/history.js, docs/history.md); those of the full config run
      // in mutants-full
      return require('./history').runMutants({ buildC, config: 'debian' });
    },
  },
  {
    name: 'api-mutants',
    what: 'the binding mutants (an addon each, cmake-js build-mutNN/): the API fuzzer must find each, seed 1, 30 s at most',
    needs: () =>
      fs.existsSync(path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js'))
        ? null
        : 'cmake-js is not installed (a dev dependency)',
    run: () => require('./history').runApiMutants({ seconds: Number(process.env.SKBEXT_API_MUTANT_SECONDS || 30) }),
  },
  {
    name: 'mutants-full',
    what: 'the mutants that need the full config (TC, MCTP), judged there: build-c-full and the full addon',
    needs: needsFull,
    run: () => {
      // a process of its own: this one has the default addon loaded
      const code = `const r = require('./tools/history').runMutants({ buildC: ${JSON.stringify(buildFull)}, config: 'full' });
        console.log(JSON.stringify(r));`;
      const p = sh(process.execPath, ['-e', code], { env: { ...process.env, ...fullEnv } });
      const lines = (p.stdout || '').trim().split('\n');
      let r;
      try {
        r = JSON.parse(lines.pop());
      } catch {
        return { passed: 0, failed: 1, note: `the full-config mutants ended without a result (exit ${p.status})` };
      }
      for (const l of lines) console.log(l);
      return r;
    },
  },
  {
    name: 'insn-guard',
    what: 'callgrind instructions per op of every workload/design vs bench/baseline.json, +3% at most',
    needs: () => require('./insn-guard').cannotRun(),
    run: () => require('./insn-guard').check(),
  },
  {
    name: 'libfuzzer',
    what: 'libFuzzer on the tape executor, 30 s, fixed seed',
    needs: () => (have('clang') ? null : 'clang not found (apt-get install clang libclang-rt-14-dev, or run .ci/run)'),
    run: () => {
      const b = sh('bash', ['tools/fuzz/build.sh'], { stdio: ['ignore', 'ignore', 'inherit'] });
      if (b.status !== 0)
        return { passed: 0, failed: 1, note: 'the libFuzzer build failed (is libclang-rt-14-dev installed?)' };
      const corpus = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-corpus-'));
      const seeds = path.join(top, 'build-fuzz', 'tape_fuzzer_seed_corpus');
      const secs = process.env.SKBEXT_FUZZ_SECONDS || '30';
      const r = sh(path.join(top, 'build-fuzz', 'tape_fuzzer'), [
        '-seed=1',
        `-max_total_time=${secs}`,
        '-max_len=1024',
        `-artifact_prefix=${path.join(top, 'build-fuzz')}/`,
        corpus,
        seeds,
      ]);
      const stats = /#(\d+)\s+DONE.*exec\/s: (\d+)/.exec(r.stderr);
      if (stats) console.log(`libfuzzer: ${stats[1]} runs, ${stats[2]} exec/s`);
      if (r.status !== 0) process.stderr.write(r.stderr.split('\n').slice(-60).join('\n'));
      return { passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1 };
    },
  },
  {
    name: 'cflite',
    what: 'ClusterFuzzLite without Docker: .clusterfuzzlite/build.sh as the engine runs it (ASan), then each target from $OUT',
    needs: () => (have('clang') ? null : 'clang not found (apt-get install clang libclang-rt-14-dev, or run .ci/run)'),
    run: () => require('./cflite-local').run({ seconds: Number(process.env.SKBEXT_CFLITE_SECONDS || 10) }),
  },
  {
    name: 'package',
    what: 'npm pack, installed into a fresh project (prebuild, then source build): require, import, strict TS, the CLI',
    needs: () => {
      if (!have('npm')) return 'npm not found';
      if (!fs.existsSync(path.join(top, 'node_modules', '.bin', 'prebuildify')))
        return 'prebuildify is not installed (npm install in the repository)';
      return null;
    },
    run: () => require('../test/package/check').check(),
  },
  {
    name: 'oracle',
    what: 'the same tapes in Linux 6.1 under qemu, traces compared line by line',
    needs: () => {
      if (!have('qemu-system-x86_64'))
        return 'qemu-system-x86_64 not found (apt-get install qemu-system-x86, or run .ci/run)';
      if (!linuxHeaders().length) return 'no /usr/src/linux-headers-*-amd64 (apt-get install linux-headers-amd64)';
      if (!fs.existsSync('/bin/busybox') || !have('cpio')) return 'busybox-static or cpio missing';
      return null;
    },
    run: () => require('./oracle-compare').compare({ tapes: Number(process.env.SKBEXT_ORACLE_TAPES || 300), seed: 1 }),
  },
];

/*
 * The allocation designs of issue 18 (docs/design-variants.md): the port
 * built with CONFIG_SKB_EXT_CACHE or CONFIG_SKB_EXT_IN_HEAD on top of
 * Debian's config, in build dirs of its own (build-c-<design>/ by CMake,
 * build-<design>/ the addon by cmake-js), judged by the same tests: KUnit
 * plain and under ASan+UBSan, jest on a short list, the model fuzzer, the
 * traces of the seeds and of generated and oracle tapes against the
 * default build's, and the mutants. Lean for CI: the mutants of the files
 * a design changes (skbuff.c, skbuff.h, mptcp.h), a 20 s fuzz, 300
 * tapes of each kind; SKBEXT_DESIGN_MUTANTS=all, SKBEXT_DESIGN_FUZZ_SECONDS
 * and SKBEXT_DESIGN_TAPES take the full figures.
 */
const DESIGN_FILES = ['csrc/net/core/skbuff.c', 'csrc/include/linux/skbuff.h', 'csrc/include/net/mptcp.h'];

/** The default config's mutants a design's stages build and judge. */
function designMutants() {
  const all = require('./history')
    .listMutants()
    // the binding's mutants (Addon:) are judged by api-mutants, not by a tape_run
    .filter((m) => m.config === 'debian' && !m.addon);
  if (process.env.SKBEXT_DESIGN_MUTANTS === 'all') return all;
  return all.filter((m) => {
    const text = fs.readFileSync(path.join(top, 'tools', 'mutants', m.file), 'utf8');
    return DESIGN_FILES.some((f) => text.includes(`+++ b/${f}`));
  });
}

/** Runs @code in a node process with @env, answering its last stdout line as JSON. */
function inProcess(code, env, what) {
  const p = sh(process.execPath, ['-e', code], { env: { ...process.env, ...env } });
  const lines = (p.stdout || '').trim().split('\n');
  try {
    return { r: JSON.parse(lines.pop() || ''), lines };
  } catch {
    process.stderr.write((p.stderr || '').split('\n').slice(-30).join('\n'));
    return { r: { passed: 0, failed: 1, note: `${what} ended without a result (exit ${p.status})` }, lines };
  }
}

function designStages(design) {
  const dirC = path.join(top, `build-c-${design}`);
  const addon = path.join(top, `build-${design}`, 'Release', 'skbext.node');
  const env = {
    SKBEXT_ADDON: addon,
    SKBEXT_TAPE_RUN: path.join(dirC, 'tape_run'),
    SKBEXT_EXPECT_DESIGN: design,
  };
  const needs = () => (fs.existsSync(addon) ? null : `the ${design} design is not built (stage build-${design})`);
  const asanEnv = {
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1',
    UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
  };
  return [
    {
      name: `build-${design}`,
      what: `the ${design} design (-DSKBEXT_DESIGN=${design}): C tests, tape runner, mutants (build-c-${design}/), the addon (build-${design}/)`,
      needs: () => {
        if (!have('cmake')) return 'cmake not found (apt-get install cmake)';
        return fs.existsSync(path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js'))
          ? null
          : 'cmake-js is not installed (npm install in the repository)';
      },
      run: () => {
        const jobs = String(Math.max(2, os.cpus().length));
        const targets = [
          'kunit_tests',
          'kunit_tests_asan',
          'tape_run',
          ...designMutants().map((m) => `tape_run_mut${m.n}`),
        ];
        /** @type {[string, string[]][]} */
        const steps = [
          ['cmake', ['-S', '.', '-B', dirC, '-DCMAKE_BUILD_TYPE=RelWithDebInfo', `-DSKBEXT_DESIGN=${design}`]],
          ['cmake', ['--build', dirC, '-j', jobs, '--target', ...targets]],
          [
            process.execPath,
            [
              path.join(top, 'node_modules', 'cmake-js', 'bin', 'cmake-js'),
              'build',
              '-O',
              `build-${design}`,
              `--CDSKBEXT_DESIGN=${design}`,
            ],
          ],
        ];
        for (const [cmd, args] of steps) {
          const r = sh(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
          if (r.status !== 0)
            return { passed: 0, failed: 1, note: `${cmd} ${args.join(' ')} failed (exit ${r.status})` };
        }
        return { passed: 1, failed: 0 };
      },
    },
    {
      name: `kunit-${design}`,
      what: `C KUnit-style tests in the ${design} design`,
      needs,
      run: kunit('kunit_tests', {}, dirC),
    },
    {
      name: `kunit-${design}-asan`,
      what: `C tests in the ${design} design under ASan+UBSan`,
      needs,
      run: kunit('kunit_tests_asan', asanEnv, dirC),
    },
    {
      name: `jest-${design}`,
      what: `the config, API and path tests on the ${design} design's addon (the model: fuzz-${design}, traces-${design})`,
      needs,
      run: () =>
        // workers: the block a thread keeps (cache) goes back with its addon
        jestStage(
          env,
          ['test/js/ext-state.test.ts', 'test/js/api.test.ts', 'test/js/paths.test.ts', 'test/js/workers.test.ts'],
          design,
        ),
    },
    {
      name: `fuzz-${design}`,
      what: `model-checked fuzzing of the ${design} design's addon, fixed seed`,
      needs,
      run: () => {
        const secs = Number(process.env.SKBEXT_DESIGN_FUZZ_SECONDS || 20);
        const code = `const r = require('./tools/fuzz').fuzz({ seconds: ${secs}, seed: 1, quiet: true });
          console.log(JSON.stringify({ ...r, failure: r.failure && { why: r.failure.why, tape: r.failure.tape } }));`;
        const { r } = inProcess(code, env, `the ${design} fuzzer`);
        if (r.note) return r;
        console.log(
          `fuzz-${design}: ${r.tapes} tapes, ${r.ops} ops in ${r.seconds} s (${r.opsPerSecond} ops/s), ${r.divergences} divergences`,
        );
        if (r.failure) console.log(`${r.failure.why}\nshrunk tape: ${r.failure.tape}`);
        return { passed: r.divergences ? 0 : 1, failed: r.divergences };
      },
    },
    {
      name: `traces-${design}`,
      what: `the ${design} design's traces against the default build's: seeds, generated and oracle tapes`,
      needs: () => (fs.existsSync(path.join(dirC, 'tape_run')) ? null : `build-c-${design}/tape_run is not built`),
      run: () => {
        const tapes = Number(process.env.SKBEXT_DESIGN_TAPES || 300);
        const r = require('./design-compare').compareDesign({ design, tapes, seed: 1 });
        return { passed: r.passed, failed: r.failed, note: r.note };
      },
    },
    {
      name: `mutants-${design}`,
      what: `the mutants built in the ${design} design, each to be caught`,
      needs,
      run: () => {
        const only = designMutants().map((m) => m.n);
        const code = `const r = require('./tools/history').runMutants({ buildC: ${JSON.stringify(dirC)}, config: 'debian', only: ${JSON.stringify(only)} });
          console.log(JSON.stringify(r));`;
        const { r, lines } = inProcess(code, env, `the ${design} mutants`);
        for (const l of lines) console.log(l);
        return r;
      },
    },
  ];
}

stages.push(...designStages('cache'), ...designStages('in_head'));

module.exports = { stages, top, buildC, sh, have, designStages, designMutants };
