// SPDX-License-Identifier: GPL-2.0-only
/**
 * skbext: Linux 6.1's sk_buff extension infrastructure, in userspace.
 * This entry exports the op-tape format and the reference model; the
 * addon-backed classes (Skb, XfrmState) are issue #3's work.
 */
export * from './tape/format';
export { TapeModel, predictTrace, countAllocations, FULL_CONFIG } from './tape/model';
export type { ModelConfig } from './tape/model';
