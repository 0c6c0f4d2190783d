/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct sk_buff, struct skb_shared_info and the skb extension API, laid
 * out exactly as Linux 6.1 lays them out on x86_64 with Debian's config
 * (every offset is checked at build time at the end of this file).
 *
 * What the port does not model keeps its bytes: pointers to objects we do
 * not have (dst entries, sockets, conntrack) stay NULL/0 and are never
 * dereferenced. Page frags are real: their pages come from
 * mm/page_alloc.c and are held with get_page()/put_page().
 */
#ifndef _LINUX_SKBUFF_H
#define _LINUX_SKBUFF_H

#include <linux/kernel.h>
#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/cache.h>
#include <linux/in6.h>
#include <linux/mm.h>
#include <linux/netdevice.h>
#include <net/dropreason.h>

#ifdef __cplusplus
extern "C" {
#endif

struct net_device;
struct sock;
struct sk_buff;

#define NUMA_NO_NODE		(-1)
#define MAX_SKB_FRAGS		17

/* Checksum state of a packet (skb->ip_summed). */
#define CHECKSUM_NONE		0
#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

/* skb->pkt_type, from uapi/linux/if_packet.h. */
#define PACKET_HOST		0
#define PACKET_BROADCAST	1
#define PACKET_MULTICAST	2
#define PACKET_OTHERHOST	3
#define PACKET_OUTGOING		4
#define PACKET_LOOPBACK		5

#define SKB_DATA_ALIGN(X)	ALIGN(X, SMP_CACHE_BYTES)
#define SKB_WITH_OVERHEAD(X)	\
	((X) - SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))
#define SKB_HEAD_ALIGN(X)	(SKB_DATA_ALIGN(X) + \
	SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))
#define SKB_TRUESIZE(X)	((X) +						\
			 SKB_DATA_ALIGN(sizeof(struct sk_buff)) +	\
			 SKB_DATA_ALIGN(sizeof(struct skb_shared_info)))

#define NET_SKB_PAD		max(32, L1_CACHE_BYTES)
/* the generic default: two bytes so that the IP header after Ethernet aligns */
#ifndef NET_IP_ALIGN
#define NET_IP_ALIGN		2
#endif

struct bio_vec {
	struct page	*bv_page;
	unsigned int	bv_len;
	unsigned int	bv_offset;
};
typedef struct bio_vec skb_frag_t;

struct skb_shared_hwtstamps {
	union {
		ktime_t	hwtstamp;
		void	*netdev_data;
	};
};

/* The upper 16 bits of dataref count payload-only (nohdr) references. */
#define SKB_DATAREF_SHIFT	16
#define SKB_DATAREF_MASK	((1 << SKB_DATAREF_SHIFT) - 1)

struct skb_shared_info {
	__u8		flags;
	__u8		meta_len;
	__u8		nr_frags;
	__u8		tx_flags;
	unsigned short	gso_size;
	unsigned short	gso_segs;
	struct sk_buff	*frag_list;
	struct skb_shared_hwtstamps hwtstamps;
	unsigned int	gso_type;
	u32		tskey;
	/* __alloc_skb() clears everything above dataref */
	atomic_t	dataref;
	unsigned int	xdp_frags_size;
	void		*destructor_arg;
	/* pskb_expand_head() relies on frags being last */
	skb_frag_t	frags[MAX_SKB_FRAGS];
};

/* skb_shinfo()->gso_type */
#define SKB_GSO_TCPV4		(1 << 0)
#define SKB_GSO_DODGY		(1 << 1)
#define SKB_GSO_TCPV6		(1 << 4)
#define SKB_GSO_ESP		(1 << 15)
#define SKB_GSO_FRAGLIST	(1 << 18)

/* A gso_size meaning "one segment per frag_list member". */
#define GSO_BY_FRAGS		0xFFFF

enum {
	SKB_FCLONE_UNAVAILABLE,	/* from skbuff_head_cache */
	SKB_FCLONE_ORIG,	/* skb1 of an sk_buff_fclones pair */
	SKB_FCLONE_CLONE,	/* skb2 of an sk_buff_fclones pair */
};

#define SKB_ALLOC_FCLONE	0x01
#define SKB_ALLOC_RX		0x02
#define SKB_ALLOC_NAPI		0x04


#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
struct nf_bridge_info {
	enum {
		BRNF_PROTO_UNCHANGED,
		BRNF_PROTO_8021Q,
		BRNF_PROTO_PPPOE
	} orig_proto:8;
	u8			pkt_otherhost:1;
	u8			in_prerouting:1;
	u8			bridged_dnat:1;
	u8			sabotage_in_done:1;
	__u16			frag_max_size;
	int			physinif;

