/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One entry point to the IPsec offload call sites of five drivers, so the
 * Node binding (and the tests) can drive any of them the same way.
 *
 * An adapter is one net_device of one driver, with the driver's private
 * structure and offload tables set up as its probe would. Around the
 * driver it does what the stack does around it in the kernel:
 * xfrm_dev_state_add()'s device part before xdo_dev_state_add, the
 * xdo_dev_state_delete/free pair at teardown, and the Tx completion after
 * ndo_start_xmit. Everything in between is the driver's own code under
 * csrc/drivers/, at the kernel's paths.
 *
 * Every function accepts bad input (NULL, an out-of-range driver, a state
 * of another adapter, a frame too short for the headers the driver reads)
 * and answers -EINVAL instead of crashing.
 *
 *	struct skbext_adapter *a = skbext_adapter_create(SKBEXT_DRV_IXGBE);
 *	x->xso.dir = XFRM_DEV_OFFLOAD_IN;	// a state with an AES-GCM aead
 *	skbext_adapter_state_add(a, x);		// x->xso.offload_handle set
 *	skb = skbext_esp_build_skb(&pkt);	// Ethernet + IPv4 + ESP
 *	struct skbext_rx_desc d = { .status_error = IXGBE_RXDADV_STAT_SECP,
 *		.pkt_info = IPV4 | IPSEC_ESP };
 *	skbext_adapter_rx(a, skb, &d);		// SKBEXT_RX_OFFLOADED
 *	kfree_skb(skb);
 *	skbext_adapter_state_delete(a, x);
 *	xfrm_state_delete(x);
 *	skbext_adapter_destroy(a);
 */
#ifndef _SKBEXT_ADAPTER_H
#define _SKBEXT_ADAPTER_H

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>

