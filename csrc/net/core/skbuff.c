// SPDX-License-Identifier: GPL-2.0-only
/*
 * Routines for handling socket buffers and their extensions, as in
 * net/core/skbuff.c of Linux 6.1: allocation (with the fast-clone pair),
 * release, clone and copy, header helpers, and the skb extension block
 * with its copy-on-write rules.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include <trace/events/skb.h>

/*
 * SKBEXT_MUTANT=N builds a deliberately broken variant, for the mutation
 * self-test only (tools/test-stages.js, "mutants"): it shows the fuzzer
 * finds each kind of bug. A normal build leaves it undefined.
 */
#ifndef SKBEXT_MUTANT
#define SKBEXT_MUTANT 0
#endif


struct kmem_cache *skbuff_head_cache __read_mostly;
struct kmem_cache *skbuff_fclone_cache __read_mostly;
#ifdef CONFIG_SKB_EXTENSIONS
struct kmem_cache *skbuff_ext_cache __read_mostly;
#endif

/*
 * A full-size allocation for the head: round the request up to what
 * kmalloc hands out anyway, and report the real size back so that
 * skb_shared_info can sit at the very end of it.
 */
static void *kmalloc_reserve(unsigned int *size, gfp_t flags, bool *pfmemalloc)
{
	size_t obj_size = kmalloc_size_roundup(SKB_HEAD_ALIGN(*size));
	void *obj;

	/* kmalloc() of 4 GiB or more fails anyway; truncating is harmless */
	*size = (unsigned int)obj_size;
	obj = kmalloc_track_caller(obj_size,
				   flags | __GFP_NOMEMALLOC | __GFP_NOWARN);
	/* No memalloc reserves in userspace: a failure is final. */
	if (pfmemalloc)
		*pfmemalloc = false;
	return obj;
}

static void __build_skb_around(struct sk_buff *skb, void *data,
			       unsigned int frag_size)
{
	struct skb_shared_info *shinfo;
	unsigned int size = frag_size ? frag_size : ksize(data);

	size -= SKB_DATA_ALIGN(sizeof(struct skb_shared_info));

	/* the caller cleared everything up to tail */
	skb->truesize = SKB_TRUESIZE(size);
	refcount_set(&skb->users, 1);
	skb->head = (unsigned char *)data;
	skb->data = (unsigned char *)data;
	skb_reset_tail_pointer(skb);
	skb_set_end_offset(skb, size);
	skb->mac_header = (__typeof__(skb->mac_header))~0U;
	skb->transport_header = (__typeof__(skb->transport_header))~0U;
	skb->alloc_cpu = 0;

	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, offsetof(struct skb_shared_info, dataref));
	atomic_set(&shinfo->dataref, 1);
}

/**
 * __alloc_skb - allocate a network buffer
 * @size: bytes of data room wanted (tailroom of the new skb)
 * @gfp_mask: allocation flags
 * @flags: SKB_ALLOC_FCLONE takes skb1 of a fast-clone pair
 * @node: NUMA node (ignored: one node here)
 *
 * Returns an skb with one user, no headroom and at least @size bytes of
 * tailroom, or NULL when either allocation fails (nothing is left behind).
 */
struct sk_buff *__alloc_skb(unsigned int size, gfp_t gfp_mask,
			    int flags, int node)
{
	struct kmem_cache *cache;
	struct sk_buff *skb;
	bool pfmemalloc;
	u8 *data;

	(void)node;
	cache = (flags & SKB_ALLOC_FCLONE)
		? skbuff_fclone_cache : skbuff_head_cache;

	skb = (struct sk_buff *)kmem_cache_alloc(cache, gfp_mask);
	if (unlikely(!skb))
		return NULL;

	data = (u8 *)kmalloc_reserve(&size, gfp_mask, &pfmemalloc);
	if (unlikely(!data))
		goto nodata;

	/*
	 * Clear only what __build_skb_around() does not set: every field
	 * before tail. Nothing new may go after tail in struct sk_buff.
	 */
	memset(skb, 0, offsetof(struct sk_buff, tail));
	__build_skb_around(skb, data, size);
	skb->pfmemalloc = pfmemalloc;

	if (flags & SKB_ALLOC_FCLONE) {
		struct sk_buff_fclones *fclones;

		fclones = container_of(skb, struct sk_buff_fclones, skb1);

		skb->fclone = SKB_FCLONE_ORIG;
		refcount_set(&fclones->fclone_ref, 1);
	}

	return skb;

nodata:
	kmem_cache_free(cache, skb);
	return NULL;
}