	/* set from FORWARD on, for the physdev match */
	struct net_device	*physoutdev;
	union {
		/* prerouting: the address DNAT is detected against */
		__be32		ipv4_daddr;
		struct in6_addr	ipv6_daddr;

		/* the source MAC kept while neighbour output rewrites it */
		char		neigh_header[8];
	};
};
#endif

#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
/* Carries the tc chain from the driver to the software classifier. */
struct tc_skb_ext {
	__u32 chain;
	__u16 mru;
	__u16 zone;
	u8 post_ct:1;
	u8 post_ct_snat:1;
	u8 post_ct_dnat:1;
};
#endif

/* On 64-bit the tail and end "pointers" are offsets from head. */
typedef unsigned int sk_buff_data_t;

#ifdef CONFIG_SKB_EXTENSIONS
enum skb_ext_id {
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	SKB_EXT_BRIDGE_NF,
#endif
#ifdef CONFIG_XFRM
	SKB_EXT_SEC_PATH,
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	TC_SKB_EXT,
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	SKB_EXT_MPTCP,
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	SKB_EXT_MCTP,
#endif
	SKB_EXT_NUM,
};

/*
 * One refcounted block holding every extension of an skb. offset[] and
 * chunks count 8-byte chunks from the start of the block, so a u8 reaches
 * 2 KiB; an id whose offset is 0 is absent (offset 0 is the header).
 */
struct skb_ext {
	refcount_t refcnt;
	u8 offset[SKB_EXT_NUM];
	u8 chunks;
	char data[] __aligned(8);
};
#endif

struct sk_buff {
	union {
		struct {
			struct sk_buff		*next;
			struct sk_buff		*prev;
			union {
				struct net_device	*dev;
				unsigned long		dev_scratch;
			};
		};
		struct rb_node		rbnode;
		struct list_head	list;
		struct llist_node	ll_node;
	};

	struct sock		*sk;

	union {
		ktime_t		tstamp;
		u64		skb_mstamp_ns;
	};
	char			cb[48] __aligned(8);

	union {
		struct {
			unsigned long	_skb_refdst;
			void		(*destructor)(struct sk_buff *skb);
		};
		struct list_head	tcp_tsorted_anchor;
#ifdef CONFIG_NET_SOCK_MSG
		unsigned long		_sk_redir;
#endif
	};

#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	unsigned long		_nfct;
#endif
	unsigned int		len,
				data_len;
	__u16			mac_len,
				hdr_len;

	__u16			queue_mapping;

	__u8			__cloned_offset[0];
	__u8			cloned:1,
				nohdr:1,
				fclone:2,
				peeked:1,
				head_frag:1,
				pfmemalloc:1,
				pp_recycle:1;
#ifdef CONFIG_SKB_EXTENSIONS
	__u8			active_extensions;
#endif

	/* Everything __copy_skb_header() copies in one memcpy. */
	struct_group(headers,

	__u8			__pkt_type_offset[0];
	__u8			pkt_type:3;
	__u8			ignore_df:1;
	__u8			nf_trace:1;
	__u8			ip_summed:2;
	__u8			ooo_okay:1;

	__u8			l4_hash:1;
	__u8			sw_hash:1;
	__u8			wifi_acked_valid:1;
	__u8			wifi_acked:1;
	__u8			no_fcs:1;
	__u8			encapsulation:1;
	__u8			encap_hdr_csum:1;
	__u8			csum_valid:1;

	__u8			__pkt_vlan_present_offset[0];
	__u8			vlan_present:1;
	__u8			csum_complete_sw:1;
	__u8			csum_level:2;
	__u8			dst_pending_confirm:1;
	__u8			mono_delivery_time:1;
#ifdef CONFIG_NET_CLS_ACT
	__u8			tc_skip_classify:1;
	__u8			tc_at_ingress:1;
#endif
#ifdef CONFIG_IPV6_NDISC_NODETYPE
	__u8			ndisc_nodetype:2;
#endif

	__u8			ipvs_property:1;
	__u8			inner_protocol_type:1;
	__u8			remcsum_offload:1;
#ifdef CONFIG_NET_SWITCHDEV
	__u8			offload_fwd_mark:1;
	__u8			offload_l3_fwd_mark:1;
#endif
	__u8			redirected:1;
#ifdef CONFIG_NET_REDIRECT
	__u8			from_ingress:1;
#endif
#ifdef CONFIG_NETFILTER_SKIP_EGRESS
	__u8			nf_skip_egress:1;
#endif
#ifdef CONFIG_TLS_DEVICE
	__u8			decrypted:1;
#endif
	__u8			slow_gro:1;
	__u8			csum_not_inet:1;
	__u8			scm_io_uring:1;

#ifdef CONFIG_NET_SCHED
	__u16			tc_index;
#endif

	union {
		__wsum		csum;
		struct {
			__u16	csum_start;
			__u16	csum_offset;
		};
	};
	__u32			priority;
	int			skb_iif;
	__u32			hash;
	__be16			vlan_proto;
	__u16			vlan_tci;
#if defined(CONFIG_NET_RX_BUSY_POLL) || defined(CONFIG_XPS)
	union {
		unsigned int	napi_id;
		unsigned int	sender_cpu;
	};
#endif
	u16			alloc_cpu;
#ifdef CONFIG_NETWORK_SECMARK
	__u32		secmark;
#endif

	union {
		__u32		mark;
		__u32		reserved_tailroom;
	};

	union {
		__be16		inner_protocol;
		__u8		inner_ipproto;
	};

	__u16			inner_transport_header;
	__u16			inner_network_header;
	__u16			inner_mac_header;

	__be16			protocol;
	__u16			transport_header;
	__u16			network_header;
	__u16			mac_header;
	); /* headers */

