// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlx5e IPsec per-packet offload (drivers/net/ethernet/mellanox/mlx5/
 * core/en_accel/ipsec_rxtx.c of Linux 6.1, as Debian's 6.1.y carries it):
 * on Tx the trailer the stack added is taken off again (the device writes
 * its own), the sequence number goes into the IV, and the Ethernet segment
 * tells the device where the headers are; on Rx the CQE's metadata names
 * the SA the device decrypted with and how it went.
 *
 * crypto_aead_authsize(x->data) stands here as the state's ICV length:
 * this port's states carry no crypto transform, and the driver only
 * offloads AES-GCM with a 128-bit ICV.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/xfrm.h>
#include <net/esp.h>
#include <asm/byteorder.h>
#include <skbext/skbuff_drv.h>
#include "ipsec.h"
#include "ipsec_rxtx.h"

enum {
	MLX5E_IPSEC_TX_SYNDROME_OFFLOAD = 0x8,
	MLX5E_IPSEC_TX_SYNDROME_OFFLOAD_WITH_LSO_TCP = 0x9,
};

#ifndef UDP_ENCAP_ESPINUDP
#define UDP_ENCAP_ESPINUDP	2	/* linux/udp.h: ESP in UDP, RFC 3948 */
#endif

static unsigned int mlx5e_ipsec_authsize(struct xfrm_state *x)
{
	if (!x->aead)
		return 0;
	return x->aead->alg_icv_len / 8;
}

static bool mlx5e_ipsec_is_ip(const struct sk_buff *skb)
{
	return skb->protocol == htons(ETH_P_IP) ||
	       skb->protocol == htons(ETH_P_IPV6);
}

/*
 * The device writes the ESP trailer itself, so the one esp_output() put
 * at the end goes again: the pad length byte (just before the next header
 * and the ICV) says how long it is. The IP header's length follows the
 * trim; IPv4 also needs its header checksum again.
 */
static int mlx5e_ipsec_remove_trailer(struct sk_buff *skb, struct xfrm_state *x)
{
	unsigned int icv = mlx5e_ipsec_authsize(x);
	unsigned int cut;
	u8 padlen;
	int err;

	err = skb_copy_bits(skb, skb->len - icv - 2, &padlen, sizeof(padlen));
	if (unlikely(err))
		return err;
	cut = padlen + 2 + icv;
	err = pskb_trim(skb, skb->len - cut);
	if (unlikely(err))
		return err;

	if (skb->protocol == htons(ETH_P_IP)) {
		struct iphdr *iph = ip_hdr(skb);

		iph->tot_len = htons(ntohs(iph->tot_len) - cut);
		ip_send_check(iph);
	} else {
		struct ipv6hdr *ip6 = ipv6_hdr(skb);

		ip6->payload_len = htons(ntohs(ip6->payload_len) - cut);
	}
	return 0;
}

/*
 * The software parser's slots hold offsets from skb->data in 2-byte
 * words. An L3 slot also says whether that header is IPv6.
 */
static void mlx5e_ipsec_swp_l3(struct mlx5_wqe_eth_seg *eseg, u8 *slot,
			       int offset, bool ipv6, u8 ipv6_flag)
{
	*slot = offset / 2;
	if (ipv6)
		eseg->swp_flags |= ipv6_flag;
}

/*
 * An L4 slot is filled only for TCP and UDP, the headers the device can
 * find (UDP also raises @udp_flag). Returns whether it was filled.
 */
static bool mlx5e_ipsec_swp_l4(struct mlx5_wqe_eth_seg *eseg, u8 *slot,
			       u8 proto, int offset, u8 udp_flag)
{
	if (!mlx5e_ipsec_l4_parsed(proto))
		return false;
	*slot = offset / 2;
	if (proto == IPPROTO_UDP)
		eseg->swp_flags |= udp_flag;
	return true;
}