static void skb_free_head(struct sk_buff *skb)
{
	kfree(skb->head);
}

static void kfree_skb_list(struct sk_buff *segs)
{
	while (segs) {
		struct sk_buff *next = segs->next;

		kfree_skb(segs);
		segs = next;
	}
}

static void skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);

	/* Other clones still use the head: only drop our reference. */
	if (skb->cloned &&
	    atomic_sub_return(skb->nohdr ? (1 << SKB_DATAREF_SHIFT) + 1 : 1,
			      &shinfo->dataref))
		goto exit;

	if (shinfo->frag_list)
		kfree_skb_list(shinfo->frag_list);

	skb_free_head(skb);
exit:
	skb->pp_recycle = 0;
}

/* Give the sk_buff itself back, without touching its state. */
static void kfree_skbmem(struct sk_buff *skb)
{
	struct sk_buff_fclones *fclones;

	switch (skb->fclone) {
	case SKB_FCLONE_UNAVAILABLE:
		kmem_cache_free(skbuff_head_cache, skb);
		return;

	case SKB_FCLONE_ORIG:
		fclones = container_of(skb, struct sk_buff_fclones, skb1);

		/*
		 * The clone is usually freed first (Tx completion), so
		 * this is where a lone original ends up.
		 */
		if (refcount_read(&fclones->fclone_ref) == 1)
			goto fastpath;
		break;

	default: /* SKB_FCLONE_CLONE */
		fclones = container_of(skb, struct sk_buff_fclones, skb2);
		break;
	}
	if (!refcount_dec_and_test(&fclones->fclone_ref))
		return;
fastpath:
	kmem_cache_free(skbuff_fclone_cache, fclones);
}

void skb_release_head_state(struct sk_buff *skb)
{
	skb_dst_drop(skb);
	if (skb->destructor)
		skb->destructor(skb);
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	nf_reset_ct(skb);
#endif
	skb_ext_put(skb);
}

/* Release everything the skb points to, but not the sk_buff itself. */
static void skb_release_all(struct sk_buff *skb)
{
	skb_release_head_state(skb);
	if (likely(skb->head))
		skb_release_data(skb);
}

/**
 * __kfree_skb - free an skb whatever its user count
 * @skb: buffer
 *
 * Internal: callers drop a reference with kfree_skb() or consume_skb().
 */
void __kfree_skb(struct sk_buff *skb)
{
	skb_release_all(skb);
	kfree_skbmem(skb);
}

/**
 * kfree_skb_reason - drop a reference, freeing a dropped packet
 * @skb: buffer (NULL is allowed)
 * @reason: why the packet is dropped, for the kfree_skb tracepoint
 */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (unlikely(!skb_unref(skb)))
		return;

	WARN_ON_ONCE(reason <= 0 || reason >= SKB_DROP_REASON_MAX);

	trace_kfree_skb(skb, __builtin_return_address(0), reason);
	__kfree_skb(skb);
}

/**
 * consume_skb - drop a reference, freeing a packet that was used
 * @skb: buffer (NULL is allowed)
 *
 * Frees like kfree_skb() but is counted as a normal end, not a drop.
 */
void consume_skb(struct sk_buff *skb)
{
	if (!skb_unref(skb))
		return;

	trace_consume_skb(skb);
	__kfree_skb(skb);
}

/* A field __copy_skb_header() relies on finding inside the headers group. */
#define CHECK_SKB_FIELD(field) \
	BUILD_BUG_ON(offsetof(struct sk_buff, field) !=		\
		     offsetof(struct sk_buff, headers.field))

