/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pieces of drivers/net/ethernet/intel/ixgbevf/ixgbevf.h (with
 * defines.h and mbx.h) the IPsec paths touch: the adapter, a one-slot Tx
 * ring and an Rx ring reduced to counters, the Rx descriptor write-back
 * words, and the mailbox to the PF, modelled as the messages the VF wrote
 * and a PF that answers them.
 */
#ifndef _IXGBEVF_H_
#define _IXGBEVF_H_

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>
#include "ipsec.h"

#define IXGBE_RXDADV_STAT_SECP		0x00020000
#define IXGBE_RXDADV_PKTTYPE_IPV4	0x00000010
#define IXGBE_RXDADV_PKTTYPE_IPV6	0x00000040
#define IXGBE_RXDADV_PKTTYPE_IPSEC_ESP	0x00001000
#define IXGBE_RXDADV_PKTTYPE_IPSEC_AH	0x00002000

#define IXGBE_ADVTXD_TUCMD_IPV4			0x00000400
#define IXGBE_ADVTXD_TUCMD_L4T_TCP		0x00000800
#define IXGBE_ADVTXD_TUCMD_IPSEC_TYPE_ESP	0x00002000
#define IXGBE_ADVTXD_TUCMD_IPSEC_ENCRYPT_EN	0x00004000

#ifndef BIT
#define BIT(n)				(1UL << (n))
#endif
#define IXGBE_TX_FLAGS_CSUM		BIT(0)
#define IXGBE_TX_FLAGS_VLAN		BIT(1)
#define IXGBE_TX_FLAGS_TSO		BIT(2)
#define IXGBE_TX_FLAGS_IPV4		BIT(3)
#define IXGBE_TX_FLAGS_IPSEC		BIT(4)

/* mbx.h */
#define IXGBE_VFMAILBOX_SIZE		16
#define IXGBE_VT_MSGTYPE_SUCCESS	0x80000000
#define IXGBE_VT_MSGTYPE_FAILURE	0x40000000
#define IXGBE_VT_MSGTYPE_CTS		0x20000000
#define IXGBE_VF_IPSEC_ADD		0x0d
#define IXGBE_VF_IPSEC_DEL		0x0e
#define IXGBE_ERR_MBX			-100

#define IXGBEVF_PF_SUP_IPSEC		BIT(0)

union ixgbe_adv_rx_desc {
	struct {
		__le64 pkt_addr;
		__le64 hdr_addr;
	} read;
	struct {
		struct {
			union {
				__le32 data;
				struct {
					__le16 pkt_info;
					__le16 hdr_info;
				} hs_rss;
			} lo_dword;
			union {
				__le32 rss;
				struct {
					__le16 ip_id;
					__le16 csum;
				} csum_ip;
			} hi_dword;
		} lower;
		struct {
			__le32 status_error;
			__le16 length;
			__le16 vlan;
		} upper;
	} wb;
};

static inline bool ixgbevf_test_staterr(union ixgbe_adv_rx_desc *rx_desc,
					const u32 stat_err_bits)
{
	return le32_to_cpu(rx_desc->wb.upper.status_error) & stat_err_bits;
}

#define IXGBEVF_MBX_LOG	8

/* One message the VF wrote to the mailbox, as the PF received it. */
struct ixgbevf_mbx_msg {
	u32 msg[IXGBE_VFMAILBOX_SIZE];
	u16 size;
};

/*
 * The VF side of the mailbox. The PF behind it hands out SA indices the
 * way ixgbe_ipsec_vf_add_sa() does (its own table index plus the base),
 * or refuses (NACK) when told to, or the write itself fails.
 */
struct ixgbevf_mbx {
	struct ixgbevf_mbx_msg log[IXGBEVF_MBX_LOG];	/* ring, newest at (writes - 1) */
	u32 writes;
	bool fail_write;	/* ixgbevf_write_mbx() answers IXGBE_ERR_MBX */
	bool pf_nack;		/* the PF refuses the next requests */
	bool pf_rx_used[IXGBE_IPSEC_MAX_SA_COUNT];
	bool pf_tx_used[IXGBE_IPSEC_MAX_SA_COUNT];
	u32 reply[2];		/* what ixgbevf_poll_mbx() will read */
};

struct ixgbe_hw {
	struct ixgbevf_mbx mbx;
};

struct ixgbevf_tx_buffer {
	struct sk_buff *skb;
	unsigned int bytecount;
	unsigned short gso_segs;
	__be16 protocol;
	u32 tx_flags;
};

struct ixgbevf_stats {
	u64 packets;
	u64 bytes;
};

struct ixgbevf_tx_queue_stats {
	u64 restart_queue;
	u64 tx_busy;
	u64 tx_done_old;
};

struct ixgbevf_ring {
	struct net_device *netdev;
	struct ixgbevf_tx_buffer tx_buffer_info[1];
	u16 next_to_use;
	struct ixgbevf_stats stats;
	struct ixgbevf_tx_queue_stats tx_stats;
};

struct ixgbevf_adapter {
	struct net_device *netdev;
	struct ixgbe_hw hw;
	struct ixgbevf_ipsec *ipsec;
	u32 pf_features;
	u64 tx_ipsec;
	u64 rx_ipsec;
	struct ixgbevf_ring tx_ring;
	struct ixgbevf_ring rx_ring;
};

/* mbx.c, reduced */
s32 ixgbevf_write_mbx(struct ixgbe_hw *hw, u32 *msg, u16 size);
s32 ixgbevf_poll_mbx(struct ixgbe_hw *hw, u32 *msg, u16 size);

/* ipsec.c */
void ixgbevf_init_ipsec_offload(struct ixgbevf_adapter *adapter);
void ixgbevf_stop_ipsec_offload(struct ixgbevf_adapter *adapter);
void ixgbevf_ipsec_rx(struct ixgbevf_ring *rx_ring,
		      union ixgbe_adv_rx_desc *rx_desc,
		      struct sk_buff *skb);
int ixgbevf_ipsec_tx(struct ixgbevf_ring *tx_ring,
		     struct ixgbevf_tx_buffer *first,
		     struct ixgbevf_ipsec_tx_data *itd);

/* ixgbevf_main.c */
netdev_tx_t ixgbevf_xmit_frame_ring(struct sk_buff *skb,
				    struct ixgbevf_adapter *adapter,
				    struct ixgbevf_ring *tx_ring);
bool ixgbevf_clean_tx_irq(struct ixgbevf_adapter *adapter,
			  struct ixgbevf_ring *tx_ring);
void ixgbevf_process_skb_fields(struct ixgbevf_ring *rx_ring,
				union ixgbe_adv_rx_desc *rx_desc,
				struct sk_buff *skb);

#endif /* _IXGBEVF_H_ */
