// SPDX-License-Identifier: GPL-2.0-only
/*
 * Socket buffers and their extension block, as net/core/skbuff.c of
 * Linux 6.1 has them: allocation (with the fast-clone pair), release,
 * clone and copy, the few data helpers the port needs, and skb_ext with
 * its copy-on-write rules.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/if_ether.h>
#include <linux/init.h>
#include <asm/byteorder.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/mctp.h>
#include <trace/events/skb.h>
#if defined(CONFIG_SKB_EXT_CACHE) || defined(CONFIG_SKB_EXT_IN_HEAD)
#include <linux/fault-inject.h>
#endif
#ifdef CONFIG_SKB_EXT_CACHE
#include <linux/shrinker.h>
#endif

struct kmem_cache *skbuff_head_cache __read_mostly;
struct kmem_cache *skbuff_fclone_cache __read_mostly;
#ifdef CONFIG_SKB_EXTENSIONS
struct kmem_cache *skbuff_ext_cache __read_mostly;
#endif

/*
 * The fields __copy_skb_header() copies as one block must all sit inside
 * the headers group: adding one outside it would silently stop copying.
 */
#define SKB_IN_HEADERS(f)						\
	static_assert(offsetof(struct sk_buff, f) ==			\
		      offsetof(struct sk_buff, headers.f), #f)
SKB_IN_HEADERS(protocol);
SKB_IN_HEADERS(csum);
SKB_IN_HEADERS(hash);
SKB_IN_HEADERS(priority);
SKB_IN_HEADERS(skb_iif);
SKB_IN_HEADERS(vlan_proto);
SKB_IN_HEADERS(vlan_tci);
SKB_IN_HEADERS(transport_header);
SKB_IN_HEADERS(network_header);
SKB_IN_HEADERS(mac_header);
SKB_IN_HEADERS(inner_protocol);
SKB_IN_HEADERS(inner_transport_header);
SKB_IN_HEADERS(inner_network_header);
SKB_IN_HEADERS(inner_mac_header);
SKB_IN_HEADERS(mark);
SKB_IN_HEADERS(secmark);
SKB_IN_HEADERS(napi_id);
SKB_IN_HEADERS(alloc_cpu);
SKB_IN_HEADERS(sender_cpu);
SKB_IN_HEADERS(tc_index);

/* skb_shared_info is cleared only up to dataref; the rest is set apart. */
#define SHINFO_CLEARED	offsetof(struct skb_shared_info, dataref)

#ifdef CONFIG_SKB_EXT_IN_HEAD
/*
 * Bytes every head gets after its skb_shared_info for one whole extension
 * block (skb_extensions_init() sets it). They are not data room: end,
 * truesize and the tailroom are what they would be without them.
 */
static unsigned int skb_head_ext_room_size __read_mostly;
#else
#define skb_head_ext_room_size	0
#endif

/*
 * The head holds the data room and skb_shared_info after it. kmalloc
 * rounds the request up anyway, so the whole object is used: @size comes
 * back as the real buffer size.
 */
static void *skb_head_alloc(unsigned int *size, gfp_t gfp)
{
	size_t want = kmalloc_size_roundup(SKB_HEAD_ALIGN(*size));

	*size = (unsigned int)want;
	return kmalloc_track_caller(want + skb_head_ext_room_size,
				    gfp | __GFP_NOMEMALLOC | __GFP_NOWARN);
}

/* Point a cleared sk_buff at a fresh head of @bufsize bytes. */
static void skb_init_head(struct sk_buff *skb, u8 *head, unsigned int bufsize)
{
	unsigned int room = SKB_WITH_OVERHEAD(bufsize);
	struct skb_shared_info *shinfo;

	skb->head = head;
	skb->data = head;
	skb->tail = 0;
	skb->end = room;
	skb->truesize = SKB_TRUESIZE(room);
	skb->mac_header = SKB_HEADER_UNSET;
	skb->transport_header = SKB_HEADER_UNSET;
	skb->alloc_cpu = 0;
	refcount_set(&skb->users, 1);

	shinfo = skb_shinfo(skb);
	memset(shinfo, 0, SHINFO_CLEARED);
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
	bool pair = flags & SKB_ALLOC_FCLONE;
	struct kmem_cache *from = pair ? skbuff_fclone_cache
				       : skbuff_head_cache;
	struct sk_buff *skb;
	u8 *head;

	(void)node;
	skb = kmem_cache_alloc(from, gfp_mask);
	if (unlikely(!skb))
		return NULL;

	head = skb_head_alloc(&size, gfp_mask);
	if (unlikely(!head)) {
		kmem_cache_free(from, skb);
		return NULL;
	}

	/*
	 * Everything from tail on is set by skb_init_head(), so only the
	 * part before it is cleared: no field may be added after tail.
	 */
	memset(skb, 0, offsetof(struct sk_buff, tail));
	skb_init_head(skb, head, size);
	/*
	 * 6.1 leaves extensions as the slab had it: it is read only while
	 * active_extensions is set. Here a new skb starts with NULL, so
	 * that a stale pointer (skb_ext_reset() leaves one) reads as such.
	 */
	skb->extensions = NULL;
	/* userspace has no memalloc reserves to have dipped into */
	skb->pfmemalloc = 0;

	if (pair) {
		struct sk_buff_fclones *fc = container_of(skb,
				struct sk_buff_fclones, skb1);

		skb->fclone = SKB_FCLONE_ORIG;
		refcount_set(&fc->fclone_ref, 1);
	}
	return skb;
}

static void skb_drop_list(struct sk_buff *skb)
{
	while (skb) {
		struct sk_buff *later = skb->next;

		kfree_skb(skb);
		skb = later;
	}
}

/*
 * Let go of the head. A clone drops only its own dataref (and the
 * payload-only one a nohdr skb also holds); the last one frees the head
 * and whatever hangs off skb_shared_info.
 */
static void skb_release_data(struct sk_buff *skb)
{
	struct skb_shared_info *shinfo = skb_shinfo(skb);
	int mine = 1, f;

	if (skb->nohdr)
		mine += 1 << SKB_DATAREF_SHIFT;

	if (skb->cloned && atomic_sub_return(mine, &shinfo->dataref))
		goto keep;

	/* the last skb on this head: every page ref its frags took goes */
	for (f = 0; f < shinfo->nr_frags; f++)
		__skb_frag_unref(&shinfo->frags[f], skb->pp_recycle);
	skb_drop_list(shinfo->frag_list);
	kfree(skb->head);
keep:
	skb->pp_recycle = 0;
}

/*
 * Return the sk_buff itself to its cache. A fast-clone pair goes back as
 * one object when neither half is in use any more.
 */
static void kfree_skbmem(struct sk_buff *skb)
{
	struct sk_buff_fclones *pair;

	if (skb->fclone == SKB_FCLONE_UNAVAILABLE) {
		kmem_cache_free(skbuff_head_cache, skb);
		return;
	}

	if (skb->fclone == SKB_FCLONE_ORIG) {
		pair = container_of(skb, struct sk_buff_fclones, skb1);
		/* the clone half never handed out (or already back) */
		if (refcount_read(&pair->fclone_ref) == 1) {
			kmem_cache_free(skbuff_fclone_cache, pair);
			return;
		}
	} else {
		pair = container_of(skb, struct sk_buff_fclones, skb2);
	}

	if (refcount_dec_and_test(&pair->fclone_ref))
		kmem_cache_free(skbuff_fclone_cache, pair);
}

/* What the skb holds besides its data: route, owner, conntrack, block. */
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

/**
 * __kfree_skb - free an skb whatever its user count
 * @skb: buffer
 *
 * Internal: callers drop a reference with kfree_skb() or consume_skb().
 */
void __kfree_skb(struct sk_buff *skb)
{
	skb_release_head_state(skb);
	if (likely(skb->head))
		skb_release_data(skb);
	kfree_skbmem(skb);
}

/**
 * kfree_skb_reason - drop a reference, freeing a dropped packet
 * @skb: buffer (NULL is allowed)
 * @reason: why the packet is dropped, for the kfree_skb tracepoint
 *
 * 6.1 checks @reason with DEBUG_NET_WARN_ON_ONCE(), which exists only
 * with CONFIG_DEBUG_NET. Debian's kernel does not set it, so an
 * out-of-range reason is passed to the tracepoint without a warning.
 */
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason)
{
	if (!skb_unref(skb))
		return;
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

/**
 * __consume_stateless_skb - free an skb that holds no head state any more
 * @skb: buffer whose skb_release_head_state() has run, with no user left
 *
 * What udp frees its stateless skbs with: the data and the sk_buff, but
 * not the dst, conntrack entry or extension block again.
 */
void __consume_stateless_skb(struct sk_buff *skb)
{
	trace_consume_skb(skb);
	if (likely(skb->head))
		skb_release_data(skb);
	kfree_skbmem(skb);
}

/*
 * The metadata a copy or clone inherits. The copy gets a reference of its
 * own on the extension block and the conntrack entry; the socket and the
 * destructor stay with the original.
 */
static void __copy_skb_header(struct sk_buff *new, const struct sk_buff *old)
{
	new->dev = old->dev;
	new->tstamp = old->tstamp;
	memcpy(new->cb, old->cb, sizeof(new->cb));
	skb_dst_copy(new, old);
	__skb_ext_copy(new, old);
	__nf_copy(new, old, false);
	/* outside the headers group only to keep a hole out of it */
	new->queue_mapping = old->queue_mapping;
	new->headers = old->headers;
}

/*
 * Make @n a clone of @skb: the same head (one more dataref, both marked
 * cloned), the same block (one more reference), one user, no owner.
 */
static struct sk_buff *__skb_clone(struct sk_buff *n, struct sk_buff *skb)
{
	n->next = NULL;
	n->prev = NULL;
	n->sk = NULL;
	n->destructor = NULL;
	__copy_skb_header(n, skb);

	n->len = skb->len;
	n->data_len = skb->data_len;
	n->mac_len = skb->mac_len;
	/* a nohdr original's whole headroom is header nobody may write */
	n->hdr_len = skb->nohdr ? skb_headroom(skb) : skb->hdr_len;
	n->nohdr = 0;
	n->peeked = 0;
	n->pfmemalloc = skb->pfmemalloc;
	n->pp_recycle = skb->pp_recycle;
	n->head_frag = skb->head_frag;

	n->head = skb->head;
	n->data = skb->data;
	n->tail = skb->tail;
	n->end = skb->end;
	n->truesize = skb->truesize;
	refcount_set(&n->users, 1);

	atomic_inc(&skb_shinfo(skb)->dataref);
	n->cloned = 1;
	skb->cloned = 1;
	return n;
}

/*
 * The sk_buff a clone of @skb lives in: the free second half of its
 * fast-clone pair if it has one (no allocation), else a fresh one.
 */
static struct sk_buff *skb_clone_shell(struct sk_buff *skb, gfp_t gfp)
{
	struct sk_buff *n;

	if (skb->fclone == SKB_FCLONE_ORIG) {
		struct sk_buff_fclones *pair = container_of(skb,
					struct sk_buff_fclones, skb1);

		if (refcount_read(&pair->fclone_ref) == 1) {
			/* both halves in use from now on */
			refcount_set(&pair->fclone_ref, 2);
			pair->skb2.fclone = SKB_FCLONE_CLONE;
			/* as in __alloc_skb(): no pointer from an earlier use */
			pair->skb2.extensions = NULL;
			return &pair->skb2;
		}
	}

	n = kmem_cache_alloc(skbuff_head_cache, gfp);
	if (n) {
		n->fclone = SKB_FCLONE_UNAVAILABLE;
		n->extensions = NULL;
	}
	return n;
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
	struct sk_buff *n = skb_clone_shell(skb, gfp_mask);

	return n ? __skb_clone(n, skb) : NULL;
}

/* The head moved by @off bytes: shift every offset kept from it. */
void skb_headers_offset_update(struct sk_buff *skb, int off)
{
	__u16 *moved[] = {
		&skb->network_header, &skb->transport_header,
		&skb->inner_mac_header, &skb->inner_network_header,
		&skb->inner_transport_header,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(moved); i++)
		*moved[i] += off;
	/* an unset mac header stays unset (all ones) */
	if (skb_mac_header_was_set(skb))
		skb->mac_header += off;
	/* csum_start is an offset only while the checksum is partial */
	if (skb->ip_summed == CHECKSUM_PARTIAL)
		skb->csum_start += off;
}

/* A private copy's metadata: the header fields plus the GSO state. */
void skb_copy_header(struct sk_buff *new, const struct sk_buff *old)
{
	struct skb_shared_info *to = skb_shinfo(new);
	const struct skb_shared_info *from = skb_shinfo(old);

	__copy_skb_header(new, old);
	to->gso_type = from->gso_type;
	to->gso_segs = from->gso_segs;
	to->gso_size = from->gso_size;
}

/* A copy of a packet from the memalloc reserves comes from them too. */
static int skb_copy_alloc_flags(const struct sk_buff *skb)
{
	return skb_pfmemalloc(skb) ? SKB_ALLOC_RX : 0;
}

/**
 * skb_copy_bits - copy bytes out of an skb
 * @skb: source buffer
 * @offset: offset from skb->data (negative reaches into the headroom)
 * @to: destination
 * @len: number of bytes
 *
 * The range may run on from the linear part into the page frags and the
 * frag list, in that order. Returns 0, or -EFAULT when the range is not
 * inside the buffer.
 */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	const struct skb_shared_info *shinfo = skb_shinfo(skb);
	bool past_end = offset > (int)skb->len - len;
	bool before_head = offset < -(int)skb_headroom(skb);
	int start = skb_headlen(skb);
	const struct sk_buff *member;
	u8 *out = to;
	int f;

	if (past_end || before_head || len < 0)
		return -EFAULT;

	if (offset < start) {
		int n = min(start - offset, len);

		memcpy(out, skb->data + offset, n);
		out += n;
		offset += n;
		len -= n;
	}

	/* @start walks the frags' positions in the packet, @offset ours */
	for (f = 0; f < shinfo->nr_frags && len; f++) {
		const skb_frag_t *frag = &shinfo->frags[f];
		int end = start + (int)skb_frag_size(frag);

		if (offset < end) {
			int n = min(end - offset, len);

			memcpy(out, (u8 *)skb_frag_address(frag) +
			       (offset - start), n);
			out += n;
			offset += n;
			len -= n;
		}
		start = end;
	}

	for (member = shinfo->frag_list; member && len; member = member->next) {
		int end = start + (int)member->len;

		if (offset < end) {
			int n = min(end - offset, len);

			if (skb_copy_bits(member, offset - start, out, n))
				return -EFAULT;
			out += n;
			offset += n;
			len -= n;
		}
		start = end;
	}
	return len ? -EFAULT : 0;
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
	unsigned int headroom = skb_headroom(skb);
	struct sk_buff *n;
	int err;

	/* a frag list of whole packets cannot be linearised into one */
	if (WARN_ON_ONCE(skb_shinfo(skb)->gso_type & SKB_GSO_FRAGLIST))
		return NULL;

	n = __alloc_skb(skb_end_offset(skb) + skb->data_len, gfp_mask,
			skb_copy_alloc_flags(skb), NUMA_NO_NODE);
	if (!n)
		return NULL;

	/* same headroom, same length, and the headroom's bytes too */
	skb_reserve(n, headroom);
	skb_put(n, skb->len);
	err = skb_copy_bits(skb, -(int)headroom, n->head, headroom + skb->len);
	BUG_ON(err);

	skb_copy_header(n, skb);
	return n;
}

