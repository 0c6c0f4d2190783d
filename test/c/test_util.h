/* SPDX-License-Identifier: GPL-2.0-only */
/* Small helpers the C test suites share. */
#ifndef _TEST_UTIL_H
#define _TEST_UTIL_H

#include <skbext/slabinfo.h>
#include <linux/workqueue.h>
#include <linux/fault-inject.h>
#include <net/xfrm.h>

/* A state as the state table would hold it: allocated and valid. */
static inline struct xfrm_state *test_state_new(void)
{
	struct xfrm_state *x = xfrm_state_alloc(NULL);

	if (x)
		x->km.state = XFRM_STATE_VALID;
	return x;
}

/* Live objects in the cache called @name, -1 if there is none. */
static inline long test_cache_live(const char *name)
{
	struct slabinfo info;

	return slabinfo_get(name, &info) ? info.active_objs : -1;
}

/*
 * Whether @skb's block sits in its own head (CONFIG_SKB_EXT_IN_HEAD,
 * docs/design-variants.md): such a block is no skbuff_ext_cache object,
 * and a clone, copy or move takes it out to the slab first. Always
 * false in the other designs.
 */
static inline bool test_ext_in_head(const struct sk_buff *skb)
{
#ifdef CONFIG_SKB_EXT_IN_HEAD
	return skb->active_extensions && skb->head && !skb->head_frag &&
	       (unsigned char *)skb->extensions == skb_end_pointer(skb) +
			SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
#else
	(void)skb;
	return false;
#endif
}


/* Driver offload tests: an AES-GCM state and a matching ESP frame. */
#include <asm/byteorder.h>
#include <linux/in.h>
#include <skbext/esp_pkt.h>

#define TEST_SPI		0x1000
#define TEST_V4_SADDR		0x0a000001	/* 10.0.0.1 */
#define TEST_V4_DADDR		0x0a000002	/* 10.0.0.2 */

static inline void test_addr(xfrm_address_t *a, u16 family, u32 v4)
{
	memset(a, 0, sizeof(*a));
	if (family == AF_INET) {
		a->a4 = cpu_to_be32(v4);
	} else {
		a->in6.s6_addr[0] = 0xfd;
		a->in6.s6_addr[15] = v4 & 0xff;
	}
}

/*
 * A valid transport-mode ESP state with an rfc4106(gcm(aes)) AEAD: 128-bit
 * key and 32-bit salt, 128-bit ICV. @dir is its xso.dir.
 */
static inline struct xfrm_state *test_gcm_state_new(u8 dir, u16 family,
						    u32 spi)
{
	static const u8 key[20] = {
		1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
		0xa1, 0xa2, 0xa3, 0xa4,
	};
	struct xfrm_state *x = test_state_new();

	if (!x)
		return NULL;
	x->id.proto = IPPROTO_ESP;
	x->id.spi = cpu_to_be32(spi);
	x->props.family = family;
	x->props.mode = XFRM_MODE_TRANSPORT;
	test_addr(&x->id.daddr, family, TEST_V4_DADDR);
	test_addr(&x->props.saddr, family, TEST_V4_SADDR);
	x->xso.dir = dir;
	if (skbext_state_set_aead(x, "rfc4106(gcm(aes))", key, 160, 128)) {
		xfrm_state_delete(x);
		return NULL;
	}
	return x;
}

/* An ESP (or AH) frame from TEST_V4_SADDR to TEST_V4_DADDR for @spi. */
static inline struct sk_buff *test_ipsec_skb(u16 family, u32 spi, u8 proto)
{
	struct skbext_esp_pkt p = {
		.family = family,
		.spi = cpu_to_be32(spi),
		.seq = 7,
		.proto = proto,
	};

	test_addr(&p.saddr, family, TEST_V4_SADDR);
	test_addr(&p.daddr, family, TEST_V4_DADDR);
	return skbext_esp_build_skb(&p);
}

#endif /* _TEST_UTIL_H */