static void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->tstamp		= old->tstamp;
	/* the socket is not the copy's */
	new->dev		= old->dev;
	memcpy(new->cb, old->cb, sizeof(old->cb));
	skb_dst_copy(new, old);
	__skb_ext_copy(new, old);
	if (SKBEXT_MUTANT == 2 && new->active_extensions)
		refcount_dec(&new->extensions->refcnt);
	__nf_copy(new, old, false);

	/* kept out of the headers group to avoid a 16-bit hole there */
	new->queue_mapping = old->queue_mapping;

	memcpy(&new->headers, &old->headers, sizeof(new->headers));
	CHECK_SKB_FIELD(protocol);
	CHECK_SKB_FIELD(csum);
	CHECK_SKB_FIELD(hash);
	CHECK_SKB_FIELD(priority);
	CHECK_SKB_FIELD(skb_iif);
	CHECK_SKB_FIELD(vlan_proto);
	CHECK_SKB_FIELD(vlan_tci);
	CHECK_SKB_FIELD(transport_header);
	CHECK_SKB_FIELD(network_header);
	CHECK_SKB_FIELD(mac_header);
	CHECK_SKB_FIELD(inner_protocol);
	CHECK_SKB_FIELD(inner_transport_header);
	CHECK_SKB_FIELD(inner_network_header);
	CHECK_SKB_FIELD(inner_mac_header);
	CHECK_SKB_FIELD(mark);
	CHECK_SKB_FIELD(secmark);
	CHECK_SKB_FIELD(napi_id);
	CHECK_SKB_FIELD(alloc_cpu);
	CHECK_SKB_FIELD(sender_cpu);
	CHECK_SKB_FIELD(tc_index);
}

/* Make @n a clone of @skb: same head, one more dataref, shared extensions. */
static struct sk_buff *__skb_clone(struct sk_buff *n, struct sk_buff *skb)
{
#define C(x) n->x = skb->x

	n->next = n->prev = NULL;
	n->sk = NULL;
	__copy_skb_header(n, skb);

	C(len);
	C(data_len);
	C(mac_len);
	n->hdr_len = skb->nohdr ? skb_headroom(skb) : skb->hdr_len;
	n->cloned = 1;
	n->nohdr = 0;
	n->peeked = 0;
	C(pfmemalloc);
	C(pp_recycle);
	n->destructor = NULL;
	C(tail);
	C(end);
	C(head);
	C(head_frag);
	C(data);
	C(truesize);
	refcount_set(&n->users, 1);

	atomic_inc(&(skb_shinfo(skb)->dataref));
	skb->cloned = 1;

	return n;
#undef C
}

/**
 * skb_clone - duplicate an sk_buff, sharing its data
 * @skb: buffer to clone
 * @gfp_mask: allocation flags
 *
 * The clone shares the head (dataref) and the extension block (refcnt).
 * An fclone original whose partner is free hands out skb2 without an
 * allocation. Returns the clone, or NULL if the allocation fails.
 */
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp_mask)
{
	struct sk_buff_fclones *fclones = container_of(skb,
						       struct sk_buff_fclones,
						       skb1);
	struct sk_buff *n;

	if (skb->fclone == SKB_FCLONE_ORIG &&
	    refcount_read(&fclones->fclone_ref) == 1) {
		n = &fclones->skb2;
		refcount_set(&fclones->fclone_ref, 2);
		n->fclone = SKB_FCLONE_CLONE;
	} else {
		n = (struct sk_buff *)kmem_cache_alloc(skbuff_head_cache,
						       gfp_mask);
		if (!n)
			return NULL;

		n->fclone = SKB_FCLONE_UNAVAILABLE;
	}

	return __skb_clone(n, skb);
}

void skb_headers_offset_update(struct sk_buff *skb, int off)
{
	/* csum_start only means an offset under CHECKSUM_PARTIAL */
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start += off;
	/* these are offsets from head, which moved */
	skb->transport_header += off;
	skb->network_header   += off;
	if (skb_mac_header_was_set(skb))
		skb->mac_header += off;
	skb->inner_transport_header += off;
	skb->inner_network_header += off;
	skb->inner_mac_header += off;
}