#ifdef __cplusplus
extern "C" {
#endif

enum skbext_driver {
	SKBEXT_DRV_IXGBE,	/* drivers/net/ethernet/intel/ixgbe */
	SKBEXT_DRV_IXGBEVF,	/* drivers/net/ethernet/intel/ixgbevf */
	SKBEXT_DRV_MLX5,	/* drivers/net/ethernet/mellanox/mlx5/core */
	SKBEXT_DRV_CHELSIO,	/* .../chelsio/inline_crypto/ch_ipsec */
	SKBEXT_DRV_NETDEVSIM,	/* drivers/net/netdevsim */
	SKBEXT_DRV_NUM,
};

/*
 * What the hardware's receive descriptor or completion says about a
 * frame; each driver reads its own fields and ignores the others.
 *
 * ixgbe, ixgbevf: @status_error is wb.upper.status_error (the hook runs
 * when IXGBE_RXDADV_STAT_SECP, bit 17, is set); @pkt_info is
 * wb.lower.lo_dword.hs_rss.pkt_info (IPV4 0x10, IPV6 0x40, IPSEC_ESP
 * 0x1000, IPSEC_AH 0x2000).
 * mlx5: @ft_metadata is cqe->ft_metadata in host order: bit 31 the IPsec
 * marker, bits 29..24 the syndrome (0 decrypted, 1 auth failed, 2 bad
 * trailer), bits 23..0 the SA handle (the firmware object id the driver
 * gave the state: skbext_adapter_rx_handle()). SKBEXT_MLX5_METADATA()
 * builds it.
 * chelsio, netdevsim: no Rx offload in 6.1; skbext_adapter_rx() answers
 * -EOPNOTSUPP.
 */
struct skbext_rx_desc {
	u32	status_error;
	u16	pkt_info;
	u32	ft_metadata;
};

#define SKBEXT_IXGBE_STAT_SECP		0x00020000
#define SKBEXT_IXGBE_PKTTYPE_IPV4	0x0010
#define SKBEXT_IXGBE_PKTTYPE_IPV6	0x0040
#define SKBEXT_IXGBE_PKTTYPE_IPSEC_ESP	0x1000
#define SKBEXT_IXGBE_PKTTYPE_IPSEC_AH	0x2000

#define SKBEXT_MLX5_SYNDROME_DECRYPTED		0
#define SKBEXT_MLX5_SYNDROME_AUTH_FAILED	1
#define SKBEXT_MLX5_SYNDROME_BAD_TRAILER	2
#define SKBEXT_MLX5_METADATA(handle, syndrome)			\
	((u32)(1U << 31) | (((u32)(syndrome) & 0x3f) << 24) |	\
	 ((u32)(handle) & 0xffffff))

/* What skbext_adapter_rx() saw the driver do (non-negative returns). */
enum skbext_rx_verdict {
	/* the descriptor does not mark the frame as IPsec: hook not run */
	SKBEXT_RX_NOT_IPSEC = 0,
	/*
	 * the hook ran and left no offloaded state on the skb (no SA, not
	 * ESP/AH, no memory...): the counters say which
	 */
	SKBEXT_RX_PASSED = 1,
	/*
	 * the hook pushed a state: sec_path len and olen grew by one, and
	 * xfrm_offload(skb) carries the flags and status the driver set
	 */
	SKBEXT_RX_OFFLOADED = 2,
};

/* What became of a frame given to skbext_adapter_xmit(). */
enum skbext_tx_verdict {
	/* queued; the Tx completion ran and consumed it (consume_skb) */
	SKBEXT_TX_SENT = 0,
	/*
	 * the driver refused it: freed by the driver, as a drop
	 * (kfree_skb) for ixgbe, ixgbevf, mlx5 and chelsio, and by
	 * dev_kfree_skb() (a consume_skb in 6.1) for netdevsim
	 */
	SKBEXT_TX_DROPPED = 1,
	/*
	 * NETDEV_TX_BUSY (chelsio: a state with no SA entry): the stack
	 * would requeue it; the adapter frees it with kfree_skb so the
	 * call still consumes it
	 */
	SKBEXT_TX_BUSY = 2,
};

/* Test and binding knobs: what the hardware or the PF would decide. */
enum skbext_knob {
	SKBEXT_KNOB_IXGBE_NUM_VFS,	/* ixgbe: VFs enabled (Tx SA add: -EOPNOTSUPP unless VEPA) */
	SKBEXT_KNOB_IXGBE_BRIDGE_VEPA,	/* ixgbe: 1 = BRIDGE_MODE_VEPA */
	SKBEXT_KNOB_IXGBEVF_PF_IPSEC,	/* ixgbevf: the PF advertises IPsec (default 1) */
	SKBEXT_KNOB_IXGBEVF_PF_NACK,	/* ixgbevf: the PF refuses requests */
	SKBEXT_KNOB_IXGBEVF_MBX_FAIL,	/* ixgbevf: mailbox writes fail */
	SKBEXT_KNOB_MLX5_ESN_CAP,	/* mlx5: MLX5_IPSEC_CAP_ESN (default 1) */
	SKBEXT_KNOB_NUM,
};

struct skbext_adapter;

/* A new device of @drv with offload set up. NULL on -ENOMEM or bad @drv. */
struct skbext_adapter *skbext_adapter_create(enum skbext_driver drv);

/*
 * Deletes and frees (xdo_dev_state_delete, xdo_dev_state_free) every
 * state still offloaded to the device, leaving each one un-offloaded
 * (xso.dev NULL, offload_handle 0) but otherwise alone, then frees the
 * device. NULL is ignored.
 */
void skbext_adapter_destroy(struct skbext_adapter *a);

/*
 * xfrm_dev_state_add() for this device: x->xso.dir (XFRM_DEV_OFFLOAD_IN
 * or _OUT) picks the Rx or Tx table. Sets xso.dev, real_dev, type and the
 * driver sets offload_handle. Returns 0; -EINVAL for bad input, a state
 * already offloaded, a dead state, an encap state, or ESN on a driver
 * without xdo_dev_state_advance_esn; -ENOMEM; or the driver's error. As in
 * the kernel, a driver's -EOPNOTSUPP leaves the state un-offloaded and
 * answers 0 (x->xso.dev stays NULL).
 *
 * The adapter remembers every state offloaded to it, and makes room for
 * @x after those checks and before the driver is asked: room for 16
 * states at first, twice as many each time the states it holds fill it,
 * never less. Growing is one allocation (-ENOMEM, the driver not asked).
 */
int skbext_adapter_state_add(struct skbext_adapter *a, struct xfrm_state *x);

/*
 * xdo_dev_state_delete (unless xfrm_state_delete() already ran it) and
 * xdo_dev_state_free, detaching @x from the device: xso.dev NULL and
 * offload_handle 0, so skbs still holding @x cannot reach freed driver
 * data. The state's own references are untouched. Returns 0, or -EINVAL
 * if @x is not offloaded to @a.
 */
int skbext_adapter_state_delete(struct skbext_adapter *a, struct xfrm_state *x);

/*
 * The driver's Rx hook on @skb (data at the Ethernet header) with what
 * @desc says. Never frees the skb. Returns an skbext_rx_verdict, or
 * -EINVAL (bad input; a frame shorter than the headers the driver reads;
 * an skb already carrying states), -EOPNOTSUPP (driver without Rx
 * offload).
 */
int skbext_adapter_rx(struct skbext_adapter *a, struct sk_buff *skb,
		      const struct skbext_rx_desc *desc);

/*
 * ndo_start_xmit of the driver for @skb (data at the Ethernet header;
 * skbext_esp_prepare_tx() makes it look as xfrm_output() leaves it),
 * followed by the Tx completion. Always consumes @skb, even on -EINVAL.
 * Returns the driver's netdev_tx_t (NETDEV_TX_OK or NETDEV_TX_BUSY) and
 * stores an skbext_tx_verdict in *@verdict (may be NULL); -EINVAL for a
 * NULL adapter or skb, a state offloaded to another device in the skb's
 * sec_path, or a network header the driver would read out of bounds.
 */
int skbext_adapter_xmit(struct skbext_adapter *a, struct sk_buff *skb,
			enum skbext_tx_verdict *verdict);

/*
 * The driver's xdo_dev_offload_ok for @skb and @x (offloaded to @a).
 * Returns 1 (ok), 0 (not), or -EINVAL.
 */
int skbext_adapter_offload_ok(struct skbext_adapter *a, struct sk_buff *skb,
			      struct xfrm_state *x);

/*
 * mlx5e_ipsec_feature_check(): the features left for @skb. Returns 0 and
 * sets *@out; -EOPNOTSUPP for drivers without an IPsec features check;
 * -EINVAL.
 */
int skbext_adapter_features_check(struct skbext_adapter *a, struct sk_buff *skb,
				  netdev_features_t features,
				  netdev_features_t *out);

/*
 * The driver's counters, under the names the kernel uses (ethtool -S or
 * the struct field). Fills up to @max names and values (either array may
 * be NULL) and returns how many the driver has; 0 for a NULL adapter.
 *
 * ixgbe:     rx_ipsec tx_ipsec tx_packets tx_bytes tx_busy num_rx_sa num_tx_sa
 * ixgbevf:   rx_ipsec tx_ipsec tx_packets tx_bytes tx_busy num_rx_sa num_tx_sa mbx_writes
 * mlx5:      ipsec_rx_drop_sp_alloc ipsec_rx_drop_sadb_miss ipsec_rx_drop_syndrome
 *            ipsec_tx_drop_bundle ipsec_tx_drop_no_state ipsec_tx_drop_not_ip
 *            ipsec_tx_drop_trailer tx_packets tx_bytes tx_csum_partial_inner
 * chelsio:   mapping_err tx_packets sa_entries
 * netdevsim: count tx ok tx_packets tx_bytes
 */
unsigned int skbext_adapter_counters(struct skbext_adapter *a,
				     const char **names, u64 *values,
				     unsigned int max);

/* One counter by name; -EINVAL if the driver has none of that name. */
int skbext_adapter_counter(struct skbext_adapter *a, const char *name,
			   u64 *value);

/* The knob's name without the prefix ("IXGBE_NUM_VFS"); NULL if bad. */
const char *skbext_knob_name(enum skbext_knob k);

/* Sets a knob; -EINVAL if @k does not apply to the adapter's driver. */
int skbext_adapter_set_knob(struct skbext_adapter *a, enum skbext_knob k,
			    u64 value);

/*
 * The SA handle the hardware would report for Rx state @x: the mlx5
 * firmware object id (for SKBEXT_MLX5_METADATA), or the Rx table index
 * for ixgbe/ixgbevf. -EINVAL if @x is not an Rx state of @a.
 */
long skbext_adapter_rx_handle(struct skbext_adapter *a, struct xfrm_state *x);

/* The device and the driver's private structure, for tests. */
struct net_device *skbext_adapter_netdev(struct skbext_adapter *a);
void *skbext_adapter_priv(struct skbext_adapter *a);
enum skbext_driver skbext_adapter_driver(const struct skbext_adapter *a);

/* "ixgbe", "ixgbevf", "mlx5_core", "ch_ipsec", "netdevsim"; NULL if bad. */
const char *skbext_driver_name(enum skbext_driver drv);

#ifdef __cplusplus
}
#endif

#endif /* _SKBEXT_ADAPTER_H */
