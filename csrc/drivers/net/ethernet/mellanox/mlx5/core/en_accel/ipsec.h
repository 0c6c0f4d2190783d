/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mlx5e IPsec offload state (drivers/net/ethernet/mellanox/mlx5/core/
 * en_accel/ipsec.h of 6.1): the per-device software counters, the Rx SA
 * database keyed by the firmware object id, and the SA entry whose address
 * is the state's offload_handle.
 */
#ifndef __MLX5E_IPSEC_H__
#define __MLX5E_IPSEC_H__

#include <linux/types.h>
#include <linux/hashtable.h>
#include <linux/in6.h>
#include <net/xfrm.h>
#include "../en.h"

#define MLX5E_IPSEC_SADB_RX_BITS	10
#define MLX5E_IPSEC_ESN_SCOPE_MID	0x80000000L

#ifndef atomic64_read
#define atomic64_read(v)	__atomic_load_n(&(v)->counter, __ATOMIC_RELAXED)
#define atomic64_inc(v)		__atomic_fetch_add(&(v)->counter, 1, __ATOMIC_RELAXED)
#endif

enum mlx5_ipsec_cap {
	MLX5_IPSEC_CAP_CRYPTO		= 1 << 0,
	MLX5_IPSEC_CAP_ESN		= 1 << 1,
};

struct mlx5e_ipsec_sw_stats {
	atomic64_t ipsec_rx_drop_sp_alloc;
	atomic64_t ipsec_rx_drop_sadb_miss;
	atomic64_t ipsec_rx_drop_syndrome;
	atomic64_t ipsec_tx_drop_bundle;
	atomic64_t ipsec_tx_drop_no_state;
	atomic64_t ipsec_tx_drop_not_ip;
	atomic64_t ipsec_tx_drop_trailer;
};

struct mlx5e_ipsec {
	DECLARE_HASHTABLE(sadb_rx, MLX5E_IPSEC_SADB_RX_BITS);
	struct mlx5e_ipsec_sw_stats sw_stats;
	u32 next_obj_id;	/* the firmware's IPsec object ids */
	u32 num_rules;		/* steering rules installed */
};

struct mlx5e_ipsec_esn_state {
	u32 esn;
	u8 trigger: 1;
	u8 overlap: 1;
};

/* What the firmware object is created from (reduced). */
struct mlx5_accel_esp_xfrm_attrs {
	__be32 spi;
	u32 saddr[4];
	u32 daddr[4];
	u8 dir;
	u8 mode;
	u8 is_ipv6;
	u8 esn_trigger;
	u32 key_len;	/* bytes, without the salt */
	u8 key[32];
	u8 salt[4];
	u32 icv_len;	/* bytes */
};

struct mlx5e_ipsec_sa_entry {
	struct hlist_node hlist;	/* in sadb_rx */
	struct mlx5e_ipsec_esn_state esn_state;
	unsigned int handle;		/* key in sadb_rx */
	struct xfrm_state *x;
	struct mlx5e_ipsec *ipsec;
	struct mlx5_accel_esp_xfrm_attrs attrs;
	void (*set_iv_op)(struct sk_buff *skb, struct xfrm_state *x,
			  struct xfrm_offload *xo);
	u32 ipsec_obj_id;
	bool has_rule;
};

/* An offloaded state's offload_handle is its SA entry. */
static inline struct mlx5e_ipsec_sa_entry *
to_ipsec_sa_entry(struct xfrm_state *x)
{
	return (void *)x->xso.offload_handle;
}

int mlx5e_ipsec_init(struct mlx5e_priv *priv);
void mlx5e_ipsec_cleanup(struct mlx5e_priv *priv);
void mlx5e_ipsec_build_netdev(struct mlx5e_priv *priv);
struct xfrm_state *mlx5e_ipsec_sadb_rx_lookup(struct mlx5e_ipsec *ipsec,
					      unsigned int handle);

#endif /* __MLX5E_IPSEC_H__ */