/*
 * @n, a fresh head, names the same pages and frag-list members as @skb:
 * one more reference on each page and on each member.
 */
static void pskb_share_paged(struct sk_buff *n, struct sk_buff *skb)
{
	struct skb_shared_info *from = skb_shinfo(skb), *to = skb_shinfo(n);
	struct sk_buff *member;
	int f;

	for (f = 0; f < from->nr_frags; f++) {
		to->frags[f] = from->frags[f];
		__skb_frag_ref(&to->frags[f]);
	}
	to->nr_frags = from->nr_frags;

	to->frag_list = from->frag_list;
	for (member = to->frag_list; member; member = member->next)
		skb_get(member);
}

/**
 * __pskb_copy_fclone - copy an sk_buff with a private head
 * @skb: buffer to copy
 * @headroom: headroom of the copy
 * @gfp_mask: allocation flags
 * @fclone: take the copy from the fast-clone cache (it will be cloned)
 *
 * Only the linear part is copied: the copy takes a reference on every
 * page frag and frag-list member instead. The extension block is shared,
 * as with skb_copy(). Returns NULL on failure.
 */
struct sk_buff *__pskb_copy_fclone(struct sk_buff *skb, int headroom,
				   gfp_t gfp_mask, bool fclone)
{
	unsigned int linear = skb_headlen(skb);
	int flags = skb_copy_alloc_flags(skb);
	struct sk_buff *n;

	if (fclone)
		flags |= SKB_ALLOC_FCLONE;
	n = __alloc_skb(linear + headroom, gfp_mask, flags, NUMA_NO_NODE);
	if (!n)
		return NULL;

	skb_reserve(n, headroom);
	memcpy(skb_put(n, linear), skb->data, linear);

	/* the paged part is shared: it is accounted here too */
	n->len = skb->len;
	n->data_len = skb->data_len;
	n->truesize += skb->data_len;
	pskb_share_paged(n, skb);

	skb_copy_header(n, skb);
	return n;
}