void skb_copy_header(struct sk_buff *new, const struct sk_buff *old)
{
	__copy_skb_header(new, old);

	skb_shinfo(new)->gso_size = skb_shinfo(old)->gso_size;
	skb_shinfo(new)->gso_segs = skb_shinfo(old)->gso_segs;
	skb_shinfo(new)->gso_type = skb_shinfo(old)->gso_type;
}

static inline int skb_alloc_rx_flag(const struct sk_buff *skb)
{
	if (skb_pfmemalloc(skb))
		return SKB_ALLOC_RX;
	return 0;
}

/**
 * skb_copy_bits - copy bytes out of an skb
 * @skb: source buffer
 * @offset: offset from skb->data (negative reaches into the headroom)
 * @to: destination
 * @len: number of bytes
 *
 * Returns 0, or -EFAULT when the range is not inside the buffer.
 */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	int start = skb_headlen(skb);

	if (offset > (int)skb->len - len)
		goto fault;
	if (offset < -(int)skb_headroom(skb) || len < 0)
		goto fault;

	/* The linear part; this port has no page frags. */
	if (offset + len > start)
		goto fault;
	memcpy(to, skb->data + offset, len);
	return 0;

fault:
	return -EFAULT;
}

/**
 * skb_copy - private copy of an sk_buff and all of its data
 * @skb: buffer to copy
 * @gfp_mask: allocation flags
 *
 * The copy has its own head but shares the extension block (one more
 * reference), exactly as a clone does. Returns NULL on failure.
 */
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp_mask)
{
	struct sk_buff *n;
	unsigned int size;
	int headerlen;

	if (WARN_ON_ONCE(skb_shinfo(skb)->gso_type & SKB_GSO_FRAGLIST))
		return NULL;

	headerlen = skb_headroom(skb);
	size = skb_end_offset(skb) + skb->data_len;
	n = __alloc_skb(size, gfp_mask, skb_alloc_rx_flag(skb), NUMA_NO_NODE);
	if (!n)
		return NULL;

	skb_reserve(n, headerlen);
	skb_put(n, skb->len);

	BUG_ON(skb_copy_bits(skb, -headerlen, n->head, headerlen + skb->len));

	skb_copy_header(n, skb);
	return n;
}

/**
 * __pskb_copy_fclone - copy an sk_buff with a private head
 * @skb: buffer to copy
 * @headroom: headroom of the copy
 * @gfp_mask: allocation flags
 * @fclone: take the copy from the fast-clone cache (it will be cloned)
 *
 * Only the linear part is copied; frags would stay shared. The extension
 * block is shared, as with skb_copy(). Returns NULL on failure.
 */
struct sk_buff *__pskb_copy_fclone(struct sk_buff *skb, int headroom,
				   gfp_t gfp_mask, bool fclone)
{
	unsigned int size = skb_headlen(skb) + headroom;
	int flags = skb_alloc_rx_flag(skb) | (fclone ? SKB_ALLOC_FCLONE : 0);
	struct sk_buff *n = __alloc_skb(size, gfp_mask, flags, NUMA_NO_NODE);

	if (!n)
		goto out;

	skb_reserve(n, headroom);
	skb_put(n, skb_headlen(skb));
	skb_copy_from_linear_data(skb, n->data, n->len);

	n->truesize += skb->data_len;
	n->data_len  = skb->data_len;
	n->len	     = skb->len;

	skb_copy_header(n, skb);
out:
	return n;
}

static void skb_over_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	pr_err("skbuff: skb_over_panic: text:%p len:%u put:%u head:%p data:%p tail:%#lx end:%#lx\n",
	       addr, skb->len, sz, skb->head, skb->data,
	       (unsigned long)skb->tail, (unsigned long)skb->end);
	BUG();
}

static void skb_under_panic(struct sk_buff *skb, unsigned int sz, void *addr)
{
	pr_err("skbuff: skb_under_panic: text:%p len:%u put:%u head:%p data:%p tail:%#lx end:%#lx\n",
	       addr, skb->len, sz, skb->head, skb->data,
	       (unsigned long)skb->tail, (unsigned long)skb->end);
	BUG();
}

/**
 * skb_put - add data to the end of the buffer
 * @skb: buffer
 * @len: bytes to add
 *
 * Returns a pointer to the first added byte. Going past the end is a bug
 * (the kernel panics): callers check skb_tailroom() first.
 */