	/* __alloc_skb() clears everything above tail */
	sk_buff_data_t		tail;
	sk_buff_data_t		end;
	unsigned char		*head,
				*data;
	unsigned int		truesize;
	refcount_t		users;

#ifdef CONFIG_SKB_EXTENSIONS
	struct skb_ext		*extensions;
#endif
};

/* skb1 is handed out by alloc_skb_fclone(), skb2 by its first skb_clone(). */
struct sk_buff_fclones {
	struct sk_buff	skb1;
	struct sk_buff	skb2;
	refcount_t	fclone_ref;
};

extern struct kmem_cache *skbuff_head_cache;
extern struct kmem_cache *skbuff_fclone_cache;
#ifdef CONFIG_SKB_EXTENSIONS
extern struct kmem_cache *skbuff_ext_cache;
#endif

/* Allocation and release (net/core/skbuff.c). */
struct sk_buff *__alloc_skb(unsigned int size, gfp_t priority, int flags,
			    int node);
void __kfree_skb(struct sk_buff *skb);
void kfree_skb_reason(struct sk_buff *skb, enum skb_drop_reason reason);
void consume_skb(struct sk_buff *skb);
void skb_release_head_state(struct sk_buff *skb);
void __consume_stateless_skb(struct sk_buff *skb);
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t priority);
void skb_headers_offset_update(struct sk_buff *skb, int off);
void skb_copy_header(struct sk_buff *new_skb, const struct sk_buff *old);
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t priority);
struct sk_buff *__pskb_copy_fclone(struct sk_buff *skb, int headroom,
				   gfp_t gfp_mask, bool fclone);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
void *skb_put(struct sk_buff *skb, unsigned int len);
void *skb_push(struct sk_buff *skb, unsigned int len);
void *skb_pull(struct sk_buff *skb, unsigned int len);
void skb_scrub_packet(struct sk_buff *skb, bool xnet);
int skb_init(void);
void kfree_skb_list_reason(struct sk_buff *segs, enum skb_drop_reason reason);
struct sk_buff *skb_segment(struct sk_buff *skb, netdev_features_t features);
/* Merging, morphing and the partial frees of the receive paths. */
bool skb_try_coalesce(struct sk_buff *to, struct sk_buff *from,
		      bool *fragstolen, int *delta_truesize);
void kfree_skb_partial(struct sk_buff *skb, bool head_stolen);
void napi_skb_free_stolen_head(struct sk_buff *skb);
struct sk_buff *skb_morph(struct sk_buff *dst, struct sk_buff *src);

static inline struct sk_buff *alloc_skb(unsigned int size, gfp_t priority)
{
	/* a plain head, from no particular node */
	return __alloc_skb(size, priority, 0, NUMA_NO_NODE);
}

static inline struct sk_buff *alloc_skb_fclone(unsigned int size,
					       gfp_t priority)
{
	/* skb1 of a pair, so that its first clone costs no allocation */
	int flags = SKB_ALLOC_FCLONE;

	return __alloc_skb(size, priority, flags, NUMA_NO_NODE);
}

static inline struct sk_buff *__pskb_copy(struct sk_buff *skb, int headroom,
					  gfp_t gfp_mask)
{
	const bool from_fclone_cache = false;

	return __pskb_copy_fclone(skb, headroom, gfp_mask, from_fclone_cache);
}

/* A drop nobody gave a reason for. */
static inline void kfree_skb(struct sk_buff *skb)
{
	enum skb_drop_reason why = SKB_DROP_REASON_NOT_SPECIFIED;

	kfree_skb_reason(skb, why);
}

static inline void kfree_skb_list(struct sk_buff *segs)
{
	kfree_skb_list_reason(segs, SKB_DROP_REASON_NOT_SPECIFIED);
}

