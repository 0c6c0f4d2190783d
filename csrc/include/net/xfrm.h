/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IPsec state and the per-packet security path. struct xfrm_state keeps
 * the 6.1 field names for what the port and the drivers use (id, props,
 * km.state, refcnt, xso, the algorithm pointers); the rest of the kernel's
 * struct is left out. struct sec_path and struct xfrm_offload are whole
 * and at the kernel's sizes.
 */
#ifndef _NET_XFRM_H
#define _NET_XFRM_H

#include <linux/kernel.h>
#include <linux/in6.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XFRM_MAX_DEPTH		6
#define XFRM_MAX_OFFLOAD_DEPTH	1

#define IPPROTO_ESP		50
#define IPPROTO_AH		51
#define IPPROTO_COMP		108

#define AF_INET			2
#define AF_INET6		10

typedef union {
	__be32		a4;
	__be32		a6[4];
	struct in6_addr	in6;
} xfrm_address_t;

struct xfrm_id {
	xfrm_address_t	daddr;
	__be32		spi;
	__u8		proto;
};

enum {
	XFRM_STATE_VOID,
	XFRM_STATE_ACQ,
	XFRM_STATE_VALID,
	XFRM_STATE_ERROR,
	XFRM_STATE_EXPIRED,
	XFRM_STATE_DEAD
};

enum {
	XFRM_MODE_TRANSPORT = 0,
	XFRM_MODE_TUNNEL,
	XFRM_MODE_ROUTEOPTIMIZATION,
	XFRM_MODE_IN_TRIGGER,
	XFRM_MODE_BEET,
	XFRM_MODE_MAX
};

/* xso.dir */
enum {
	XFRM_DEV_OFFLOAD_UNSPECIFIED,
	XFRM_DEV_OFFLOAD_IN,
	XFRM_DEV_OFFLOAD_OUT,
};

/* xso.type */
enum {
	XFRM_DEV_OFFLOAD_TYPE_UNSPECIFIED,
	XFRM_DEV_OFFLOAD_CRYPTO,
};

#define XFRM_STATE_ESN		128

struct xfrm_dev_offload {
	struct net_device	*dev;
	netdevice_tracker	dev_tracker;
	struct net_device	*real_dev;
	unsigned long		offload_handle;
	u8			dir : 2;
	u8			type : 2;
};

struct xfrm_state_walk {
	u8			state;
	u8			dying;
	u8			proto;
	u32			seq;
};

struct xfrm_algo {
	char		alg_name[64];
	unsigned int	alg_key_len;	/* in bits */
	char		alg_key[];
};

struct xfrm_algo_auth {
	char		alg_name[64];
	unsigned int	alg_key_len;
	unsigned int	alg_trunc_len;
	char		alg_key[];
};

struct xfrm_algo_aead {
	char		alg_name[64];
	unsigned int	alg_key_len;
	unsigned int	alg_icv_len;
	char		alg_key[];
};

struct xfrm_encap_tmpl {
	__u16		encap_type;
	__be16		encap_sport;
	__be16		encap_dport;
	xfrm_address_t	encap_oa;
};

struct xfrm_state {
	/* on xfrm_state_gc_list between the last put and the GC work */
	struct hlist_node	gclist;
	refcount_t		refcnt;
	struct xfrm_id		id;
	u32			genid;
	struct xfrm_state_walk	km;

	struct {
		u32		reqid;
		u8		mode;
		u8		replay_window;
		u8		aalgo, ealgo, calgo;
		u8		flags;
		u16		family;
		xfrm_address_t	saddr;
		int		header_len;
		int		trailer_len;
		u32		extra_flags;
	} props;

	struct xfrm_algo_auth	*aalg;
	struct xfrm_algo	*ealg;
	struct xfrm_algo	*calg;
	struct xfrm_algo_aead	*aead;
	const char		*geniv;
	struct xfrm_encap_tmpl	*encap;
	struct xfrm_state	*tunnel;

	struct xfrm_dev_offload	xso;

	/* Private data of the xfrm type (ESP keeps its crypto here). */
	void			*data;
};

struct xfrm_offload {
	/* Sequence number for replay protection when offloading Tx. */
	struct {
		__u32 low;
		__u32 hi;
	} seq;

	__u32			flags;
#define	SA_DELETE_REQ		1
#define	CRYPTO_DONE		2
#define	CRYPTO_NEXT_DONE	4
#define	CRYPTO_FALLBACK		8
#define	XFRM_GSO_SEGMENT	16
#define	XFRM_GRO		32
#define	XFRM_DEV_RESUME		128
#define	XFRM_XMIT		256