void *skb_put(struct sk_buff *skb, unsigned int len)
{
	void *tmp = skb_tail_pointer(skb);

	skb->tail += len;
	skb->len  += len;
	if (unlikely(skb->tail > skb->end))
		skb_over_panic(skb, len, __builtin_return_address(0));
	return tmp;
}

/**
 * skb_push - add data to the start of the buffer
 * @skb: buffer
 * @len: bytes to add
 *
 * Returns the new skb->data. Going below head is a bug: callers check
 * skb_headroom() first.
 */
void *skb_push(struct sk_buff *skb, unsigned int len)
{
	skb->data -= len;
	skb->len  += len;
	if (unlikely(skb->data < skb->head))
		skb_under_panic(skb, len, __builtin_return_address(0));
	return skb->data;
}

/**
 * skb_pull - remove data from the start of the buffer
 * @skb: buffer
 * @len: bytes to remove
 *
 * Returns the new skb->data, or NULL if @len is more than the linear part
 * (the buffer is then left unchanged).
 */
void *skb_pull(struct sk_buff *skb, unsigned int len)
{
	if (unlikely(len > skb->len - skb->data_len))
		return NULL;
	return __skb_pull(skb, len);
}

/**
 * skb_scrub_packet - clear state before the packet changes hands
 * @skb: buffer
 * @xnet: the packet also crosses into another network namespace
 *
 * Drops every extension (the block loses one reference), the dst and the
 * conntrack entry; across namespaces also the mark and the timestamp.
 */
void skb_scrub_packet(struct sk_buff *skb, bool xnet)
{
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
	skb_dst_drop(skb);
	skb_ext_reset(skb);
	nf_reset_ct(skb);
	nf_reset_trace(skb);

#ifdef CONFIG_NET_SWITCHDEV
	skb->offload_fwd_mark = 0;
	skb->offload_l3_fwd_mark = 0;
#endif
	ipvs_reset(skb);

	if (!xnet)
		return;

	skb->mark = 0;
	skb_clear_tstamp(skb);
}

#ifdef CONFIG_SKB_EXTENSIONS
#define SKB_EXT_ALIGN_VALUE	8
#define SKB_EXT_CHUNKSIZEOF(x)	(ALIGN((sizeof(x)), SKB_EXT_ALIGN_VALUE) / SKB_EXT_ALIGN_VALUE)

static const u8 skb_ext_type_len[] = {
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	[SKB_EXT_BRIDGE_NF] = SKB_EXT_CHUNKSIZEOF(struct nf_bridge_info),
#endif
#ifdef CONFIG_XFRM
	[SKB_EXT_SEC_PATH] = SKB_EXT_CHUNKSIZEOF(struct sec_path),
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	[TC_SKB_EXT] = SKB_EXT_CHUNKSIZEOF(struct tc_skb_ext),
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	[SKB_EXT_MPTCP] = SKB_EXT_CHUNKSIZEOF(struct mptcp_ext),
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	[SKB_EXT_MCTP] = SKB_EXT_CHUNKSIZEOF(struct mctp_flow),
#endif
};

/* Room for every id at once: a block never has to grow. */
static __always_inline unsigned int skb_ext_total_length(void)
{
	return SKB_EXT_CHUNKSIZEOF(struct skb_ext) +
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
		SKB_EXT_CHUNKSIZEOF(struct nf_bridge_info) +
#endif
#ifdef CONFIG_XFRM
		SKB_EXT_CHUNKSIZEOF(struct sec_path) +
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
		SKB_EXT_CHUNKSIZEOF(struct tc_skb_ext) +
#endif
#if IS_ENABLED(CONFIG_MPTCP)
		SKB_EXT_CHUNKSIZEOF(struct mptcp_ext) +
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
		SKB_EXT_CHUNKSIZEOF(struct mctp_flow) +
#endif
		0;
}

unsigned int skb_ext_type_chunks(enum skb_ext_id id)
{
	if (WARN_ON_ONCE((unsigned int)id >= SKB_EXT_NUM))
		return 0;
	return skb_ext_type_len[id];
}

