// SPDX-License-Identifier: GPL-2.0-only
/*
 * Design 5: BSD's m_tag list (mbuf_tags(9)). Each piece of metadata is
 * its own allocation, a struct m_tag header followed by the data, on a
 * singly linked list from the packet header; m_tag_locate() walks it;
 * duplicating a packet (m_dup_pkthdr / m_tag_copy_chain) copies every
 * tag, so a clone costs one allocation per tag. The skb keeps 6.1's
 * layout with the list head where the extensions pointer was.
 */
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include "bench.h"

/* FreeBSD's struct m_tag: link, id, len, cookie, free routine. */
struct m_tag {
	struct m_tag	*m_tag_next;
	u16		m_tag_id;
	u16		m_tag_len;
	u32		m_tag_cookie;
	void		(*m_tag_free)(struct m_tag *t);
};

#define MTAG_BENCH		0x5b3e0001u
enum { MTAG_BRIDGE = 1, MTAG_SECPATH, MTAG_MPTCP };

struct d5_sk_buff;
static void d5_release_meta(struct d5_sk_buff *skb);
static int d5_copy_meta(struct d5_sk_buff *n, const struct d5_sk_buff *old);

#define MSKB(x)			d5_##x
#define MSKB_CB_BYTES		48
#define MSKB_FIELDS_MID
#define MSKB_FIELDS_MID2
#define MSKB_HAS_ACTIVE		1	/* unused; keeps 6.1's offsets */
#define MSKB_HEADERS_419	0
#define MSKB_FIELDS_END		struct m_tag *tags;
#define MSKB_INIT_META(skb)	((skb)->tags = NULL)
#define MSKB_RELEASE_META(skb)	d5_release_meta(skb)
#define MSKB_COPY_META(n, old)	d5_copy_meta(n, old)
#define MSKB_CACHE_NAME		"bench_d5_head_mtag"
#include "mskb_tmpl.h"

BUILD_BUG_ON(sizeof(struct d5_sk_buff) != 232);

static void m_tag_free_default(struct m_tag *t)
{
	kfree(t);
}

static void m_tag_free_secpath(struct m_tag *t)
{
	struct sec_path *sp = (struct sec_path *)(t + 1);
	int i;

	for (i = 0; i < sp->len; i++)
		xfrm_state_put(sp->xvec[i]);
	kfree(t);
}

static struct m_tag *m_tag_alloc(u32 cookie, u16 type, u16 len)
{
	struct m_tag *t = kmalloc(sizeof(*t) + len, GFP_ATOMIC);

	if (!t)
		return NULL;
	t->m_tag_next = NULL;
	t->m_tag_id = type;
	t->m_tag_len = len;
	t->m_tag_cookie = cookie;
	t->m_tag_free = type == MTAG_SECPATH ? m_tag_free_secpath
					     : m_tag_free_default;
	return t;
}

static inline struct m_tag *m_tag_locate(const struct d5_sk_buff *skb,
					 u32 cookie, u16 type)
{
	struct m_tag *t;

	for (t = skb->tags; t; t = t->m_tag_next)
		if (t->m_tag_id == type && t->m_tag_cookie == cookie)
			return t;
	return NULL;
}

static inline void m_tag_prepend(struct d5_sk_buff *skb, struct m_tag *t)
{
	t->m_tag_next = skb->tags;
	skb->tags = t;
}

static noinline void m_tag_delete_chain(struct d5_sk_buff *skb)
{
	struct m_tag *t = skb->tags, *next;

	for (; t; t = next) {
		next = t->m_tag_next;
		t->m_tag_free(t);
	}
	skb->tags = NULL;
}

static struct m_tag *m_tag_copy(const struct m_tag *t)
{
	struct m_tag *p = m_tag_alloc(t->m_tag_cookie, t->m_tag_id,
				      t->m_tag_len);

	if (!p)
		return NULL;
	memcpy(p + 1, t + 1, t->m_tag_len);
	if (t->m_tag_id == MTAG_SECPATH) {
		struct sec_path *sp = (struct sec_path *)(p + 1);
		int i;

		for (i = 0; i < sp->len; i++)
			xfrm_state_hold(sp->xvec[i]);
	}
	return p;
}