/*
 * Tell the device's software parser where the headers are. The outer IP
 * header always; then, by mode:
 *  - tunnel: the plaintext IP packet behind ESP (xo->proto says its
 *    family) and, if TCP or UDP, its L4 header;
 *  - transport: the L4 header the ESP header was put in front of, or, when
 *    the packet is itself a UDP tunnel (VXLAN: xo->inner_ipproto set),
 *    that tunnel's inner L4 header (at csum_start) and, if the parser can
 *    take that one, its inner IP header.
 */
static void mlx5e_ipsec_set_swp(struct sk_buff *skb,
				struct mlx5_wqe_eth_seg *eseg, u8 mode,
				struct xfrm_offload *xo)
{
	u8 inner = xo->inner_ipproto;
	struct iphdr *inner_iph;

	mlx5e_ipsec_swp_l3(eseg, &eseg->swp_outer_l3_offset,
			   skb_network_offset(skb),
			   skb->protocol == htons(ETH_P_IPV6),
			   MLX5_ETH_WQE_SWP_OUTER_L3_IPV6);

	switch (mode) {
	case XFRM_MODE_TUNNEL:
		mlx5e_ipsec_swp_l3(eseg, &eseg->swp_inner_l3_offset,
				   skb_inner_network_offset(skb),
				   xo->proto == IPPROTO_IPV6,
				   MLX5_ETH_WQE_SWP_INNER_L3_IPV6);
		mlx5e_ipsec_swp_l4(eseg, &eseg->swp_inner_l4_offset, inner,
				   skb_inner_transport_offset(skb),
				   MLX5_ETH_WQE_SWP_INNER_L4_UDP);
		break;
	case XFRM_MODE_TRANSPORT:
		if (!inner) {
			mlx5e_ipsec_swp_l4(eseg, &eseg->swp_outer_l4_offset,
					   xo->proto,
					   skb_inner_transport_offset(skb),
					   MLX5_ETH_WQE_SWP_OUTER_L4_UDP);
			break;
		}
		if (!mlx5e_ipsec_swp_l4(eseg, &eseg->swp_inner_l4_offset, inner,
					skb->csum_start - skb_headroom(skb),
					MLX5_ETH_WQE_SWP_INNER_L4_UDP))
			break;
		inner_iph = (struct iphdr *)skb_inner_network_header(skb);
		mlx5e_ipsec_swp_l3(eseg, &eseg->swp_inner_l3_offset,
				   skb_inner_network_offset(skb),
				   inner_iph->version == 6,
				   MLX5_ETH_WQE_SWP_INNER_L3_IPV6);
		break;
	default:
		break;
	}
}

/*
 * The device builds the GCM IV from the packet's own sequence number:
 * all 64 bits of it go where esp_output() left room for the IV, right
 * after the ESP header.
 */
static void mlx5e_ipsec_seq_to_iv(struct sk_buff *skb, struct xfrm_offload *xo)
{
	u64 seq = ((u64)xo->seq.hi << 32) | xo->seq.low;
	__be64 iv = cpu_to_be64(seq);

	skb_store_bits(skb, skb_transport_offset(skb) + sizeof(struct ip_esp_hdr),
		       &iv, sizeof(iv));
}

/*
 * With ESN the kernel also steps seq.hi back for a GSO burst that starts
 * before the middle of the replay window and ends past it; that reads
 * x->replay_esn, which this port's states lack, and no GSO skb is sent
 * here, so it is not modelled and both writers put the same bits.
 */
void mlx5e_ipsec_set_iv_esn(struct sk_buff *skb, struct xfrm_state *x,
			    struct xfrm_offload *xo)
{
	(void)x;
	mlx5e_ipsec_seq_to_iv(skb, xo);
}

void mlx5e_ipsec_set_iv(struct sk_buff *skb, struct xfrm_state *x,
			struct xfrm_offload *xo)
{
	(void)x;
	mlx5e_ipsec_seq_to_iv(skb, xo);
}

/*
 * What the WQE carries for the trailer the device will append: the
 * padding (with pad length and next header) that takes the payload to a
 * multiple of 4 bytes, at least 4 bytes of it (GCM's block size is 1,
 * which ESP rounds up to 4), and the ICV after it.
 */