/*
 * Every header position and the tail and end are 16/32-bit offsets from
 * skb->head (NET_SKBUFF_DATA_USES_OFFSET on 64-bit); these two convert.
 */
static inline unsigned char *skb_head_at(const struct sk_buff *skb,
					 unsigned int off)
{
	return &skb->head[off];
}

static inline unsigned int skb_data_off(const struct sk_buff *skb)
{
	return (unsigned int)(skb->data - skb->head);
}

static inline unsigned char *skb_end_pointer(const struct sk_buff *skb)
{
	return skb_head_at(skb, skb->end);
}

static inline unsigned int skb_end_offset(const struct sk_buff *skb)
{
	return skb->end;
}

static inline void skb_set_end_offset(struct sk_buff *skb, unsigned int offset)
{
	skb->end = offset;
}

/* skb_shared_info lives right at the end of the head buffer. */
#define skb_shinfo(SKB)	((struct skb_shared_info *)(skb_end_pointer(SKB)))

static inline unsigned char *skb_tail_pointer(const struct sk_buff *skb)
{
	return skb_head_at(skb, skb->tail);
}

static inline void skb_reset_tail_pointer(struct sk_buff *skb)
{
	skb->tail = skb_data_off(skb);
}

static inline void skb_set_tail_pointer(struct sk_buff *skb, const int offset)
{
	skb->tail = skb_data_off(skb) + offset;
}

static inline bool skb_is_nonlinear(const struct sk_buff *skb)
{
	return skb->data_len != 0;
}

/* Bytes in the linear part: the paged part is data_len of len. */
static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len - skb->data_len;
}

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb_data_off(skb);
}

static inline struct sk_buff *pskb_copy(struct sk_buff *skb, gfp_t gfp_mask)
{
	/* the copy keeps the original's headroom */
	unsigned int room = skb_headroom(skb);

	return __pskb_copy(skb, room, gfp_mask);
}

/* Room after the tail; none at all once the skb has paged data. */
static inline int skb_tailroom(const struct sk_buff *skb)
{
	if (skb_is_nonlinear(skb))
		return 0;
	return (int)(skb_end_offset(skb) - skb->tail);
}

/* Move an empty skb's data and tail forward, making headroom. */
static inline void skb_reserve(struct sk_buff *skb, int len)
{
	skb->tail += len;
	skb->data += len;
}

/* The unchecked forms: the caller has made sure there is room. */
static inline void *__skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *old_tail = skb_tail_pointer(skb);

	skb->len += len;
	skb->tail += len;
	return old_tail;
}

static inline void *__skb_push(struct sk_buff *skb, unsigned int len)
{
	skb->len += len;
	skb->data -= len;
	return skb->data;
}

static inline void *__skb_pull(struct sk_buff *skb, unsigned int len)
{
	skb->data += len;
	skb->len -= len;
	return skb->data;
}

static inline void skb_copy_from_linear_data(const struct sk_buff *skb,
					     void *to, const unsigned int len)
{
	memcpy(to, skb->data, len);
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb_head_at(skb, skb->network_header);
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb_head_at(skb, skb->transport_header);
}

static inline unsigned char *skb_mac_header(const struct sk_buff *skb)
{
	return skb_head_at(skb, skb->mac_header);
}

/* An unset header offset is all ones (__alloc_skb() leaves it so). */
#define SKB_HEADER_UNSET	((__u16)~0U)

static inline bool skb_mac_header_was_set(const struct sk_buff *skb)
{
	return skb->mac_header != SKB_HEADER_UNSET;
}

static inline bool skb_transport_header_was_set(const struct sk_buff *skb)
{
	return skb->transport_header != SKB_HEADER_UNSET;
}

static inline void skb_set_mac_header(struct sk_buff *skb, const int offset)
{
	skb->mac_header = skb_data_off(skb) + offset;
}

static inline void skb_set_network_header(struct sk_buff *skb,
					  const int offset)
{
	skb->network_header = skb_data_off(skb) + offset;
}

static inline void skb_set_transport_header(struct sk_buff *skb,
					    const int offset)
{
	skb->transport_header = skb_data_off(skb) + offset;
}

static inline void skb_reset_mac_header(struct sk_buff *skb)
{
	skb_set_mac_header(skb, 0);
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb_set_network_header(skb, 0);
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb_set_transport_header(skb, 0);
}

/* Header positions relative to skb->data (negative once pulled past). */
static inline int skb_network_offset(const struct sk_buff *skb)
{
	return (int)skb->network_header - (int)skb_data_off(skb);
}

static inline int skb_transport_offset(const struct sk_buff *skb)
{
	return (int)skb->transport_header - (int)skb_data_off(skb);
}

/*
 * dataref counts every skb on this head in its low half; the high half
 * counts those that promised not to touch the header (nohdr).
 */