/* m_tag_copy_chain(): all or nothing, in the same order. */
static noinline int m_tag_copy_chain(struct d5_sk_buff *to,
				     const struct d5_sk_buff *from)
{
	struct m_tag *p, *t, *tprev = NULL;

	for (p = from->tags; p; p = p->m_tag_next) {
		t = m_tag_copy(p);
		if (!t) {
			m_tag_delete_chain(to);
			return -ENOMEM;
		}
		if (tprev)
			tprev->m_tag_next = t;
		else
			to->tags = t;
		tprev = t;
	}
	return 0;
}

static void d5_release_meta(struct d5_sk_buff *skb)
{
	if (skb->tags)
		m_tag_delete_chain(skb);
}

static int d5_copy_meta(struct d5_sk_buff *n, const struct d5_sk_buff *old)
{
	n->tags = NULL;
	if (!old->tags)
		return 0;
	return m_tag_copy_chain(n, old);
}

static noinline int d5_add(void *p, enum bench_meta m)
{
	struct d5_sk_buff *skb = p;
	struct sec_path *sp;
	struct m_tag *t;

	switch (m) {
	case BM_BRIDGE:
		t = m_tag_alloc(MTAG_BENCH, MTAG_BRIDGE,
				sizeof(struct nf_bridge_info));
		if (!t)
			return -ENOMEM;
		memset(t + 1, 0, sizeof(struct nf_bridge_info));
		m_tag_prepend(skb, t);
		return 0;
	case BM_SECPATH:
		t = m_tag_locate(skb, MTAG_BENCH, MTAG_SECPATH);
		if (!t) {
			t = m_tag_alloc(MTAG_BENCH, MTAG_SECPATH,
					sizeof(struct sec_path));
			if (!t)
				return -ENOMEM;
			sp = (struct sec_path *)(t + 1);
			memset(sp->ovec, 0, sizeof(sp->ovec));
			sp->olen = 0;
			sp->len = 0;
			sp->verified_cnt = 0;
			m_tag_prepend(skb, t);
		}
		sp = (struct sec_path *)(t + 1);
		if (sp->len == XFRM_MAX_DEPTH)
			return -ENOBUFS;
		xfrm_state_hold(bench_xfrm_state);
		sp->xvec[sp->len++] = bench_xfrm_state;
		return 0;
	case BM_MPTCP:
		t = m_tag_alloc(MTAG_BENCH, MTAG_MPTCP, sizeof(struct mptcp_ext));
		if (!t)
			return -ENOMEM;
		bench_fill_mptcp(t + 1);
		m_tag_prepend(skb, t);
		return 0;
	default:
		return -EINVAL;
	}
}

/* Tags were copied with the packet: finding one is all a write needs. */
static noinline int d5_write(void *p, enum bench_meta m)
{
	static const u16 type[BM_NR] = {
		[BM_BRIDGE] = MTAG_BRIDGE,
		[BM_SECPATH] = MTAG_SECPATH,
		[BM_MPTCP] = MTAG_MPTCP,
	};

	return m_tag_locate(p, MTAG_BENCH, type[m]) ? 0 : -ENOENT;
}

static void d5_reset(void *skb)
{
	d5_release_meta(skb);
}

static void d5_layout(struct bench_layout *l)
{
	unsigned int br = bench_kmalloc_stride(sizeof(struct m_tag) +
					       sizeof(struct nf_bridge_info));
	unsigned int sp = bench_kmalloc_stride(sizeof(struct m_tag) +
					       sizeof(struct sec_path));
	unsigned int mp = bench_kmalloc_stride(sizeof(struct m_tag) +
					       sizeof(struct mptcp_ext));

	l->skb_size = sizeof(struct d5_sk_buff);
	l->skb_stride = bench_cache_stride(MSKB_CACHE_NAME);
	l->meta_bytes[0] = 0;
	l->meta_bytes[1] = br;
	l->meta_bytes[2] = br + sp;
	l->meta_bytes[3] = br + sp + mp;
	l->note = "one kmalloc per tag, and per tag again on every clone";
}

const struct bench_design design_mtag = {
	.name = "mtag",
	.title = "5 BSD m_tag list",
	.supports = BM_ALL,
	.init = d5_cache_init,
	.alloc = d5_bench_alloc,
	.clone = d5_bench_clone,
	.free = d5_bench_free,
	.add = d5_add,
	.write = d5_write,
	.reset = d5_reset,
	.layout = d5_layout,
};