	__u32			status;
#define CRYPTO_SUCCESS				1
#define CRYPTO_GENERIC_ERROR			2
#define CRYPTO_TRANSPORT_AH_AUTH_FAILED		4
#define CRYPTO_TRANSPORT_ESP_AUTH_FAILED	8
#define CRYPTO_TUNNEL_AH_AUTH_FAILED		16
#define CRYPTO_TUNNEL_ESP_AUTH_FAILED		32
#define CRYPTO_INVALID_PACKET_SYNTAX		64
#define CRYPTO_INVALID_PROTOCOL			128

	/* Keeps the whole L2 header for transport-mode GRO. */
	__u32			orig_mac_len;

	__u8			proto;
	__u8			inner_ipproto;
};

struct sec_path {
	int			len;
	int			olen;
	int			verified_cnt;

	struct xfrm_state	*xvec[XFRM_MAX_DEPTH];
	struct xfrm_offload	ovec[XFRM_MAX_OFFLOAD_DEPTH];
};

BUILD_BUG_ON(sizeof(struct xfrm_offload) != 24);
/* the binding (C++) must see the same struct as the core (C) */
BUILD_BUG_ON(sizeof(struct xfrm_dev_offload) != 32);
BUILD_BUG_ON(sizeof(struct sec_path) != 88);
BUILD_BUG_ON(offsetof(struct sec_path, xvec) != 16);
BUILD_BUG_ON(offsetof(struct sec_path, ovec) != 64);

extern struct kmem_cache *xfrm_state_cache;

/* net/xfrm/xfrm_state.c */
struct xfrm_state *xfrm_state_alloc(void *net);
void __xfrm_state_destroy(struct xfrm_state *x, bool sync);
int __xfrm_state_delete(struct xfrm_state *x);
int xfrm_state_delete(struct xfrm_state *x);
void xfrm_state_init(void);

/* net/xfrm/xfrm_device.c */
void xfrm_dev_state_delete(struct xfrm_state *x);
void xfrm_dev_state_free(struct xfrm_state *x);
struct sk_buff *validate_xmit_xfrm(struct sk_buff *skb,
				   netdev_features_t features, bool *again);

/* net/xfrm/xfrm_input.c */
struct sec_path *secpath_set(struct sk_buff *skb);
int xfrm_input_push_state(struct sk_buff *skb, struct xfrm_state *x);

/* net/xfrm/xfrm_output.c: xfrm_output()'s step for an offloaded state */
int xfrm_output_offload(struct sk_buff *skb, struct xfrm_state *x);

/* Drop a reference the caller knows is not the last. */
static inline void __xfrm_state_put(struct xfrm_state *x)
{
	refcount_dec(&x->refcnt);
}

/* Drop a reference; the last one hands the state to the GC worker. */
static inline void xfrm_state_put(struct xfrm_state *x)
{
	if (!refcount_dec_and_test(&x->refcnt))
		return;
	__xfrm_state_destroy(x, false);
}

/* The same, but a last put destroys at once (the caller can wait). */
static inline void xfrm_state_put_sync(struct xfrm_state *x)
{
	if (!refcount_dec_and_test(&x->refcnt))
		return;
	__xfrm_state_destroy(x, true);
}

static inline void xfrm_state_hold(struct xfrm_state *x)
{
	refcount_inc(&x->refcnt);
}

static inline struct sec_path *skb_sec_path(const struct sk_buff *skb)
{
#ifdef CONFIG_XFRM
	return (struct sec_path *)skb_ext_find(skb, SKB_EXT_SEC_PATH);
#else
	return NULL;
#endif
}

/* The sec_path goes, with the states it held (if nobody shares them). */
static inline void secpath_reset(struct sk_buff *skb)
{
#ifdef CONFIG_XFRM
	skb_ext_del(skb, SKB_EXT_SEC_PATH);
#endif
}

static inline int secpath_exists(const struct sk_buff *skb)
{
	return skb_sec_path(skb) != NULL;
}

/* The 5.0 name of secpath_exists(), kept for code written against it. */
static inline int secpath_exist(const struct sk_buff *skb)
{
	return secpath_exists(skb);
}

/* The state applied last on input; the caller knows there is a path. */
static inline struct xfrm_state *xfrm_input_state(struct sk_buff *skb)
{
	const struct sec_path *path = skb_sec_path(skb);

	return path->xvec[path->len - 1];
}

/*
 * The offload state of the innermost transform, valid only while every
 * state on the path was offloaded (one ovec entry per xvec entry).
 */
static inline struct xfrm_offload *xfrm_offload(struct sk_buff *skb)
{
	struct sec_path *path = skb_sec_path(skb);

	if (!path || path->olen == 0)
		return NULL;
	if (path->olen != path->len)
		return NULL;
	return path->ovec + path->olen - 1;
}

#ifdef __cplusplus
}
#endif

#endif /* _NET_XFRM_H */