static inline int skb_dataref_all(const struct sk_buff *skb)
{
	return atomic_read(&skb_shinfo(skb)->dataref) & SKB_DATAREF_MASK;
}

static inline int skb_dataref_payload_only(const struct sk_buff *skb)
{
	return (unsigned int)atomic_read(&skb_shinfo(skb)->dataref) >>
	       SKB_DATAREF_SHIFT;
}

/* The head is shared with another skb. */
static inline int skb_cloned(const struct sk_buff *skb)
{
	if (!skb->cloned)
		return 0;
	return skb_dataref_all(skb) != 1;
}

/* Someone else may still read or write the header part of the head. */
static inline int skb_header_cloned(const struct sk_buff *skb)
{
	if (!skb->cloned)
		return 0;
	return skb_dataref_all(skb) - skb_dataref_payload_only(skb) != 1;
}

/* More than one holder of this sk_buff itself (skb_get()). */
static inline int skb_shared(const struct sk_buff *skb)
{
	return refcount_read(&skb->users) != 1;
}

static inline struct sk_buff *skb_get(struct sk_buff *skb)
{
	refcount_inc(&skb->users);
	return skb;
}

/*
 * Drop one user; true when the caller held the last one and must free.
 * The sole holder skips the atomic write: nobody can race with it.
 */
static inline bool skb_unref(struct sk_buff *skb)
{
	if (unlikely(!skb))
		return false;
	if (likely(refcount_read(&skb->users) == 1)) {
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		return true;
	}
	return refcount_dec_and_test(&skb->users);
}

static inline bool skb_pfmemalloc(const struct sk_buff *skb)
{
	return unlikely(skb->pfmemalloc);
}

static inline bool skb_has_frag_list(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->frag_list;
}

/*
 * Page frags: a frag names bytes [off, off + len) of a page and holds one
 * reference on it, taken when the frag is filled in (or copied into
 * another skb) and dropped when the last skb on the head lets go.
 */
static inline struct page *skb_frag_page(const skb_frag_t *frag)
{
	return frag->bv_page;
}

static inline unsigned int skb_frag_size(const skb_frag_t *frag)
{
	return frag->bv_len;
}

static inline void skb_frag_size_set(skb_frag_t *frag, unsigned int size)
{
	frag->bv_len = size;
}

static inline void skb_frag_size_sub(skb_frag_t *frag, int delta)
{
	frag->bv_len -= delta;
}

static inline unsigned int skb_frag_off(const skb_frag_t *frag)
{
	return frag->bv_offset;
}

static inline void skb_frag_off_add(skb_frag_t *frag, int delta)
{
	frag->bv_offset += delta;
}

static inline void *skb_frag_address(const skb_frag_t *frag)
{
	return (char *)page_address(skb_frag_page(frag)) + skb_frag_off(frag);
}

static inline void __skb_frag_ref(skb_frag_t *frag)
{
	get_page(frag->bv_page);
}

static inline void skb_frag_ref(struct sk_buff *skb, int f)
{
	skb_frag_t *frags = skb_shinfo(skb)->frags;

	__skb_frag_ref(frags + f);
}

/* No page pool here: @recycle is always false and the page is put. */
static inline void __skb_frag_unref(skb_frag_t *frag, bool recycle)
{
	(void)recycle;
	put_page(skb_frag_page(frag));
}

static inline void skb_frag_unref(struct sk_buff *skb, int f)
{
	__skb_frag_unref(&skb_shinfo(skb)->frags[f], skb->pp_recycle);
}

/* Frag @i names @size bytes at @off of @page; the caller's reference moves in. */
static inline void __skb_fill_page_desc_noacc(struct skb_shared_info *shinfo,
					      int i, struct page *page,
					      int off, int size)
{
	skb_frag_t *slot = shinfo->frags + i;

	slot->bv_page = page;
	slot->bv_offset = off;
	slot->bv_len = size;
}

/*
 * As __skb_fill_page_desc_noacc(), and nr_frags becomes i + 1. The len,
 * data_len and truesize accounting is the caller's.
 */
static inline void skb_fill_page_desc(struct sk_buff *skb, int i,
				      struct page *page, int off, int size)
{
	struct skb_shared_info *sh = skb_shinfo(skb);

	__skb_fill_page_desc_noacc(sh, i, page, off, size);
	sh->nr_frags = i + 1;
}

static inline bool skb_is_gso(const struct sk_buff *skb)
{
	return skb_shinfo(skb)->gso_size != 0;
}

static inline void skb_mark_not_on_list(struct sk_buff *skb)
{
	skb->next = NULL;
}

static inline void skb_reset_mac_len(struct sk_buff *skb)
{
	if (!skb_mac_header_was_set(skb)) {
		skb->mac_len = 0;
		return;
	}
	/* both are offsets from head */
	skb->mac_len = skb_network_header(skb) - skb_mac_header(skb);
}

