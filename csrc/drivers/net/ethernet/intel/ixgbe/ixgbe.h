/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The pieces of drivers/net/ethernet/intel/ixgbe/ixgbe.h (and ixgbe_type.h)
 * that the IPsec offload paths touch: the adapter, one Tx and one Rx ring
 * reduced to their counters, the Tx buffer, the advanced Rx descriptor's
 * write-back words, and the register file the SA tables are programmed
 * through (a record of what was written, not a device).
 */
#ifndef _IXGBE_H_
#define _IXGBE_H_

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <asm/byteorder.h>
#include "ixgbe_ipsec.h"

/* Rx descriptor write-back: status and packet type (ixgbe_type.h). */
#define IXGBE_RXDADV_STAT_SECP		0x00020000
#define IXGBE_RXDADV_PKTTYPE_IPV4	0x00000010
#define IXGBE_RXDADV_PKTTYPE_IPV6	0x00000040
#define IXGBE_RXDADV_PKTTYPE_IPSEC_ESP	0x00001000
#define IXGBE_RXDADV_PKTTYPE_IPSEC_AH	0x00002000
#define IXGBE_RXDADV_ERR_IPSEC_INV_PROTOCOL	0x08000000
#define IXGBE_RXDADV_ERR_IPSEC_INV_LENGTH	0x10000000
#define IXGBE_RXDADV_ERR_IPSEC_AUTH_FAILED	0x18000000

/* Tx context descriptor command bits (ixgbe_type.h). */
#define IXGBE_ADVTXD_TUCMD_IPV4			0x00000400
#define IXGBE_ADVTXD_TUCMD_L4T_TCP		0x00000800
#define IXGBE_ADVTXD_TUCMD_IPSEC_TYPE_ESP	0x00002000
#define IXGBE_ADVTXD_TUCMD_IPSEC_ENCRYPT_EN	0x00004000

enum ixgbe_tx_flags {
	IXGBE_TX_FLAGS_HW_VLAN	= 0x01,
	IXGBE_TX_FLAGS_TSO	= 0x02,
	IXGBE_TX_FLAGS_TSTAMP	= 0x04,
	IXGBE_TX_FLAGS_CC	= 0x08,
	IXGBE_TX_FLAGS_IPV4	= 0x10,
	IXGBE_TX_FLAGS_CSUM	= 0x20,
	IXGBE_TX_FLAGS_IPSEC	= 0x40,
	IXGBE_TX_FLAGS_SW_VLAN	= 0x80,
	IXGBE_TX_FLAGS_FCOE	= 0x100,
};

#ifndef BIT
#define BIT(n)				(1UL << (n))
#endif
#define IXGBE_FLAG2_IPSEC_ENABLED	BIT(15)

#define BRIDGE_MODE_VEB		0
#define BRIDGE_MODE_VEPA	1

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

static inline bool ixgbe_test_staterr(union ixgbe_adv_rx_desc *rx_desc,
				      const u32 stat_err_bits)
{
	return le32_to_cpu(rx_desc->wb.upper.status_error) & stat_err_bits;
}

struct ixgbe_tx_buffer {
	struct sk_buff *skb;
	unsigned int bytecount;
	unsigned short gso_segs;
	__be16 protocol;
	u32 tx_flags;
};

struct ixgbe_queue_stats {
	u64 packets;
	u64 bytes;
};

struct ixgbe_tx_queue_stats {
	u64 restart_queue;
	u64 tx_busy;
	u64 tx_done_old;
};

/*
 * A ring with one slot: the descriptor work is not modelled, only what
 * the driver counts and which buffer holds the skb until completion.
 */
struct ixgbe_ring {
	struct net_device *netdev;
	struct ixgbe_tx_buffer tx_buffer_info[1];
	u16 next_to_use;
	struct ixgbe_queue_stats stats;
	struct ixgbe_tx_queue_stats tx_stats;
};

/*
 * The registers the IPsec code writes, as the last values written: one
 * entry per table index, which is what the hardware keeps.
 */
struct ixgbe_hw_ipsec_rx_sa {
	__be32 spi;
	u32 ip_idx;
	u32 key[4];
	u32 salt;
	u32 mode;
};

struct ixgbe_hw_ipsec_tx_sa {
	u32 key[4];
	u32 salt;
};

struct ixgbe_hw {
	/* management filters ixgbe_ipsec_check_mgmt_ip() reads */
	u32 manc;
	u32 mfval;
	u32 bmcipval;
	u32 mipaf[4][4];
	u32 bmcip[4];
	/* the SA and IP tables as programmed */
	struct ixgbe_hw_ipsec_rx_sa rx_sa[IXGBE_IPSEC_MAX_SA_COUNT];
	struct ixgbe_hw_ipsec_tx_sa tx_sa[IXGBE_IPSEC_MAX_SA_COUNT];
	__be32 rx_ip[IXGBE_IPSEC_MAX_RX_IP_COUNT][4];
	bool ipsec_engine_on;
	u32 sa_writes;		/* register programming sequences issued */
};

struct ixgbe_adapter {
	struct net_device *netdev;
	struct ixgbe_hw hw;
	struct ixgbe_ipsec *ipsec;
	u32 flags2;
	unsigned int num_vfs;
	u16 bridge_mode;
	u64 rx_ipsec;
	u64 tx_ipsec;
	struct ixgbe_ring tx_ring;
	struct ixgbe_ring rx_ring;
};

/* ixgbe_ipsec.c */
struct xfrm_state *ixgbe_ipsec_find_rx_state(struct ixgbe_ipsec *ipsec,
					     __be32 *daddr, u8 proto,
					     __be32 spi, bool ip4);
void ixgbe_init_ipsec_offload(struct ixgbe_adapter *adapter);
void ixgbe_stop_ipsec_offload(struct ixgbe_adapter *adapter);
void ixgbe_ipsec_rx(struct ixgbe_ring *rx_ring,
		    union ixgbe_adv_rx_desc *rx_desc,
		    struct sk_buff *skb);
int ixgbe_ipsec_tx(struct ixgbe_ring *tx_ring,
		   struct ixgbe_tx_buffer *first,
		   struct ixgbe_ipsec_tx_data *itd);

/* ixgbe_main.c */
netdev_tx_t ixgbe_xmit_frame_ring(struct sk_buff *skb,
				  struct ixgbe_adapter *adapter,
				  struct ixgbe_ring *tx_ring);
bool ixgbe_clean_tx_irq(struct ixgbe_adapter *adapter,
			struct ixgbe_ring *tx_ring);
void ixgbe_process_skb_fields(struct ixgbe_ring *rx_ring,
			      union ixgbe_adv_rx_desc *rx_desc,
			      struct sk_buff *skb);

#endif /* _IXGBE_H_ */