static void skb_extensions_init(void)
{
	BUILD_BUG_ON(SKB_EXT_NUM >= 8);
	BUILD_BUG_ON(ARRAY_SIZE(skb_ext_type_len) != SKB_EXT_NUM);
	WARN_ON(skb_ext_total_length() > 255);

	skbuff_ext_cache = kmem_cache_create("skbuff_ext_cache",
					     SKB_EXT_ALIGN_VALUE * skb_ext_total_length(),
					     0,
					     SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					     NULL);
}
#else
static void skb_extensions_init(void) {}
#endif

int skb_init(void)
{
	skbuff_head_cache = kmem_cache_create_usercopy("skbuff_head_cache",
					      sizeof(struct sk_buff),
					      0,
					      SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					      offsetof(struct sk_buff, cb),
					      sizeof_field(struct sk_buff, cb),
					      NULL);
	skbuff_fclone_cache = kmem_cache_create("skbuff_fclone_cache",
						sizeof(struct sk_buff_fclones),
						0,
						SLAB_HWCACHE_ALIGN | SLAB_PANIC,
						NULL);
	skb_extensions_init();
	return 0;
}
core_initcall(skb_init);

#ifdef CONFIG_SKB_EXTENSIONS
static void *skb_ext_get_ptr(struct skb_ext *ext, enum skb_ext_id id)
{
	return (char *)ext + (ext->offset[id] * SKB_EXT_ALIGN_VALUE);
}

/**
 * __skb_ext_alloc - allocate an empty extension block
 * @flags: allocation flags
 *
 * The block has one reference and no ids; attach it with __skb_ext_set().
 * Returns NULL when the allocation fails.
 */
struct skb_ext *__skb_ext_alloc(gfp_t flags)
{
	struct skb_ext *new = (struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache,
								 flags);

	if (new) {
		memset(new->offset, 0, sizeof(new->offset));
		refcount_set(&new->refcnt, 1);
	}

	return new;
}

/*
 * A block shared with another skb is copied before it is written. The
 * copy holds its own references on whatever the extensions point to (the
 * xfrm states of a sec_path, an MCTP key), and ours on @old is dropped.
 */
static struct skb_ext *skb_ext_maybe_cow(struct skb_ext *old,
					 unsigned int old_active)
{
	struct skb_ext *new;

	if (refcount_read(&old->refcnt) == 1 || SKBEXT_MUTANT == 5)
		return old;

	new = (struct skb_ext *)kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC);
	if (!new)
		return NULL;

	memcpy(new, old, old->chunks * SKB_EXT_ALIGN_VALUE);
	refcount_set(&new->refcnt, 1);

#ifdef CONFIG_XFRM
	if (old_active & (1 << SKB_EXT_SEC_PATH)) {
		struct sec_path *sp = (struct sec_path *)
			skb_ext_get_ptr(old, SKB_EXT_SEC_PATH);
		int i;

		for (i = 0; i < sp->len && SKBEXT_MUTANT != 1; i++)
			xfrm_state_hold(sp->xvec[i]);
	}
#endif
#ifdef CONFIG_MCTP_FLOWS
	if (old_active & (1 << SKB_EXT_MCTP)) {
		struct mctp_flow *flow = (struct mctp_flow *)
			skb_ext_get_ptr(old, SKB_EXT_MCTP);

		if (flow->key)
			refcount_inc(&flow->key->refs);
	}
#endif
	trace_skb_ext_cow(old, new);
	__skb_ext_put(old);
	return new;
}

/**
 * __skb_ext_set - make @ext the skb's only extension, as id @id
 * @skb: buffer
 * @id: extension id
 * @ext: a block from __skb_ext_alloc(); the skb takes its reference
 *
 * Whatever extensions the skb had are released. Returns the id's data.
 */
void *__skb_ext_set(struct sk_buff *skb, enum skb_ext_id id,
		    struct skb_ext *ext)
{
	unsigned int newlen, newoff = SKB_EXT_CHUNKSIZEOF(*ext);

	skb_ext_put(skb);
	newlen = newoff + skb_ext_type_len[id];
	ext->chunks = newlen;
	ext->offset[id] = newoff;
	skb->extensions = ext;
	skb->active_extensions = 1 << id;
	return skb_ext_get_ptr(ext, id);
}