static inline void skb_copy_from_linear_data_offset(const struct sk_buff *skb,
						    const int offset, void *to,
						    const unsigned int len)
{
	const unsigned char *from = skb->data + offset;

	memcpy(to, from, len);
}

/* Bytes of tunnel header before the inner headers: no tunnels here. */
static inline unsigned int skb_tnl_header_len(const struct sk_buff *skb)
{
	(void)skb;
	return 0;
}

/*
 * The clone half of @skb's fclone pair is in use and still belongs to
 * socket @sk (a retransmit would find the previous copy in flight).
 */
static inline bool skb_fclone_busy(const struct sock *sk,
				   const struct sk_buff *skb)
{
	const struct sk_buff_fclones *pair;

	if (skb->fclone != SKB_FCLONE_ORIG)
		return false;
	pair = container_of(skb, struct sk_buff_fclones, skb1);
	if (refcount_read(&pair->fclone_ref) < 2)
		return false;
	return READ_ONCE(pair->skb2.sk) == sk;
}

/* The owner lets go: its destructor runs, and the skb has no owner after. */
static inline void skb_orphan(struct sk_buff *skb)
{
	if (skb->destructor) {
		skb->destructor(skb);
		skb->destructor = NULL;
		skb->sk = NULL;
	}
}

/* No dst entries in this port: the reference is only ever 0. */
static inline void skb_dst_drop(struct sk_buff *skb)
{
	WARN_ON_ONCE(skb->_skb_refdst);
	skb->_skb_refdst = 0UL;
}

static inline void skb_dst_copy(struct sk_buff *nskb,
				const struct sk_buff *oskb)
{
	nskb->_skb_refdst = oskb->_skb_refdst;
}

/* No conntrack entries in this port: _nfct is only ever 0. */
static inline unsigned long skb_nfct(const struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	return skb->_nfct;
#else
	return 0UL;
#endif
}

static inline void nf_reset_ct(struct sk_buff *skb)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	WARN_ON_ONCE(skb->_nfct);
	skb->_nfct = 0;
#endif
}

static inline void nf_reset_trace(struct sk_buff *skb)
{
	skb->nf_trace = 0;
}

static inline void ipvs_reset(struct sk_buff *skb)
{
	skb->ipvs_property = 0;
}

/* Conntrack goes along with a copy; the trace bit only if asked. */
static inline void __nf_copy(struct sk_buff *dst, const struct sk_buff *src,
			     bool copy)
{
#if IS_ENABLED(CONFIG_NF_CONNTRACK)
	dst->_nfct = src->_nfct;
#endif
	if (copy)
		dst->nf_trace = src->nf_trace;
}

/* Everything conntrack and netfilter keep on a packet goes to a copy. */
static inline void nf_copy(struct sk_buff *copy, const struct sk_buff *orig)
{
	/* the port has no conntrack entries to put: the copy's _nfct is 0 */
	WARN_ON_ONCE(skb_nfct(copy));
	copy->slow_gro = orig->slow_gro;
	__nf_copy(copy, orig, true);
}

/* The flow hash, and whether software or the device computed it over L4. */
static inline void skb_copy_hash(struct sk_buff *copy,
				 const struct sk_buff *orig)
{
	copy->hash = orig->hash;
	copy->sw_hash = orig->sw_hash;
	copy->l4_hash = orig->l4_hash;
}

static inline void skb_copy_secmark(struct sk_buff *copy,
				    const struct sk_buff *orig)
{
#ifdef CONFIG_NETWORK_SECMARK
	copy->secmark = orig->secmark;
#endif
}

/* A delivery time set by the sender (mono_delivery_time) is kept. */
static inline void skb_clear_tstamp(struct sk_buff *skb)
{
	if (!skb->mono_delivery_time)
		skb->tstamp = 0;
}

/* The extension API. */
#ifdef CONFIG_SKB_EXTENSIONS
struct skb_ext *__skb_ext_alloc(gfp_t flags);
void *__skb_ext_set(struct sk_buff *skb, enum skb_ext_id id,
		    struct skb_ext *ext);
void *skb_ext_add(struct sk_buff *skb, enum skb_ext_id id);
void __skb_ext_del(struct sk_buff *skb, enum skb_ext_id id);
void __skb_ext_put(struct skb_ext *ext);
/* Size of extension @id in 8-byte chunks, as the block lays it out. */
unsigned int skb_ext_type_chunks(enum skb_ext_id id);

/*
 * skb->extensions means something only while an id is active: with
 * active_extensions 0 it may still hold a stale pointer, never followed.
 */
