// SPDX-License-Identifier: GPL-2.0-only
/**
 * csrc/sources.txt, the one source list every build reads: each C and C++
 * file under csrc/ stands in it exactly once, each listed file exists, and
 * CMake's reader (csrc/sources.cmake) finds what node's does. Node's reader
 * is asked as the builds ask it, on its command line (binding.gyp,
 * tools/fuzz/build.sh).
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const top = path.resolve(__dirname, '..', '..');

/** `node tools/gyp-sources.js ARGS...`: paths relative to the top. */
function listed(...args: string[]): string[] {
  const out = execFileSync(process.execPath, [path.join(top, 'tools', 'gyp-sources.js'), ...args], {
    encoding: 'utf8',
  });
  return out.split('\n').filter((l) => l !== '');
}

/** Every .c and .cc below csrc/, relative to the top. */
function sourceFiles(rel = 'csrc'): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(top, rel), { withFileTypes: true })) {
    const r = `${rel}/${e.name}`;
    if (e.isDirectory()) out.push(...sourceFiles(r));
    else if (/\.(c|cc)$/.test(e.name)) out.push(r);
  }
  return out;
}

test('every .c and .cc under csrc/ is in a group of csrc/sources.txt', () => {
  const all = new Set(listed());
  // a new file: add "GROUP PATH" to csrc/sources.txt (its top names the groups)
  expect(sourceFiles().filter((f) => !all.has(f))).toEqual([]);
});

test('no file stands in csrc/sources.txt twice, and every listed file exists', () => {
  const all = listed();
  expect(all.filter((f, i) => all.indexOf(f) !== i)).toEqual([]);
  expect(all.filter((f) => !fs.existsSync(path.join(top, f)))).toEqual([]);
});

test('the groups hold what their builds can compile', () => {
  // C++ only in the binding: the C builds (skbcore, the fuzzers) take every other group
  expect(listed('napi').filter((f) => !f.endsWith('.cc'))).toEqual([]);
  expect(listed('--except', 'napi').filter((f) => !f.endsWith('.c'))).toEqual([]);
  // the oracle's Kbuild builds the tape-kernel files from a copy of csrc/tape/
  const kernel = listed('tape-kernel');
  expect(kernel.length).toBeGreaterThan(0);
  expect(kernel.filter((f) => !f.startsWith('csrc/tape/'))).toEqual([]);
  // the bench builds core and glue on its own: no driver, tape or binding file
  expect(listed('core', 'glue').filter((f) => /^csrc\/(drivers|tape|napi)\//.test(f))).toEqual([]);
});

const cmake = spawnSync('cmake', ['--version']).status === 0;
(cmake ? test : test.skip)('CMake reads the same files as node (cmake -P over csrc/sources.cmake)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-sources-'));
  const script = path.join(dir, 'read.cmake');
  fs.writeFileSync(
    script,
    [
      'cmake_minimum_required(VERSION 3.16)',
      `include(${path.join(top, 'csrc', 'sources.cmake')})`,
      'skbext_sources(a EXCEPT napi)',
      'skbext_sources(b core glue)',
      'message("${a}")',
      'message("${b}")',
      '',
    ].join('\n'),
  );
  const r = spawnSync('cmake', ['-P', script], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  expect(r.stderr).not.toMatch(/CMake (Error|Warning)/);
  expect(r.status).toBe(0);
  const [a, b] = r.stderr
    .trim()
    .split('\n')
    .map((l) => l.split(';').map((f) => path.relative(top, f)));
  expect(a).toEqual(listed('--except', 'napi'));
  expect(b).toEqual(listed('core', 'glue'));
});