/**
 * skb_ext_add - make room for extension @id, copying a shared block first
 * @skb: buffer
 * @id: extension id
 *
 * An id already present is returned as it is (in the skb's private copy
 * if the block was shared). A new id's data is not initialised.
 * Returns the id's data, or NULL on allocation failure, in which case the
 * skb and its block are unchanged.
 */
void *skb_ext_add(struct sk_buff *skb, enum skb_ext_id id)
{
	struct skb_ext *new, *old = NULL;
	unsigned int newlen, newoff;

	if (skb->active_extensions) {
		old = skb->extensions;

		new = skb_ext_maybe_cow(old, skb->active_extensions);
		if (!new)
			return NULL;

		if (__skb_ext_exist(new, id))
			goto set_active;

		newoff = new->chunks;
	} else {
		newoff = SKB_EXT_CHUNKSIZEOF(*new);

		new = __skb_ext_alloc(GFP_ATOMIC);
		if (!new)
			return NULL;
	}

	newlen = newoff + skb_ext_type_len[id];
	new->chunks = newlen;
	new->offset[id] = newoff;
set_active:
	skb->slow_gro = 1;
	skb->extensions = new;
	skb->active_extensions |= 1 << id;
	return skb_ext_get_ptr(new, id);
}

#ifdef CONFIG_XFRM
static void skb_ext_put_sp(struct sec_path *sp)
{
	int i;

	for (i = 0; i < sp->len; i++)
		xfrm_state_put(sp->xvec[i]);
}
#endif

#ifdef CONFIG_MCTP_FLOWS
static void skb_ext_put_mctp(struct mctp_flow *flow)
{
	if (flow->key)
		mctp_key_unref(flow->key);
}
#endif

/**
 * __skb_ext_del - drop extension @id from the skb
 * @skb: buffer
 * @id: an id the skb has (skb_ext_del() checks)
 *
 * The last id takes the block with it. Otherwise the id only stops being
 * active; its data stays in the block, except that a sec_path in a block
 * nobody else sees gives its states back at once.
 */
void __skb_ext_del(struct sk_buff *skb, enum skb_ext_id id)
{
	struct skb_ext *ext = skb->extensions;

	skb->active_extensions &= ~(1 << id);
	if (skb->active_extensions == 0) {
		skb->extensions = NULL;
		if (SKBEXT_MUTANT != 3)
			__skb_ext_put(ext);
#ifdef CONFIG_XFRM
	} else if (id == SKB_EXT_SEC_PATH &&
		   (refcount_read(&ext->refcnt) == 1 || SKBEXT_MUTANT == 6)) {
		struct sec_path *sp = (struct sec_path *)
			skb_ext_get_ptr(ext, SKB_EXT_SEC_PATH);

		skb_ext_put_sp(sp);
		sp->len = 0;
#endif
	}
}

/**
 * __skb_ext_put - drop a reference on an extension block
 * @ext: block
 *
 * The last reference releases what the extensions hold and frees it.
 */
void __skb_ext_put(struct skb_ext *ext)
{
	/*
	 * With one reference left nobody else can take one, so the
	 * atomic decrement can be skipped.
	 */
	if (refcount_read(&ext->refcnt) == 1)
		goto free_now;

	if (!refcount_dec_and_test(&ext->refcnt))
		return;
free_now:
#ifdef CONFIG_XFRM
	if (__skb_ext_exist(ext, SKB_EXT_SEC_PATH) && SKBEXT_MUTANT != 4)
		skb_ext_put_sp((struct sec_path *)
			       skb_ext_get_ptr(ext, SKB_EXT_SEC_PATH));
#endif
#ifdef CONFIG_MCTP_FLOWS
	if (__skb_ext_exist(ext, SKB_EXT_MCTP))
		skb_ext_put_mctp((struct mctp_flow *)
				 skb_ext_get_ptr(ext, SKB_EXT_MCTP));
#endif

	kmem_cache_free(skbuff_ext_cache, ext);
}
#endif /* CONFIG_SKB_EXTENSIONS */
