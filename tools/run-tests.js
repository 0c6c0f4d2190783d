#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// `npm test`: every stage in tools/test-stages.js (or the ones named on the
// command line), a summary per stage, and as the very last line the plain
// total "N passed, N failed" over all of them.
'use strict';
const { stages } = require('./test-stages');

const only = process.argv.slice(2);
const strict = process.env.SKBEXT_REQUIRE_ALL === '1';
const rows = [];
let passed = 0;
let failed = 0;

for (const st of stages) {
  if (only.length && !only.includes(st.name)) continue;
  const why = st.needs ? st.needs() : null;
  if (why) {
    console.log(`SKIPPED ${st.name} (${st.what}): ${why}`);
    rows.push(`${st.name}: skipped, ${why}${strict ? ' (counted as a failure: SKBEXT_REQUIRE_ALL=1)' : ''}`);
    if (strict) failed++;
    continue;
  }
  console.log(`\n=== ${st.name}: ${st.what}`);
  const t0 = Date.now();
  let r;
  try {
    r = st.run();
  } catch (e) {
    r = { passed: 0, failed: 1, note: String(e && e.stack ? e.stack : e) };
  }
  if (r.note) console.log(`${st.name}: ${r.note}`);
  passed += r.passed;
  failed += r.failed;
  rows.push(`${st.name}: ${r.passed} passed, ${r.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

console.log('\nsummary');
for (const r of rows) console.log(`  ${r}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