static inline bool skb_has_extensions(struct sk_buff *skb)
{
	return unlikely(skb->active_extensions != 0);
}

#ifdef CONFIG_SKB_EXT_IN_HEAD
/* The block may sit in the skb's head (docs/design-variants.md). */
void __skb_ext_put_skb(struct sk_buff *skb);
void skb_ext_head_evict(const struct sk_buff *skb);
#else
/* The skb's reference on its block. */
static inline void __skb_ext_put_skb(struct sk_buff *skb)
{
	__skb_ext_put(skb->extensions);
}

/* 6.1's blocks are all slab objects: nothing to move */
static inline void skb_ext_head_evict(const struct sk_buff *skb)
{
	(void)skb;
}
#endif

static inline void skb_ext_put(struct sk_buff *skb)
{
	if (skb_has_extensions(skb))
		__skb_ext_put_skb(skb);
}

/* @dst takes a reference on @src's block; @dst had no block of its own. */
static inline void __skb_ext_copy(struct sk_buff *dst,
				  const struct sk_buff *src)
{
	u8 ids = src->active_extensions;

	dst->active_extensions = ids;
	if (!ids)
		return;
	/* a block in src's head is src's alone: it moves out to be shared */
	skb_ext_head_evict(src);
	refcount_inc(&src->extensions->refcnt);
	dst->extensions = src->extensions;
}

static inline void skb_ext_copy(struct sk_buff *dst, const struct sk_buff *src)
{
	skb_ext_put(dst);
	__skb_ext_copy(dst, src);
}

/* The block has room for @i (offset 0 is the header: never an id's). */
static inline bool __skb_ext_exist(const struct skb_ext *ext,
				   enum skb_ext_id i)
{
	return ext->offset[i] != 0;
}

static inline bool skb_ext_exist(const struct sk_buff *skb, enum skb_ext_id id)
{
	return (skb->active_extensions >> id) & 1;
}

static inline void skb_ext_del(struct sk_buff *skb, enum skb_ext_id id)
{
	if (!skb_ext_exist(skb, id))
		return;
	__skb_ext_del(skb, id);
}

/*
 * offset[] and chunks count 8-byte chunks from the start of the block
 * (the header is chunk 0), so one byte reaches any id in a block of up
 * to 2 KiB.
 */
#define SKB_EXT_ALIGN_VALUE	8

static inline void *skb_ext_chunk(const struct skb_ext *ext, unsigned int n)
{
	return (char *)ext + n * SKB_EXT_ALIGN_VALUE;
}

static inline void *skb_ext_find(const struct sk_buff *skb, enum skb_ext_id id)
{
	if (!skb_ext_exist(skb, id))
		return NULL;
	return skb_ext_chunk(skb->extensions, skb->extensions->offset[id]);
}

/*
 * Drop every extension at once. The pointer is left as it was (stale),
 * as 6.1 leaves it: only active_extensions says whether it is valid.
 */
static inline void skb_ext_reset(struct sk_buff *skb)
{
	if (!skb_has_extensions(skb))
		return;
	__skb_ext_put_skb(skb);
	skb->active_extensions = 0;
}
#else
static inline void skb_ext_put(struct sk_buff *skb) {}
static inline void skb_ext_reset(struct sk_buff *skb) {}
static inline void __skb_ext_copy(struct sk_buff *d, const struct sk_buff *s) {}
static inline void skb_ext_copy(struct sk_buff *d, const struct sk_buff *s) {}
static inline bool skb_has_extensions(struct sk_buff *skb) { return false; }
static inline void skb_ext_head_evict(const struct sk_buff *skb) {}
#endif

#ifdef __cplusplus
}
#endif

/*
 * The layout, pinned to what the Debian 6.1 x86_64 kernel measures
 * (DESIGN.md; tools/kernel-oracle dumps the same from the real headers).
 */
