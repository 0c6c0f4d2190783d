#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// `npm run lint`: every linter, one line each, then "N passed, N failed".
//   eslint            the TypeScript and the JavaScript tools
//   prettier          formatting of the same (prettier --check)
//   tsc               lib/ and the tests (strict), tools/ checked as JS (checkJs)
//   checkpatch        the kernel's scripts/checkpatch.pl over csrc/ (C files)
// checkpatch comes from linux-source-6.1 (apt-get install linux-source-6.1):
// $SKBEXT_CHECKPATCH, else extracted once from /usr/src/linux-source-6.1.tar.xz
// into build-lint/. Without it that linter is skipped, and says why.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const bin = (name) => path.join(top, 'node_modules', '.bin', name);
const tsc = path.join(top, 'node_modules', 'typescript', 'bin', 'tsc');

/*
 * checkpatch types not applied, and why. Everywhere:
 *   LINE_SPACING: it reads struct_group()'s member list as declarations
 *     followed by code and asks for a blank line inside a struct.
 * In the shims that define kernel primitives (csrc/include, csrc/kernel),
 * which must spell what checkpatch asks everyone else to use:
 *   NEW_TYPEDEFS (u8, refcount_t, sk_buff_data_t, xfrm_address_t... are
 *   the kernel's own typedefs), PREFER_DEFINED_ATTRIBUTE_MACRO (compiler.h
 *   defines __aligned and friends), VOLATILE (READ_ONCE is made of it),
 *   COMPLEX_MACRO (__always_inline, barrier()), EXPORT_SYMBOL (defined
 *   empty), IS_ENABLED_CONFIG (kconfig.h defines IS_ENABLED),
 *   PRINTK_WITHOUT_KERN_LEVEL and PREFER_PR_LEVEL (printk and pr_* are
 *   defined there), SINGLE_STATEMENT_DO_WHILE_MACRO (WRITE_ONCE).
 */
const CHECKPATCH_IGNORE = ['LINE_SPACING'];
const SHIM_IGNORE = [
  'NEW_TYPEDEFS',
  'PREFER_DEFINED_ATTRIBUTE_MACRO',
  'VOLATILE',
  'COMPLEX_MACRO',
  'EXPORT_SYMBOL',
  'IS_ENABLED_CONFIG',
  'PRINTK_WITHOUT_KERN_LEVEL',
  'PREFER_PR_LEVEL',
  'SINGLE_STATEMENT_DO_WHILE_MACRO',
];

function run(cmd, args) {
  return spawnSync(cmd, args, { cwd: top, encoding: 'utf8', maxBuffer: 1 << 26 });
}

function cFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(top, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...cFiles(rel));
    else if (/\.[ch]$/.test(e.name)) out.push(rel);
  }
  return out.sort();
}

/* checkpatch.pl with spelling.txt and const_structs.checkpatch beside it. */
function findCheckpatch() {
  if (process.env.SKBEXT_CHECKPATCH) return { file: process.env.SKBEXT_CHECKPATCH };
  const dir = path.join(top, 'build-lint');
  const file = path.join(dir, 'linux-source-6.1', 'scripts', 'checkpatch.pl');
  if (fs.existsSync(file)) return { file };
  const tarball = '/usr/src/linux-source-6.1.tar.xz';
  if (!fs.existsSync(tarball)) return { why: `no ${tarball} (apt-get install linux-source-6.1)` };
  fs.mkdirSync(dir, { recursive: true });
  const names = ['checkpatch.pl', 'spelling.txt', 'const_structs.checkpatch'].map(
    (n) => `linux-source-6.1/scripts/${n}`,
  );
  const r = run('tar', ['-xJf', tarball, '-C', dir, ...names]);
  return r.status === 0 ? { file } : { why: `could not extract checkpatch from ${tarball}: ${r.stderr.trim()}` };
}

function checkpatch() {
  const cp = findCheckpatch();
  if (!cp.file) return { skipped: cp.why };
  const shim = (f) => f.startsWith('csrc/include/') || f.startsWith('csrc/kernel/');
  const files = cFiles('csrc').filter((f) => !f.startsWith('csrc/napi/'));
  const findings = [];
  for (const [group, ignore] of [
    [files.filter((f) => !shim(f)), CHECKPATCH_IGNORE],
    [files.filter(shim), [...CHECKPATCH_IGNORE, ...SHIM_IGNORE]],
  ]) {
    const r = run('perl', [
      cp.file,
      '--no-tree',
      '--terse',
      '--file',
      '--show-types',
      '--ignore',
      ignore.join(','),
      ...group,
    ]);
    findings.push(...r.stdout.split('\n').filter((l) => /: (ERROR|WARNING|CHECK):/.test(l)));
  }
  return { findings };
}

/** @type {Array<[string, () => { findings?: string[], skipped?: string, out?: string }]>} */
const linters = [
  [
    'eslint',
    () => {
      const r = run(process.execPath, [bin('eslint'), '--max-warnings', '0', '.']);
      return {
        findings: r.status === 0 ? [] : r.stdout.split('\n').filter((l) => /^\s+\d+:\d+/.test(l)),
        out: r.stdout + r.stderr,
      };
    },
  ],
  [
    'prettier',
    () => {
      const r = run(process.execPath, [bin('prettier'), '--check', '.']);
      return {
        findings: r.stderr.split('\n').filter((l) => l.startsWith('[warn] ') && !/Code style issues/.test(l)),
        out: r.stderr,
      };
    },
  ],
  [
    'tsc',
    () => {
      const f = [];
      for (const p of ['tsconfig.json', 'tsconfig.test.json', 'tsconfig.tools.json']) {
        const r = run(process.execPath, [tsc, '--noEmit', '-p', p]);
        f.push(...r.stdout.split('\n').filter((l) => /error TS\d+/.test(l)));
      }
      return { findings: f };
    },
  ],
  ['checkpatch', checkpatch],
];

function lint() {
  let passed = 0;
  let failed = 0;
  const strict = process.env.SKBEXT_REQUIRE_ALL === '1';
  for (const [name, fn] of linters) {
    const r = fn();
    if (r.skipped) {
      console.log(`${name}: skipped, ${r.skipped}${strict ? ' (counted as a failure: SKBEXT_REQUIRE_ALL=1)' : ''}`);
      if (strict) failed++;
      continue;
    }
    if (r.findings.length) {
      failed++;
      console.log(`${name}: ${r.findings.length} findings`);
      console.log(
        r.findings
          .slice(0, 40)
          .map((l) => `  ${l.trim()}`)
          .join('\n'),
      );
    } else {
      passed++;
      console.log(`${name}: 0 findings`);
    }
  }
  return { passed, failed };
}

module.exports = { lint };

if (require.main === module) {
  const r = lint();
  console.log(`${r.passed} passed, ${r.failed} failed`);
  process.exitCode = r.failed ? 1 : 0;
}
