// SPDX-License-Identifier: GPL-2.0-only
/**
 * The config the loaded addon was built in (csrc/configs/): its name, the
 * extension ids it enables and the extension block's geometry.
 */
import { native } from './addon';
import type { SkbExtName } from './skb';

export interface SkbextConfig {
  /** 'debian' (the default: Debian 6.1's ids, as the oracle kernel) or 'full' */
  name: string;
  /**
   * how the extension block is allocated: 'none' (6.1's: one slab object
   * per block), 'cache' (`CONFIG_SKB_EXT_CACHE`: a freed block kept per
   * thread for the next one) or 'in_head' (`CONFIG_SKB_EXT_IN_HEAD`: the
   * block in room after the head's skb_shared_info); docs/design-variants.md
   */
  design: 'none' | 'cache' | 'in_head';
  /** the enabled ids, in `enum skb_ext_id` order */
  extIds: SkbExtName[];
  /** bytes per chunk (`SKB_EXT_ALIGN_VALUE`) */
  chunkBytes: number;
  /** chunks of `struct skb_ext`'s header (1 with three ids, 2 with five) */
  headerChunks: number;
  /** chunks of each enabled id's data */
  extChunks: Partial<Record<SkbExtName, number>>;
}

/** The loaded build's config. */
export function config(): SkbextConfig {
  const c = native().config();
  const ids = Object.entries(c.extIds)
    .sort((a, b) => a[1] - b[1])
    .map(([k]) => k as SkbExtName);
  return {
    name: c.configName,
    design: c.designName as SkbextConfig['design'],
    extIds: ids,
    chunkBytes: c.extChunkBytes,
    headerChunks: c.extHeaderChunks,
    extChunks: { ...c.extChunks } as Partial<Record<SkbExtName, number>>,
  };
}