static int mlx5e_ipsec_set_state(struct mlx5e_priv *priv,
				 struct sk_buff *skb,
				 struct xfrm_state *x,
				 struct xfrm_offload *xo,
				 struct mlx5e_accel_tx_ipsec_state *ipsec_st)
{
	u32 pad = ALIGN(skb->len + 2, 4U) - skb->len;

	(void)priv;
	ipsec_st->x = x;
	ipsec_st->xo = xo;
	ipsec_st->plen = max_t(u32, pad, 4);
	ipsec_st->tailen = ipsec_st->plen + mlx5e_ipsec_authsize(x);
	return 0;
}

/*
 * The one state the device can apply to @skb. A sec_path of more than
 * one transform (a bundle), one whose state is gone, a state this device
 * never took or a frame that is not IP: NULL, with *@drop pointing at the
 * counter that names the reason (the last two share one).
 */
static struct xfrm_state *mlx5e_ipsec_tx_sa(struct sk_buff *skb,
					    struct mlx5e_ipsec_sw_stats *stats,
					    atomic64_t **drop)
{
	struct sec_path *sp = skb_sec_path(skb);
	struct xfrm_state *x;

	if (unlikely(sp->len != 1)) {
		*drop = &stats->ipsec_tx_drop_bundle;
		return NULL;
	}
	x = xfrm_input_state(skb);
	if (unlikely(!x)) {
		*drop = &stats->ipsec_tx_drop_no_state;
		return NULL;
	}
	if (unlikely(!x->xso.offload_handle || !mlx5e_ipsec_is_ip(skb))) {
		*drop = &stats->ipsec_tx_drop_not_ip;
		return NULL;
	}
	return x;
}

/*
 * The Ethernet segment of a WQE the device encrypts: the IPsec flow-table
 * mark, the header offsets, and where the trailer goes. The trailer is
 * tied to the outer IP header when ESP follows it directly, to the outer
 * L4 header otherwise; with ESP in UDP the same choice is made one level
 * in. Skbs mlx5e_ipsec_handle_tx_skb() would refuse are left alone.
 */
void mlx5e_ipsec_tx_build_eseg(struct mlx5e_priv *priv, struct sk_buff *skb,
			       struct mlx5_wqe_eth_seg *eseg)
{
	u32 trailer = MLX5_ETH_WQE_INSERT_TRAILER;
	struct xfrm_state *x;
	atomic64_t *unused;
	bool esp_on_ip;

	x = mlx5e_ipsec_tx_sa(skb, &priv->ipsec->sw_stats, &unused);
	if (!x)
		return;

	mlx5e_ipsec_set_swp(skb, eseg, x->props.mode, xfrm_offload(skb));

	if (x->props.family == AF_INET)
		esp_on_ip = ip_hdr(skb)->protocol == IPPROTO_ESP;
	else
		esp_on_ip = ipv6_hdr(skb)->nexthdr == IPPROTO_ESP;

	if (!x->encap)
		trailer |= esp_on_ip ? MLX5_ETH_WQE_TRAILER_HDR_OUTER_IP_ASSOC :
				       MLX5_ETH_WQE_TRAILER_HDR_OUTER_L4_ASSOC;
	else if (x->encap->encap_type == UDP_ENCAP_ESPINUDP)
		trailer |= esp_on_ip ? MLX5_ETH_WQE_TRAILER_HDR_INNER_IP_ASSOC :
				       MLX5_ETH_WQE_TRAILER_HDR_INNER_L4_ASSOC;

	eseg->flow_table_metadata |= cpu_to_be32(MLX5_ETH_WQE_FT_META_IPSEC);
	eseg->trailer |= cpu_to_be32(trailer);
}

/**
 * mlx5e_ipsec_handle_tx_skb - prepare an offloaded skb for the device
 * @netdev: device
 * @skb: packet; xfrm_offload(skb) is known to be non-NULL
 * @ipsec_st: state for building the WQE
 *
 * Only a single offloaded state on an IP packet is sent. Returns true to
 * go on; false after freeing the skb as a drop and counting why.
 */
