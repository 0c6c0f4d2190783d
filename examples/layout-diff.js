#!/usr/bin/env node
// SPDX-License-Identifier: GPL-2.0-only
// A layout diff: this build's struct layouts (offsetof/sizeof from the C
// build, `layout()`) against another set of the same lines, by struct and
// field. The other side is the kernel's: by default the sizes and offsets
// measured on Debian 12's 6.1 kernel (docs/DESIGN.md, the oracle), given
// here in the layout-line format `parseLayout()` reads; or a file of such
// lines, as the kernel oracle's module prints them.
//
//   node examples/layout-diff.js [KERNEL_LAYOUT_LINES]
'use strict';
const fs = require('fs');
const { config, layout, parseLayout } = require('skbext');

const DEBIAN_6_1 = `
sizeof sk_buff 232
field sk_buff cb 40 48
field sk_buff _skb_refdst 88 8
field sk_buff len 112 4
field sk_buff active_extensions 127 1
field sk_buff headers 128 60
field sk_buff tail 188 4
field sk_buff end 192 4
field sk_buff head 200 8
field sk_buff data 208 8
field sk_buff truesize 216 4
field sk_buff users 220 4
field sk_buff extensions 224 8
sizeof skb_shared_info 320
sizeof sec_path 88
sizeof skb_ext 8
field skb_ext refcnt 0 4
field skb_ext offset 4 3
field skb_ext chunks 7 1
`;

const theirs = parseLayout((process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : DEBIAN_6_1).split('\n'));
const ours = new Map(layout().map((s) => [s.name, s]));
let same = 0;
let differ = 0;
for (const t of theirs) {
  const o = ours.get(t.name);
  if (!o) {
    console.log(`struct ${t.name}: not in this build`);
    differ++;
    continue;
  }
  const lines = [];
  if (o.size !== t.size) lines.push(`  sizeof: kernel ${t.size}, port ${o.size}`);
  for (const f of t.fields) {
    const g = o.fields.find((x) => x.name === f.name);
    if (!g) lines.push(`  ${f.name}: kernel @${f.offset} (${f.size}), port has none`);
    else if (g.offset !== f.offset || g.size !== f.size)
      lines.push(`  ${f.name}: kernel @${f.offset} (${f.size}), port @${g.offset} (${g.size})`);
  }
  const checked = 1 + t.fields.length;
  differ += lines.length;
  same += checked - lines.length;
  console.log(`struct ${t.name}: ${lines.length ? `${lines.length} of ${checked} differ` : `${checked} equal`}`);
  for (const l of lines) console.log(l);
}
console.log(`${same} equal, ${differ} different`);
if (!process.argv[2]) {
  const cfg = config();
  console.log(
    `(this addon is the ${cfg.name} config: ${cfg.extIds.join(', ')}; skb_ext's header ` +
      `${cfg.headerChunks * cfg.chunkBytes} bytes, Debian's kernel 8)`,
  );
}
