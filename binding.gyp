# SPDX-License-Identifier: GPL-2.0-only
# The Node addon: the kernel-style core (C) and the binding (C++,
# node-addon-api) in one shared object. `npm install` builds it from
# every group of csrc/sources.txt, read by tools/gyp-sources.js, in the
# config tools/kconfig.js names ($SKBEXT_CONFIG or npm's skbext_config;
# default debian).
{
  "targets": [
    {
      "target_name": "skbext",
      "sources": ["<!@(node tools/gyp-sources.js)"],
      "include_dirs": [
        "<!(node tools/kconfig.js --include-dir)",
        "csrc/include",
        "<!(node -p \"require('node-addon-api').include_dir\")"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS",
                  "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"],
      "cflags": ["-Wall", "-Wextra", "-fvisibility=hidden"],
      "cflags_c": ["-std=gnu11"],
      "cflags_cc": ["-std=gnu++17", "-fexceptions"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions", "-std=gnu++14", "-std=gnu++1y"]
    }
  ]
}
