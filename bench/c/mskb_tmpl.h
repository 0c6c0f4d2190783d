/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A model sk_buff for the designs whose struct differs from the port's:
 * the same fields at the same offsets as 6.1 (or 4.19), with the places
 * where the designs differ left as parameters, and alloc/clone/free that
 * take the same steps as net/core/skbuff.c (one slab object, a kmalloc'd
 * head, clear up to tail, shinfo and dataref, copy of the header group on
 * clone). Bitfields of the header group are kept as bytes: the bench
 * copies and clears them, it never reads one.
 *
 * Before including, define:
 *   MSKB(x)             name prefix (#define MSKB(x) d2_##x)
 *   MSKB_CB_BYTES       size of cb[]
 *   MSKB_FIELDS_MID     members between destructor and _nfct (or empty)
 *   MSKB_FIELDS_MID2    members between _nfct and len (or empty)
 *   MSKB_HAS_ACTIVE     1: the 6.1 active_extensions byte after the
 *                       cloned byte; 0: the 4.19 hole
 *   MSKB_HEADERS_419    1: the 4.19 header group (no alloc_cpu), else 6.1
 *   MSKB_FIELDS_END     members after users (or empty)
 *   MSKB_INIT_META(skb), MSKB_RELEASE_META(skb)
 *   MSKB_COPY_META(n, old)   0, or -ENOMEM with nothing taken
 *   MSKB_CACHE_NAME
 */
#include <linux/slab.h>
#include <trace/events/skb.h>

#if MSKB_HEADERS_419
struct MSKB(headers) {
	u8	flags[6];
	u16	tc_index;
	u32	csum;
	u32	priority;
	int	skb_iif;
	u32	hash;
	u16	vlan_proto;
	u16	vlan_tci;
	u32	napi_id;
	u32	secmark;
	u32	mark;
	u16	inner_protocol;
	u16	inner_transport_header;
	u16	inner_network_header;
	u16	inner_mac_header;
	u16	protocol;
	u16	transport_header;
	u16	network_header;
	u16	mac_header;
};
#else
struct MSKB(headers) {
	u8	flags[6];
	u16	tc_index;
	u32	csum;
	u32	priority;
	int	skb_iif;
	u32	hash;
	u16	vlan_proto;
	u16	vlan_tci;
	u32	napi_id;
	u16	alloc_cpu;
	u32	secmark;
	u32	mark;
	u16	inner_protocol;
	u16	inner_transport_header;
	u16	inner_network_header;
	u16	inner_mac_header;
	u16	protocol;
	u16	transport_header;
	u16	network_header;
	u16	mac_header;
};
#endif

struct MSKB(sk_buff) {
	struct MSKB(sk_buff)	*next;
	struct MSKB(sk_buff)	*prev;
	struct net_device	*dev;
	struct sock		*sk;
	u64			tstamp;
	char			cb[MSKB_CB_BYTES] __aligned(8);
	unsigned long		_skb_refdst;
	void			(*destructor)(struct MSKB(sk_buff) *skb);
	MSKB_FIELDS_MID
	unsigned long		_nfct;
	MSKB_FIELDS_MID2
	unsigned int		len;
	unsigned int		data_len;
	u16			mac_len;
	u16			hdr_len;
	u16			queue_mapping;
	u8			cloned:1,
				nohdr:1,
				fclone:2,
				peeked:1,
				head_frag:1,
				pfmemalloc:1,
				pp_recycle:1;
#if MSKB_HAS_ACTIVE
	u8			active_extensions;
#endif
	struct MSKB(headers)	headers;
	u32			tail;
	u32			end;
	unsigned char		*head;
	unsigned char		*data;
	unsigned int		truesize;
	refcount_t		users;
	MSKB_FIELDS_END
};

static struct kmem_cache *MSKB(head_cache);

static void MSKB(cache_init)(void)
{
	MSKB(head_cache) = kmem_cache_create(MSKB_CACHE_NAME,
					     sizeof(struct MSKB(sk_buff)), 0,
					     SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					     NULL);
}

static inline struct skb_shared_info *MSKB(shinfo)(const struct MSKB(sk_buff) *skb)
{
	return (struct skb_shared_info *)(skb->head + skb->end);
}

static noinline struct MSKB(sk_buff) *MSKB(alloc_skb)(unsigned int size,
						       gfp_t gfp)
{
	struct MSKB(sk_buff) *skb;
	struct skb_shared_info *shinfo;
	size_t obj_size;
	u8 *data;

	skb = kmem_cache_alloc(MSKB(head_cache), gfp);
	if (unlikely(!skb))
		return NULL;
	obj_size = kmalloc_size_roundup(SKB_HEAD_ALIGN(size));
	data = kmalloc_track_caller(obj_size, gfp);
	if (unlikely(!data)) {
		kmem_cache_free(MSKB(head_cache), skb);
		return NULL;
	}
	memset(skb, 0, offsetof(struct MSKB(sk_buff), tail));
	size = ksize(data) - SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	skb->truesize = size + SKB_DATA_ALIGN(sizeof(struct MSKB(sk_buff))) +
			SKB_DATA_ALIGN(sizeof(struct skb_shared_info));
	refcount_set(&skb->users, 1);
	skb->head = data;
	skb->data = data;
	skb->tail = 0;
	skb->end = size;
	skb->headers.mac_header = (u16)~0U;
	skb->headers.transport_header = (u16)~0U;
#if !MSKB_HEADERS_419
	skb->headers.alloc_cpu = 0;
#endif
	MSKB_INIT_META(skb);
	shinfo = MSKB(shinfo)(skb);
	memset(shinfo, 0, offsetof(struct skb_shared_info, dataref));
	atomic_set(&shinfo->dataref, 1);
	return skb;
}

static noinline struct MSKB(sk_buff) *MSKB(skb_clone)(struct MSKB(sk_buff) *skb,
						       gfp_t gfp)
{
	struct MSKB(sk_buff) *n = kmem_cache_alloc(MSKB(head_cache), gfp);

	if (!n)
		return NULL;
	n->fclone = SKB_FCLONE_UNAVAILABLE;
	n->next = n->prev = NULL;
	n->sk = NULL;
	/* __copy_skb_header() */
	n->tstamp = skb->tstamp;
	n->dev = skb->dev;
	memcpy(n->cb, skb->cb, sizeof(skb->cb));
	n->_skb_refdst = skb->_skb_refdst;
	if (MSKB_COPY_META(n, skb)) {
		kmem_cache_free(MSKB(head_cache), n);
		return NULL;
	}
	n->_nfct = skb->_nfct;
	n->queue_mapping = skb->queue_mapping;
	memcpy(&n->headers, &skb->headers, sizeof(n->headers));
	/* __skb_clone() */
	n->len = skb->len;
	n->data_len = skb->data_len;
	n->mac_len = skb->mac_len;
	n->hdr_len = skb->nohdr ? skb->data - skb->head : skb->hdr_len;
	n->cloned = 1;
	n->nohdr = 0;
	n->peeked = 0;
	n->pfmemalloc = skb->pfmemalloc;
	n->pp_recycle = skb->pp_recycle;
	n->destructor = NULL;
	n->tail = skb->tail;
	n->end = skb->end;
	n->head = skb->head;
	n->head_frag = skb->head_frag;
	n->data = skb->data;
	n->truesize = skb->truesize;
	refcount_set(&n->users, 1);
	atomic_inc(&MSKB(shinfo)(skb)->dataref);
	skb->cloned = 1;
	return n;
}

static noinline void MSKB(kfree_skb)(struct MSKB(sk_buff) *skb)
{
	struct skb_shared_info *shinfo;

	if (unlikely(!skb))
		return;
	if (likely(refcount_read(&skb->users) == 1))
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	else if (likely(!refcount_dec_and_test(&skb->users)))
		return;
	trace_kfree_skb((struct sk_buff *)skb, __builtin_return_address(0),
			SKB_DROP_REASON_NOT_SPECIFIED);
	/* skb_release_head_state() */
	WARN_ON_ONCE(skb->_skb_refdst);
	if (skb->destructor)
		skb->destructor(skb);
	WARN_ON_ONCE(skb->_nfct);
	MSKB_RELEASE_META(skb);
	/* skb_release_data() */
	shinfo = MSKB(shinfo)(skb);
	if (!skb->cloned ||
	    !atomic_sub_return(skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1,
			       &shinfo->dataref))
		kfree(skb->head);
	kmem_cache_free(MSKB(head_cache), skb);
}

/* An Rx skb as every workload gets it: headroom, then the payload. */
static void *MSKB(bench_alloc)(void)
{
	struct MSKB(sk_buff) *skb;

	skb = MSKB(alloc_skb)(BENCH_HEADROOM + BENCH_PAYLOAD, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb->data += BENCH_HEADROOM;
	skb->tail += BENCH_HEADROOM + BENCH_PAYLOAD;
	skb->len += BENCH_PAYLOAD;
	return skb;
}

static void *MSKB(bench_clone)(void *skb)
{
	return MSKB(skb_clone)(skb, GFP_ATOMIC);
}

static void MSKB(bench_free)(void *skb)
{
	MSKB(kfree_skb)(skb);
}
