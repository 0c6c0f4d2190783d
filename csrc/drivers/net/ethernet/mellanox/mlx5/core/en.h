/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pieces of mlx5e (en.h, en/txrx.h, include/linux/mlx5/qp.h and
 * device.h) the IPsec offload paths touch: the private structure, one send
 * queue reduced to its state bits, counters and the last Ethernet segment
 * built, the CQE's flow-table metadata word, and the Ethernet segment.
 */
#ifndef __MLX5_EN_H__
#define __MLX5_EN_H__

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>

#ifndef BIT
#define BIT(n)		(1UL << (n))
#endif
#define GENMASK(h, l)	(((~0U) << (l)) & (~0U >> (31 - (h))))

struct mlx5e_ipsec;

/* The only CQE word the IPsec Rx path reads. */
struct mlx5_cqe64 {
	__be32		ft_metadata;
};

enum {
	MLX5_ETH_WQE_L3_INNER_CSUM	= 1 << 4,
	MLX5_ETH_WQE_L4_INNER_CSUM	= 1 << 5,
	MLX5_ETH_WQE_L3_CSUM		= 1 << 6,
	MLX5_ETH_WQE_L4_CSUM		= 1 << 7,
};

enum {
	MLX5_ETH_WQE_TRAILER_HDR_OUTER_IP_ASSOC	= 1 << 26,
	MLX5_ETH_WQE_TRAILER_HDR_OUTER_L4_ASSOC	= 1 << 27,
	MLX5_ETH_WQE_TRAILER_HDR_INNER_IP_ASSOC	= 3 << 26,
	MLX5_ETH_WQE_TRAILER_HDR_INNER_L4_ASSOC	= 1 << 28,
	MLX5_ETH_WQE_INSERT_TRAILER		= 1 << 30,
};

enum {
	MLX5_ETH_WQE_SWP_INNER_L3_IPV6	= 1 << 0,
	MLX5_ETH_WQE_SWP_INNER_L4_UDP	= 1 << 1,
	MLX5_ETH_WQE_SWP_OUTER_L3_IPV6	= 1 << 4,
	MLX5_ETH_WQE_SWP_OUTER_L4_UDP	= 1 << 5,
};

enum {
	MLX5_ETH_WQE_FT_META_IPSEC = BIT(0),
};

struct mlx5_wqe_eth_seg {
	u8		swp_outer_l4_offset;
	u8		swp_outer_l3_offset;
	u8		swp_inner_l4_offset;
	u8		swp_inner_l3_offset;
	u8		cs_flags;
	u8		swp_flags;
	__be16		mss;
	__be32		flow_table_metadata;
	union {
		struct {
			__be16	sz;
			u8	start[2];
		} inline_hdr;
		struct {
			__be16	type;
			__be16	vlan_tci;
		} insert;
		__be32	trailer;
	};
};

BUILD_BUG_ON(sizeof(struct mlx5_wqe_eth_seg) != 16);

enum {
	MLX5E_SQ_STATE_ENABLED,
	MLX5E_SQ_STATE_MPWQE,
	MLX5E_SQ_STATE_RECOVERING,
	MLX5E_SQ_STATE_IPSEC,
};

struct mlx5e_sq_stats {
	u64 packets;
	u64 bytes;
	u64 csum_partial_inner;
	u64 csum_none;
	u64 dropped;
};

/* A send queue with one WQE slot: the skb waits there for its completion. */
struct mlx5e_txqsq {
	unsigned long		state;
	struct mlx5e_sq_stats	*stats;
	struct mlx5e_sq_stats	sq_stats;
	struct sk_buff		*pending;
	struct mlx5_wqe_eth_seg	last_eseg;	/* what the last WQE carried */
	u32			last_ids_len;	/* trailer bytes inlined */
};

struct mlx5e_priv {
	struct net_device	*netdev;
	struct mlx5e_ipsec	*ipsec;
	u32			ipsec_caps;	/* mlx5_ipsec_device_caps() */
	struct mlx5e_txqsq	sq;
	struct mlx5e_txqsq	*txq2sq[1];
};

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return *addr & (1UL << nr);
}

static inline void __set_bit(int nr, unsigned long *addr)
{
	*addr |= 1UL << nr;
}

/* en_tx.c, en_rx.c (the IPsec pieces) */
netdev_tx_t mlx5e_xmit(struct sk_buff *skb, struct net_device *dev);
bool mlx5e_poll_tx_cq(struct mlx5e_txqsq *sq);
void mlx5e_build_rx_skb_ipsec(struct net_device *netdev, struct mlx5_cqe64 *cqe,
			      struct sk_buff *skb);

#endif /* __MLX5_EN_H__ */