#define SKB_CHECK_OFFSET(field, off)					\
	BUILD_BUG_ON_MSG(offsetof(struct sk_buff, field) != (off),	\
			 "sk_buff." #field " is not at " #off)
#define SHINFO_CHECK_OFFSET(field, off)					\
	BUILD_BUG_ON_MSG(offsetof(struct skb_shared_info, field) != (off), \
			 "skb_shared_info." #field " is not at " #off)

BUILD_BUG_ON(sizeof(struct sk_buff) != 232);
BUILD_BUG_ON(sizeof(struct skb_shared_info) != 320);
BUILD_BUG_ON(sizeof(struct sk_buff_fclones) != 472);
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
BUILD_BUG_ON(sizeof(struct nf_bridge_info) != 32);
BUILD_BUG_ON(offsetof(struct nf_bridge_info, frag_max_size) != 2);
BUILD_BUG_ON(offsetof(struct nf_bridge_info, physinif) != 4);
BUILD_BUG_ON(offsetof(struct nf_bridge_info, physoutdev) != 8);
BUILD_BUG_ON(offsetof(struct nf_bridge_info, ipv6_daddr) != 16);
#endif
SKB_CHECK_OFFSET(next, 0);
SKB_CHECK_OFFSET(prev, 8);
SKB_CHECK_OFFSET(dev, 16);
SKB_CHECK_OFFSET(dev_scratch, 16);
SKB_CHECK_OFFSET(rbnode, 0);
SKB_CHECK_OFFSET(list, 0);
SKB_CHECK_OFFSET(ll_node, 0);
SKB_CHECK_OFFSET(sk, 24);
SKB_CHECK_OFFSET(tstamp, 32);
SKB_CHECK_OFFSET(skb_mstamp_ns, 32);
SKB_CHECK_OFFSET(cb, 40);
SKB_CHECK_OFFSET(_skb_refdst, 88);
SKB_CHECK_OFFSET(destructor, 96);
SKB_CHECK_OFFSET(tcp_tsorted_anchor, 88);
SKB_CHECK_OFFSET(_sk_redir, 88);
SKB_CHECK_OFFSET(_nfct, 104);
SKB_CHECK_OFFSET(len, 112);
SKB_CHECK_OFFSET(data_len, 116);
SKB_CHECK_OFFSET(mac_len, 120);
SKB_CHECK_OFFSET(hdr_len, 122);
SKB_CHECK_OFFSET(queue_mapping, 124);
SKB_CHECK_OFFSET(__cloned_offset, 126);
SKB_CHECK_OFFSET(active_extensions, 127);
SKB_CHECK_OFFSET(headers, 128);
SKB_CHECK_OFFSET(__pkt_type_offset, 128);
SKB_CHECK_OFFSET(__pkt_vlan_present_offset, 130);
SKB_CHECK_OFFSET(tc_index, 134);
SKB_CHECK_OFFSET(csum, 136);
SKB_CHECK_OFFSET(csum_start, 136);
SKB_CHECK_OFFSET(csum_offset, 138);
SKB_CHECK_OFFSET(priority, 140);
SKB_CHECK_OFFSET(skb_iif, 144);
SKB_CHECK_OFFSET(hash, 148);
SKB_CHECK_OFFSET(vlan_proto, 152);
SKB_CHECK_OFFSET(vlan_tci, 154);
SKB_CHECK_OFFSET(napi_id, 156);
SKB_CHECK_OFFSET(sender_cpu, 156);
SKB_CHECK_OFFSET(alloc_cpu, 160);
SKB_CHECK_OFFSET(secmark, 164);
SKB_CHECK_OFFSET(mark, 168);
SKB_CHECK_OFFSET(reserved_tailroom, 168);
SKB_CHECK_OFFSET(inner_protocol, 172);
SKB_CHECK_OFFSET(inner_ipproto, 172);
SKB_CHECK_OFFSET(inner_transport_header, 174);
SKB_CHECK_OFFSET(inner_network_header, 176);
SKB_CHECK_OFFSET(inner_mac_header, 178);
SKB_CHECK_OFFSET(protocol, 180);
SKB_CHECK_OFFSET(transport_header, 182);
SKB_CHECK_OFFSET(network_header, 184);
SKB_CHECK_OFFSET(mac_header, 186);
SKB_CHECK_OFFSET(tail, 188);
SKB_CHECK_OFFSET(end, 192);
SKB_CHECK_OFFSET(head, 200);
SKB_CHECK_OFFSET(data, 208);
SKB_CHECK_OFFSET(truesize, 216);
SKB_CHECK_OFFSET(users, 220);
SKB_CHECK_OFFSET(extensions, 224);
BUILD_BUG_ON(sizeof_field(struct sk_buff, headers) != 60);
SHINFO_CHECK_OFFSET(flags, 0);
SHINFO_CHECK_OFFSET(meta_len, 1);
SHINFO_CHECK_OFFSET(nr_frags, 2);
SHINFO_CHECK_OFFSET(tx_flags, 3);
SHINFO_CHECK_OFFSET(gso_size, 4);
SHINFO_CHECK_OFFSET(gso_segs, 6);
SHINFO_CHECK_OFFSET(frag_list, 8);
SHINFO_CHECK_OFFSET(hwtstamps, 16);
SHINFO_CHECK_OFFSET(gso_type, 24);
SHINFO_CHECK_OFFSET(tskey, 28);
SHINFO_CHECK_OFFSET(dataref, 32);
SHINFO_CHECK_OFFSET(xdp_frags_size, 36);
SHINFO_CHECK_OFFSET(destructor_arg, 40);
SHINFO_CHECK_OFFSET(frags, 48);

#endif /* _LINUX_SKBUFF_H */
