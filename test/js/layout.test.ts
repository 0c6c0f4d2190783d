// SPDX-License-Identifier: GPL-2.0-only
/** The layout the addon reports, from the C build's offsetof/sizeof. */
import { layout, formatLayout } from '../../lib';

const structs = layout();
const skb = structs.find((s) => s.name === 'sk_buff')!;

test('struct sk_buff is 232 bytes in 4 cache lines', () => {
  expect(skb.size).toBe(232);
  expect(skb.cacheLines).toBe(4);
});

test.each([
  ['cb', 40],
  ['_skb_refdst', 88],
  ['len', 112],
  ['active_extensions', 127],
  ['headers', 128],
  ['tail', 188],
  ['end', 192],
  ['head', 200],
  ['data', 208],
  ['truesize', 216],
  ['users', 220],
  ['extensions', 224],
])('sk_buff.%s is at the offset measured on Debian 6.1 (%d)', (field, off) => {
  expect(skb.fields.find((f) => f.name === field)?.offset).toBe(off);
});

test('sec_path is 88 bytes and skb_shared_info 320', () => {
  expect(structs.find((s) => s.name === 'sec_path')!.size).toBe(88);
  expect(structs.find((s) => s.name === 'skb_shared_info')!.size).toBe(320);
});

test('the pahole-style text marks cache-line boundaries', () => {
  const text = formatLayout([skb]);
  expect(text).toContain('/* --- cacheline 1 boundary (64 bytes) --- */');
  expect(text).toContain('/* size: 232, cachelines: 4');
});