/* Writing past either end of the head is a bug the kernel panics on. */
static void skb_bounds_panic(const char *which, struct sk_buff *skb,
			     unsigned int sz, void *where)
{
	pr_err("skbuff: %s: text:%p len:%u put:%u head:%p data:%p tail:%#lx end:%#lx\n",
	       which, where, skb->len, sz, skb->head, skb->data,
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
	void *added = __skb_put(skb, len);

	if (unlikely(skb->tail > skb->end))
		skb_bounds_panic("skb_over_panic", skb, len,
				 __builtin_return_address(0));
	return added;
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
	void *start = __skb_push(skb, len);

	if (unlikely(skb->data < skb->head))
		skb_bounds_panic("skb_under_panic", skb, len,
				 __builtin_return_address(0));
	return start;
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
	if (len > skb_headlen(skb))
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
	skb_dst_drop(skb);
	skb_ext_reset(skb);
	nf_reset_ct(skb);
	nf_reset_trace(skb);
	ipvs_reset(skb);
	skb->pkt_type = PACKET_HOST;
	skb->skb_iif = 0;
	skb->ignore_df = 0;
#ifdef CONFIG_NET_SWITCHDEV
	skb->offload_fwd_mark = 0;
	skb->offload_l3_fwd_mark = 0;
#endif
	if (xnet) {
		skb->mark = 0;
		skb_clear_tstamp(skb);
	}
}

/**
 * kfree_skb_list_reason - drop a list of skbs linked by ->next
 * @segs: the first (NULL is allowed)
 * @reason: why, for each skb's kfree_skb tracepoint
 */
void kfree_skb_list_reason(struct sk_buff *segs, enum skb_drop_reason reason)
{
	while (segs) {
		struct sk_buff *after = segs->next;

		kfree_skb_reason(segs, reason);
		segs = after;
	}
}

/*
 * The network protocol skb_segment() checks the device can checksum.
 * VLAN tags are not modelled: a tagged packet has no protocol here.
 */
static __be16 skb_network_protocol(const struct sk_buff *skb)
{
	__be16 type = skb->protocol;

	if (type == htons(ETH_P_8021Q) || type == htons(ETH_P_8021AD))
		return 0;
	return type;
}

/* Whether @features checksum @proto for the segments. */
static bool skb_segment_csum_ok(netdev_features_t features, __be16 proto)
{
	if (features & NETIF_F_HW_CSUM)
		return true;
	if (proto == htons(ETH_P_IP))
		return features & NETIF_F_IP_CSUM;
	if (proto == htons(ETH_P_IPV6))
		return features & NETIF_F_IPV6_CSUM;
	return false;
}

/*
 * Where skb_segment() is in the head's page frags: frag @i starts at
 * byte @pos of the packet (counted from the mac header, as @offset is).
 */
struct skb_seg_cursor {
	int i;
	unsigned int pos;
};

/*
 * Give @nskb the paged bytes [@offset, @offset + @len) of @head: each
 * frag that overlaps the range is referenced again and trimmed to it.
 * Returns 0, or -EINVAL if the range needs more frags than an skb holds
 * (or than the head has).
 */
static int skb_segment_frags(struct sk_buff *nskb, struct sk_buff *head,
			     struct skb_seg_cursor *cur, unsigned int offset,
			     unsigned int len)
{
	const struct skb_shared_info *from = skb_shinfo(head);
	struct skb_shared_info *to = skb_shinfo(nskb);
	unsigned int end = offset + len;

	while (cur->pos < end) {
		skb_frag_t *nf;
		unsigned int size;

		if (WARN_ON_ONCE(cur->i >= from->nr_frags))
			return -EINVAL;
		if (to->nr_frags >= MAX_SKB_FRAGS) {
			pr_warn("skb_segment: too many frags: %u %u\n",
				cur->pos, from->gso_size);
			return -EINVAL;
		}

		nf = &to->frags[to->nr_frags++];
		*nf = from->frags[cur->i];
		__skb_frag_ref(nf);
		size = skb_frag_size(nf);

		/* the frag began in the previous segment: skip its head */
		if (cur->pos < offset) {
			skb_frag_off_add(nf, offset - cur->pos);
			skb_frag_size_sub(nf, offset - cur->pos);
		}
		/* it runs on into the next one: the next segment resumes it */
		if (cur->pos + size > end) {
			skb_frag_size_sub(nf, cur->pos + size - end);
			break;
		}
		cur->pos += size;
		cur->i++;
	}
	return 0;
}

/**
 * skb_segment - cut a GSO packet into gso_size pieces
 * @head_skb: the packet: skb->data at its payload, the mac header set,
 *	skb_shinfo()->gso_size the payload bytes per segment
 * @features: what the device does; NETIF_F_SG lets segments share the
 *	head's pages instead of copying
 *
 * Every segment is a fresh skb: the head's headers (mac header up to
 * skb->data) copied in front, then its share of the payload. Each gets
 * the head's metadata with __copy_skb_header(), so every segment holds
 * its own reference on the head's extension block. @head_skb is left
 * with skb->data pushed back to its mac header.
 *
 * Not in the port: frag lists (and GSO_BY_FRAGS), GSO_PARTIAL, and
 * software checksums (@features must checksum the protocol).
 *
 * Returns the segments linked by ->next (->prev of the first is the
 * last), or an ERR_PTR(): -ENOMEM when an allocation fails, in which case
 * the segments made so far are freed.
 */
struct sk_buff *skb_segment(struct sk_buff *head_skb,
			    netdev_features_t features)
{
	struct skb_shared_info *hinfo = skb_shinfo(head_skb);
	unsigned int mss = hinfo->gso_size, doffset, headroom, headlen;
	struct sk_buff *segs = NULL, *tail = NULL;
	struct skb_seg_cursor cur = { .i = 0 };
	bool sg = features & NETIF_F_SG;
	unsigned int offset, len, paged;
	__be16 proto;
	int err;

	/* 6.1 oopses on a packet without payload (a NULL frag list) */
	if (WARN_ON_ONCE(!mss || !head_skb->len))
		return ERR_PTR(-EINVAL);
	if (hinfo->frag_list || mss == GSO_BY_FRAGS)
		return ERR_PTR(-EOPNOTSUPP);

	doffset = skb_data_off(head_skb) - head_skb->mac_header;
	__skb_push(head_skb, doffset);
	proto = skb_network_protocol(head_skb);
	if (unlikely(!proto))
		return ERR_PTR(-EINVAL);
	if (!skb_segment_csum_ok(features, proto))
		return ERR_PTR(-EOPNOTSUPP);

	headroom = skb_headroom(head_skb);
	headlen = skb_headlen(head_skb);
	cur.pos = headlen;
	offset = doffset;

	do {
		unsigned int hsize = 0;
		struct sk_buff *nskb;

		len = min(head_skb->len - offset, mss);
		/* the linear bytes this segment takes from the head */
		if (headlen > offset)
			hsize = min(headlen - offset, len);
		if (!sg)
			hsize = len;

		err = -ENOMEM;
		nskb = __alloc_skb(hsize + doffset + headroom, GFP_ATOMIC,
				   skb_copy_alloc_flags(head_skb), NUMA_NO_NODE);
		if (unlikely(!nskb))
			goto err;
		if (segs)
			tail->next = nskb;
		else
			segs = nskb;
		tail = nskb;

		skb_reserve(nskb, headroom);
		__skb_put(nskb, doffset);
		__copy_skb_header(nskb, head_skb);
		skb_headers_offset_update(nskb, skb_headroom(nskb) - headroom);
		skb_reset_mac_len(nskb);
		skb_copy_from_linear_data_offset(head_skb, 0, nskb->data,
						 doffset);

		if (!sg) {
			err = skb_copy_bits(head_skb, offset,
					    skb_put(nskb, len), len);
			if (err)
				goto err;
			continue;
		}

		skb_copy_from_linear_data_offset(head_skb, offset,
						 skb_put(nskb, hsize), hsize);
		err = skb_segment_frags(nskb, head_skb, &cur, offset + hsize,
					len - hsize);
		if (err)
			goto err;
		paged = len - hsize;
		nskb->data_len = paged;
		nskb->len += paged;
		nskb->truesize += paged;
	} while ((offset += len) < head_skb->len);

	segs->prev = tail;
	return segs;

err:
	kfree_skb_list(segs);
	return ERR_PTR(err);
}

#ifdef CONFIG_SKB_EXTENSIONS
/* Chunks an object of type @t takes in a block. */
#define SKB_EXT_CHUNKSIZEOF(t)	DIV_ROUND_UP(sizeof(t), SKB_EXT_ALIGN_VALUE)

/*
 * Chunks each id's data takes. An id's room is handed out once per block,
 * at the first skb_ext_add() of it, after whatever the block held before.
 */
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
static_assert(ARRAY_SIZE(skb_ext_type_len) == SKB_EXT_NUM,
	      "every extension id needs its size");
static_assert(SKB_EXT_NUM < 8, "active_extensions is one byte");

/* Chunks of the header before the first id's data. */
#define SKB_EXT_HDR_CHUNKS	SKB_EXT_CHUNKSIZEOF(struct skb_ext)

unsigned int skb_ext_type_chunks(enum skb_ext_id id)
{
	if (WARN_ON_ONCE((unsigned int)id >= SKB_EXT_NUM))
		return 0;
	return skb_ext_type_len[id];
}

/* One block is big enough for every id at once, so it never grows. */
static unsigned int skb_ext_block_chunks(void)
{
	unsigned int id, n = SKB_EXT_HDR_CHUNKS;

	for (id = 0; id < SKB_EXT_NUM; id++)
		n += skb_ext_type_len[id];
	return n;
}

/*
 * Where a block comes from and where it goes back. 6.1 takes one object
 * of skbuff_ext_cache per block; the designs of issue 18
 * (docs/design-variants.md) change only the functions below, and keep
 * everything an skb shows: which skbs share a block, its refcount, its
 * offsets and chunks, and which allocation fail-nth fails.
 */
#ifdef CONFIG_SKB_EXT_CACHE
/*
 * CONFIG_SKB_EXT_CACHE: the last put of a block keeps it for the next
 * block this CPU allocates (a thread stands for a CPU), if it keeps none
 * yet, so that a packet that drops its extensions and the next one to
 * get some trade a block without the slab. A kept block holds no state
 * (its references went at the put) and no skb points to it; the shrinker
 * gives it back to the slab.
 */
static _Thread_local struct skb_ext *skb_ext_kept;

static struct skb_ext *skb_ext_block_alloc(gfp_t gfp)
{
	struct skb_ext *ext = skb_ext_kept;

	if (!ext)
		return kmem_cache_alloc(skbuff_ext_cache, gfp);
	/* fault injection fails the allocation the slab would have made */
	if (unlikely(should_failslab(skbuff_ext_cache, gfp)))
		return NULL;
	skb_ext_kept = NULL;
	return ext;
}

static void skb_ext_block_free(struct skb_ext *ext)
{
	if (skb_ext_kept) {
		kmem_cache_free(skbuff_ext_cache, ext);
		return;
	}
	skb_ext_kept = ext;
}

static unsigned long skb_ext_kept_count(struct shrinker *s,
					struct shrink_control *sc)
{
	(void)s;
	(void)sc;
	return skb_ext_kept ? 1 : SHRINK_EMPTY;
}

static unsigned long skb_ext_kept_scan(struct shrinker *s,
				       struct shrink_control *sc)
{
	struct skb_ext *ext = skb_ext_kept;

	(void)s;
	if (!ext || !sc->nr_to_scan)
		return SHRINK_STOP;
	skb_ext_kept = NULL;
	kmem_cache_free(skbuff_ext_cache, ext);
	return 1;
}

static struct shrinker skb_ext_kept_shrinker = {
	.count_objects = skb_ext_kept_count,
	.scan_objects = skb_ext_kept_scan,
	.seeks = DEFAULT_SEEKS,
};

static void skb_ext_design_init(unsigned int chunks)
{
	(void)chunks;
	register_shrinker(&skb_ext_kept_shrinker, "skb-ext-kept");
}
#else
static struct skb_ext *skb_ext_block_alloc(gfp_t gfp)
{
	return kmem_cache_alloc(skbuff_ext_cache, gfp);
}

static void skb_ext_block_free(struct skb_ext *ext)
{
	kmem_cache_free(skbuff_ext_cache, ext);
}

#ifdef CONFIG_SKB_EXT_IN_HEAD
static void skb_ext_design_init(unsigned int chunks)
{
	skb_head_ext_room_size = chunks * SKB_EXT_ALIGN_VALUE;
}
#else
static void skb_ext_design_init(unsigned int chunks)
{
	(void)chunks;
}
#endif
#endif /* CONFIG_SKB_EXT_CACHE */

#ifdef CONFIG_SKB_EXT_IN_HEAD
/*
 * CONFIG_SKB_EXT_IN_HEAD: every head has room for one block after its
 * skb_shared_info. An skb that is alone on its head (no clone shares
 * it) takes its block there instead of from the slab. The block stays
 * the one skb's: before anything else takes a reference on it (a
 * clone, a copy) or the head goes while the skb lives on (a stolen
 * head), skb_ext_head_evict() moves it to the slab, so a block in a
 * head is never shared and never outlives its head.
 */
static struct skb_ext *skb_head_ext_room(const struct sk_buff *skb)
{
	return (struct skb_ext *)(skb_end_pointer(skb) +
		SKB_DATA_ALIGN(sizeof(struct skb_shared_info)));
}

static bool skb_ext_in_head(const struct sk_buff *skb,
			    const struct skb_ext *ext)
{
	return skb->head && !skb->head_frag && ext == skb_head_ext_room(skb);
}

/* A block for @skb to write to: its head's room while nobody shares it. */
static struct skb_ext *skb_ext_alloc_for(struct sk_buff *skb, gfp_t gfp)
{
	if (!skb->head || skb->head_frag || skb_cloned(skb))
		return skb_ext_block_alloc(gfp);
	/* fault injection fails the allocation the slab would have made */
	if (unlikely(should_failslab(skbuff_ext_cache, gfp)))
		return NULL;
	return skb_head_ext_room(skb);
}

static void skb_ext_put_from(const struct sk_buff *skb, struct skb_ext *ext);
#else
static struct skb_ext *skb_ext_alloc_for(struct sk_buff *skb, gfp_t gfp)
{
	(void)skb;
	return skb_ext_block_alloc(gfp);
}

/* @skb's reference on @ext, its block */
#define skb_ext_put_from(skb, ext)	__skb_ext_put(ext)
#endif /* CONFIG_SKB_EXT_IN_HEAD */

static void skb_extensions_init(void)
{
	unsigned int chunks = skb_ext_block_chunks();

	/* offset[] and chunks are u8 */
	WARN_ON(chunks > 255);
	skbuff_ext_cache = kmem_cache_create("skbuff_ext_cache",
					     chunks * SKB_EXT_ALIGN_VALUE, 0,
					     SLAB_HWCACHE_ALIGN | SLAB_PANIC,
					     NULL);
	skb_ext_design_init(chunks);
}
#else
static void skb_extensions_init(void) {}
#endif

int skb_init(void)
{
	/* only cb[] may be copied to and from userspace */
	skbuff_head_cache = kmem_cache_create_usercopy("skbuff_head_cache",
				sizeof(struct sk_buff), 0,
				SLAB_HWCACHE_ALIGN | SLAB_PANIC,
				offsetof(struct sk_buff, cb),
				sizeof_field(struct sk_buff, cb), NULL);
	skbuff_fclone_cache = kmem_cache_create("skbuff_fclone_cache",
				sizeof(struct sk_buff_fclones), 0,
				SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
	skb_extensions_init();
	return 0;
}
core_initcall(skb_init);

#ifdef CONFIG_SKB_EXTENSIONS
static void *skb_ext_data(struct skb_ext *ext, enum skb_ext_id id)
{
	return skb_ext_chunk(ext, ext->offset[id]);
}

/**
 * __skb_ext_alloc - allocate an empty extension block
 * @flags: allocation flags
 *
 * The block has one reference and no ids; attach it with __skb_ext_set().
 * Returns NULL when the allocation fails.
 */
/* A fresh block (or NULL): one reference, no id has room yet. */
static struct skb_ext *skb_ext_init(struct skb_ext *ext)
{
	if (!ext)
		return NULL;
	/* no id has room yet; chunks is set when the first one gets some */
	memset(ext->offset, 0, sizeof(ext->offset));
	refcount_set(&ext->refcnt, 1);
	return ext;
}

struct skb_ext *__skb_ext_alloc(gfp_t flags)
{
	return skb_ext_init(skb_ext_block_alloc(flags));
}

/*
 * Hand out room for @id at the end of the block's used chunks (or after
 * the header in a fresh block) and return its data.
 */
static void *skb_ext_place(struct skb_ext *ext, enum skb_ext_id id,
			   unsigned int at)
{
	ext->offset[id] = at;
	ext->chunks = at + skb_ext_type_len[id];
	return skb_ext_data(ext, id);
}

/*
 * The things an extension points to are held once per block: a copy of
 * the block takes a reference on each (@get) and the last put of a block
 * gives them back (!@get).
 */
static void skb_ext_refs(struct skb_ext *ext, u8 ids, bool get)
{
#ifdef CONFIG_XFRM
	if (ids & BIT(SKB_EXT_SEC_PATH)) {
		struct sec_path *sp = skb_ext_data(ext, SKB_EXT_SEC_PATH);
		struct xfrm_state **x;

		for (x = sp->xvec; x < sp->xvec + sp->len; x++) {
			if (get)
				xfrm_state_hold(*x);
			else
				xfrm_state_put(*x);
		}
	}
#endif
#ifdef CONFIG_MCTP_FLOWS
	if (ids & BIT(SKB_EXT_MCTP)) {
		struct mctp_flow *flow = skb_ext_data(ext, SKB_EXT_MCTP);
		struct mctp_sk_key *key = flow->key;

		if (key) {
			if (get)
				refcount_inc(&key->refs);
			else
				mctp_key_unref(key);
		}
	}
#endif
}

/* The ids a block has room for, whether or not an skb shows them. */
static u8 skb_ext_ids_in(const struct skb_ext *ext)
{
	u8 ids = 0;
	int id;

	for (id = 0; id < SKB_EXT_NUM; id++)
		if (__skb_ext_exist(ext, id))
			ids |= BIT(id);
	return ids;
}

/*
 * Before an skb writes to its block, the block must be its alone. A
 * shared one is duplicated: the duplicate holds its own references on
 * what the skb's active extensions point to, and the skb's reference on
 * the original is dropped. Returns the block to write to, or NULL (the
 * skb untouched) when the copy cannot be allocated.
 */
static struct skb_ext *skb_ext_maybe_cow(struct sk_buff *skb,
					 struct skb_ext *old, u8 active)
{
	struct skb_ext *mine;

	if (refcount_read(&old->refcnt) == 1)
		return old;

	mine = skb_ext_alloc_for(skb, GFP_ATOMIC);
	if (!mine)
		return NULL;
	memcpy(mine, old, old->chunks * SKB_EXT_ALIGN_VALUE);
	refcount_set(&mine->refcnt, 1);
	skb_ext_refs(mine, active, true);

	trace_skb_ext_cow(old, mine);
	__skb_ext_put(old);
	return mine;
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
	skb_ext_put(skb);
	skb->extensions = ext;
	skb->active_extensions = BIT(id);
	return skb_ext_place(ext, id, SKB_EXT_HDR_CHUNKS);
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
	struct skb_ext *ext;
	void *data;

	if (!skb->active_extensions) {
		/* a stale pointer may be left here: it is not ours to put */
		ext = skb_ext_init(skb_ext_alloc_for(skb, GFP_ATOMIC));
		if (!ext)
			return NULL;
		data = skb_ext_place(ext, id, SKB_EXT_HDR_CHUNKS);
	} else {
		ext = skb_ext_maybe_cow(skb, skb->extensions,
					skb->active_extensions);
		if (!ext)
			return NULL;
		/*
		 * Room handed out once stays the id's for the block's
		 * life, even while the id is inactive: it is reused
		 * as it is, old contents included.
		 */
		if (__skb_ext_exist(ext, id))
			data = skb_ext_data(ext, id);
		else
			data = skb_ext_place(ext, id, ext->chunks);
	}

	skb->extensions = ext;
	skb->active_extensions |= BIT(id);
	/* GRO must now compare extensions before merging this skb */
	skb->slow_gro = 1;
	return data;
}

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

	skb->active_extensions &= ~BIT(id);
	if (!skb->active_extensions) {
		skb->extensions = NULL;
		skb_ext_put_from(skb, ext);
		return;
	}

#ifdef CONFIG_XFRM
	/*
	 * Other holders of a shared block still see the path; only a
	 * private one can be emptied in place.
	 */
	if (id == SKB_EXT_SEC_PATH && refcount_read(&ext->refcnt) == 1) {
		struct sec_path *sp = skb_ext_data(ext, SKB_EXT_SEC_PATH);

		skb_ext_refs(ext, BIT(SKB_EXT_SEC_PATH), false);
		sp->len = 0;
	}
#endif
}

/**
 * __skb_ext_put - drop a reference on an extension block
 * @ext: block
 *
 * The last reference releases what the extensions hold and frees it.
 */
void __skb_ext_put(struct skb_ext *ext)
{
	/* the sole holder needs no atomic decrement: nobody can race it */
	if (refcount_read(&ext->refcnt) != 1 &&
	    !refcount_dec_and_test(&ext->refcnt))
		return;

	/*
	 * Every id the block has room for is released, whether or not
	 * the last skb had it active: an inactive sec_path in a shared
	 * block still holds its states.
	 */
	skb_ext_refs(ext, skb_ext_ids_in(ext), false);
	skb_ext_block_free(ext);
}

#ifdef CONFIG_SKB_EXT_IN_HEAD
/* @skb's reference on @ext: a block in its head is released in place. */
static void skb_ext_put_from(const struct sk_buff *skb, struct skb_ext *ext)
{
	if (!skb_ext_in_head(skb, ext)) {
		__skb_ext_put(ext);
		return;
	}
	/* only its skb holds a block in a head (see skb_ext_head_evict()) */
	WARN_ON_ONCE(refcount_read(&ext->refcnt) != 1);
	skb_ext_refs(ext, skb_ext_ids_in(ext), false);
}

/**
 * __skb_ext_put_skb - drop the skb's reference on its block
 * @skb: buffer with an active id
 *
 * skb_ext_put() and skb_ext_reset() come here: a block in the skb's
 * head is released there, any other is put with __skb_ext_put().
 */
void __skb_ext_put_skb(struct sk_buff *skb)
{
	skb_ext_put_from(skb, skb->extensions);
}

/**
 * skb_ext_head_evict - move the skb's block out of its head
 * @skb: buffer (const for __skb_ext_copy()'s sake: only its block
 *       pointer changes, as a block's refcount changes under a const skb)
 *
 * Called before a second skb takes a reference on the block, and before
 * the head goes while the skb keeps its extensions. The block moves to a
 * slab object whole, with the state references it holds. 6.1 allocates
 * nothing here, so the allocation is not one fail-nth may fail, and
 * there is no failure for a caller to handle.
 */
void skb_ext_head_evict(const struct sk_buff *skb)
{
	struct sk_buff *mine = (struct sk_buff *)skb;
	struct skb_ext *ext = skb->extensions, *moved;

	if (!skb->active_extensions || !skb_ext_in_head(skb, ext))
		return;
	moved = kmem_cache_alloc(skbuff_ext_cache, GFP_ATOMIC | __GFP_NOFAIL);
	if (WARN_ON_ONCE(!moved))
		return;
	memcpy(moved, ext, ext->chunks * SKB_EXT_ALIGN_VALUE);
	mine->extensions = moved;
}
#endif /* CONFIG_SKB_EXT_IN_HEAD */
#endif /* CONFIG_SKB_EXTENSIONS */

/*
 * Everything an skb holds, before the sk_buff itself goes: its state,
 * then (unless the head was taken away) its share of the head.
 */
static void skb_release_all(struct sk_buff *skb)
{
	skb_release_head_state(skb);
	if (likely(skb->head))
		skb_release_data(skb);
}

/**
 * kfree_skb_partial - free an skb whose data may live on elsewhere
 * @skb: buffer, whatever its user count (its caller owns it)
 * @head_stolen: skb_try_coalesce() took the head into another skb
 *
 * With a stolen head only the skb's own state (extensions included) and
 * the sk_buff go; the head belongs to the skb that took it. Otherwise
 * the skb is freed whole, as __kfree_skb() frees it.
 */
void kfree_skb_partial(struct sk_buff *skb, bool head_stolen)
{
	if (!head_stolen) {
		__kfree_skb(skb);
		return;
	}
	skb_release_head_state(skb);
	kmem_cache_free(skbuff_head_cache, skb);
}

/*
 * The per-CPU NAPI cache of sk_buffs is not modelled: a cached skb goes
 * straight back to its slab, which is what the cache does with it in the
 * end. Only head-cache skbs reach here (GRO never sees an fclone).
 */
static void napi_skb_cache_put(struct sk_buff *skb)
{
	WARN_ON_ONCE(skb->fclone != SKB_FCLONE_UNAVAILABLE);
	kfree_skbmem(skb);
}

/**
 * napi_skb_free_stolen_head - free a GRO skb whose head was merged away
 * @skb: buffer; its head now belongs to the packet GRO merged it into
 *
 * The skb's state is released only when skb->slow_gro says it has any
 * (skb_ext_add() sets it; so do dst and conntrack): extensions, route,
 * conntrack and owner. An skb that got extensions without slow_gro
 * (skb_ext_copy() does not set it) keeps its block reference: 6.1 loses
 * it, as here.
 */
void napi_skb_free_stolen_head(struct sk_buff *skb)
{
	if (skb->slow_gro) {
		/* the owner first, then what the skb holds references on */
		skb_orphan(skb);
		skb_ext_put(skb);
		nf_reset_ct(skb);
		skb_dst_drop(skb);
		skb->slow_gro = 0;
	}
	napi_skb_cache_put(skb);
}

/**
 * skb_try_coalesce - append @from's data to @to
 * @to: the earlier buffer, which grows
 * @from: the buffer whose data moves; the caller frees it after success
 * @fragstolen: set when @from's head became a page fragment of @to
 * @delta_truesize: the memory @to now accounts for beyond what it had
 *
 * Only the data moves: neither skb's extensions are looked at, which is
 * why TCP asks mptcp_skb_can_collapse() first. Bytes that fit in @to's
 * tailroom are copied. Otherwise the kernel would hand over @from's
 * page frags, or its head if that is a page fragment; heads here are
 * kmalloc'd (head_frag is 0, so skb_head_is_locked()) and there are no
 * page frags, so that is refused. Returns whether the data moved.
 */
bool skb_try_coalesce(struct sk_buff *to, struct sk_buff *from,
		      bool *fragstolen, int *delta_truesize)
{
	unsigned int len = from->len;

	*fragstolen = false;
	/* a head shared with a clone cannot grow under the clone */
	if (skb_cloned(to))
		return false;
	/* page-pool pages and slab pages do not mix in one skb */
	if (from->pp_recycle != to->pp_recycle)
		return false;
	/* nor are page-pool pages of a clone's head handed on */
	if (from->pp_recycle && skb_cloned(from))
		return false;

	if ((int)len > skb_tailroom(to))
		return false;
	if (len)
		BUG_ON(skb_copy_bits(from, 0, skb_put(to, len), (int)len));
	*delta_truesize = 0;
	return true;
}

/**
 * skb_morph - turn an existing sk_buff into a clone of another
 * @dst: buffer to reuse: everything it held is released first
 * @src: buffer to clone
 *
 * As skb_clone(), without allocating: @dst shares @src's head and
 * extension block and has one user; its fclone kind stays its own.
 * Returns @dst.
 */
struct sk_buff *skb_morph(struct sk_buff *dst, struct sk_buff *src)
{
	skb_release_all(dst);
	__skb_clone(dst, src);
	return dst;
}
