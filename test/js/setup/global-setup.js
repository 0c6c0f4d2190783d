// SPDX-License-Identifier: GPL-2.0-only
// A folder where every test file's process reports its slab caches at the end.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function globalSetup() {
  process.env.SKBEXT_JEST_REPORTS = fs.mkdtempSync(path.join(os.tmpdir(), 'skbext-jest-'));
};