bool mlx5e_ipsec_handle_tx_skb(struct net_device *netdev,
			       struct sk_buff *skb,
			       struct mlx5e_accel_tx_ipsec_state *ipsec_st)
{
	struct mlx5e_priv *priv = netdev_priv(netdev);
	struct mlx5e_ipsec_sw_stats *stats = &priv->ipsec->sw_stats;
	struct xfrm_offload *xo = xfrm_offload(skb);
	atomic64_t *drop = NULL;
	struct xfrm_state *x;

	x = mlx5e_ipsec_tx_sa(skb, stats, &drop);
	/* esp_xmit() gives an offloaded GSO skb no trailer to take off */
	if (x && !skb_is_gso(skb) && mlx5e_ipsec_remove_trailer(skb, x)) {
		drop = &stats->ipsec_tx_drop_trailer;
		x = NULL;
	}
	if (unlikely(!x)) {
		atomic64_inc(drop);
		kfree_skb(skb);
		return false;
	}

	to_ipsec_sa_entry(x)->set_iv_op(skb, x, xo);
	mlx5e_ipsec_set_state(priv, skb, x, xo, ipsec_st);
	return true;
}

/*
 * xo->status for each syndrome the device reports; one past the table is
 * a syndrome this driver does not know.
 */
static const u32 mlx5e_ipsec_rx_status[] = {
	[MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_DECRYPTED]	= CRYPTO_SUCCESS,
	[MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_AUTH_FAILED]	= CRYPTO_TUNNEL_ESP_AUTH_FAILED,
	[MLX5E_IPSEC_OFFLOAD_RX_SYNDROME_BAD_TRAILER]	= CRYPTO_INVALID_PACKET_SYNTAX,
};

/**
 * mlx5e_ipsec_offload_handle_rx_skb - record the device's decryption
 * @netdev: device
 * @skb: received packet
 * @cqe: its completion, whose metadata marks it as IPsec
 *
 * Takes a reference on the SA for the sec_path. A syndrome the driver
 * does not know is counted and leaves status 0, with CRYPTO_DONE set.
 */
void mlx5e_ipsec_offload_handle_rx_skb(struct net_device *netdev,
				       struct sk_buff *skb,
				       struct mlx5_cqe64 *cqe)
{
	struct mlx5e_priv *priv = netdev_priv(netdev);
	struct mlx5e_ipsec_sw_stats *stats = &priv->ipsec->sw_stats;
	u32 metadata = be32_to_cpu(cqe->ft_metadata);
	u32 syndrome = MLX5_IPSEC_METADATA_SYNDROM(metadata);
	struct xfrm_offload *xo;
	struct xfrm_state *x;
	struct sec_path *sp;

	/* the sec_path first: a failed allocation then holds no state */
	sp = secpath_set(skb);
	if (unlikely(!sp)) {
		atomic64_inc(&stats->ipsec_rx_drop_sp_alloc);
		return;
	}

	x = mlx5e_ipsec_sadb_rx_lookup(priv->ipsec,
				       MLX5_IPSEC_METADATA_HANDLE(metadata));
	if (unlikely(!x)) {
		atomic64_inc(&stats->ipsec_rx_drop_sadb_miss);
		/*
		 * Left empty, the sec_path would reach the policy check and
		 * pass for one that holds states; 6.1.y takes it off (6.1.0
		 * left it).
		 */
		secpath_reset(skb);
		return;
	}

	/* the lookup's reference is the one the sec_path keeps */
	sp->xvec[sp->len++] = x;
	sp->olen++;

	xo = xfrm_offload(skb);
	xo->flags = CRYPTO_DONE;
	/* 6.1 leaves the status as it was (0) for a syndrome it does not know */
	if (syndrome < ARRAY_SIZE(mlx5e_ipsec_rx_status))
		xo->status = mlx5e_ipsec_rx_status[syndrome];
	else
		atomic64_inc(&stats->ipsec_rx_drop_syndrome);
}
