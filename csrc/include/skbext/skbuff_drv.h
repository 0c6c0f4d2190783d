/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sk_buff helpers of linux/skbuff.h that only the driver call sites use
 * (trim, store_bits, queue mapping), kept apart so the core header
 * stays as its owner laid it out (skb_is_gso() moved there with the page
 * frags). The drivers' packets are linear: trimming paged data fails.
 */
#ifndef _SKBEXT_SKBUFF_DRV_H
#define _SKBEXT_SKBUFF_DRV_H

#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/skbuff.h>

static inline u16 skb_get_queue_mapping(const struct sk_buff *skb)
{
	return skb->queue_mapping;
}

static inline void __skb_trim(struct sk_buff *skb, unsigned int len)
{
	if (WARN_ON(skb->data_len))
		return;
	skb->len = len;
	skb_set_tail_pointer(skb, len);
}

/* 0, or -ENOMEM where the kernel would fail to trim paged data. */
static inline int pskb_trim(struct sk_buff *skb, unsigned int len)
{
	if (len >= skb->len)
		return 0;
	if (skb->data_len)
		return -ENOMEM;
	__skb_trim(skb, len);
	return 0;
}

/* Writes @len bytes at @offset of the data; -EFAULT if out of range. */
static inline int skb_store_bits(struct sk_buff *skb, int offset,
				 const void *from, int len)
{
	if (offset < 0 || len < 0 || (unsigned int)offset + len > skb_headlen(skb))
		return -EFAULT;
	memcpy(skb->data + offset, from, len);
	return 0;
}

static inline unsigned char *skb_inner_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->inner_network_header;
}

static inline unsigned char *skb_inner_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->inner_transport_header;
}

static inline int skb_inner_network_offset(const struct sk_buff *skb)
{
	return skb_inner_network_header(skb) - skb->data;
}

static inline int skb_inner_transport_offset(const struct sk_buff *skb)
{
	return skb_inner_transport_header(skb) - skb->data;
}

#endif /* _SKBEXT_SKBUFF_DRV_H */
