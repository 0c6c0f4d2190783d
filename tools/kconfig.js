#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// Which skb extension config a Node-side build uses (csrc/configs/<name>):
// $SKBEXT_CONFIG, else npm's `skbext_config` setting (npm install
// --skbext-config=full, or `npm config set skbext_config full`), else
// "debian", Debian 6.1's ids. CMake has its own switch, -DSKBEXT_CONFIG.
//   node tools/kconfig.js                the config's name
//   node tools/kconfig.js --include-dir  its include directory, relative to
//                                        the top (binding.gyp, fuzz/build.sh)
// require() gives configName(), configNames() and includeDir().
'use strict';
const fs = require('fs');
const path = require('path');

const top = path.resolve(__dirname, '..');
const CONFIGS = path.join(top, 'csrc', 'configs');

/** The configs there are: every csrc/configs/<name>/generated/autoconf.h. */
function configNames() {
  return fs
    .readdirSync(CONFIGS)
    .filter((d) => fs.existsSync(path.join(CONFIGS, d, 'generated', 'autoconf.h')))
    .sort();
}

/** The config asked for; an unknown name throws, listing the known ones. */
function configName(env = process.env) {
  const name = env.SKBEXT_CONFIG || env.npm_config_skbext_config || 'debian';
  if (!configNames().includes(name))
    throw new Error(`skbext: no config "${name}" (have: ${configNames().join(', ')}; see csrc/configs/)`);
  return name;
}

/** Its include directory, relative to the top. */
function includeDir(name = configName()) {
  return path.posix.join('csrc', 'configs', name);
}

module.exports = { configName, configNames, includeDir };

if (require.main === module) {
  try {
    console.log(process.argv.includes('--include-dir') ? includeDir() : configName());
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
