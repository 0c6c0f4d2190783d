/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Chelsio T6 inline IPsec (drivers/net/ethernet/chelsio/inline_crypto/
 * ch_ipsec/chcr_ipsec.h of 6.1): the SA entry behind offload_handle, and
 * the port the ULD Tx handler sends on, reduced to counters.
 */
#ifndef __CHCR_IPSEC_H__
#define __CHCR_IPSEC_H__

#include <linux/types.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#define CHIPSEC_DRV_MODULE_NAME	"ch_ipsec"

#define MAX_SALT		4
#define AES_MAX_KEY_SIZE	32
#define AES_KEYSIZE_128		16
#define AES_KEYSIZE_192		24
#define AES_KEYSIZE_256		32
#define AEAD_H_SIZE		16

#define ICV_8	8
#define ICV_12	12
#define ICV_16	16

#define CHCR_SCMD_HMAC_CTRL_NOP			0
#define CHCR_SCMD_HMAC_CTRL_NO_TRUNC		1
#define CHCR_SCMD_HMAC_CTRL_TRUNC_RFC4366	2
#define CHCR_SCMD_HMAC_CTRL_IPSEC_96BIT		3
#define CHCR_SCMD_HMAC_CTRL_PL1			4
#define CHCR_SCMD_HMAC_CTRL_PL2			5
#define CHCR_SCMD_HMAC_CTRL_PL3			6
#define CHCR_SCMD_HMAC_CTRL_DIV2		7

#define CHCR_KEYCTX_CIPHER_KEY_SIZE_128	0
#define CHCR_KEYCTX_CIPHER_KEY_SIZE_192	1
#define CHCR_KEYCTX_CIPHER_KEY_SIZE_256	2
#define CHCR_KEYCTX_MAC_KEY_SIZE_128	2

/* The key context header word (chcr_algo.h), host order before cpu_to_be32 */
#define KEY_CONTEXT_CTX_LEN_S		24
#define KEY_CONTEXT_CTX_LEN_V(x)	((x) << KEY_CONTEXT_CTX_LEN_S)
#define KEY_CONTEXT_SALT_PRESENT_S	10
#define KEY_CONTEXT_SALT_PRESENT_F	(1U << KEY_CONTEXT_SALT_PRESENT_S)
#define KEY_CONTEXT_CK_SIZE_S		6
#define KEY_CONTEXT_CK_SIZE_V(x)	((x) << KEY_CONTEXT_CK_SIZE_S)
#define KEY_CONTEXT_MK_SIZE_S		2
#define KEY_CONTEXT_MK_SIZE_V(x)	((x) << KEY_CONTEXT_MK_SIZE_S)
#define KEY_CONTEXT_VALID_S		0
#define KEY_CONTEXT_VALID_F		(1U << KEY_CONTEXT_VALID_S)

struct ipsec_sa_entry {
	int hmac_ctrl;
	u16 esn;
	u16 resv;
	unsigned int enckey_len;
	unsigned int kctx_len;
	unsigned int authsize;
	__be32 key_ctx_hdr;
	char salt[MAX_SALT];
	char key[2 * AES_MAX_KEY_SIZE];
};

/* cxgb4's per-port Tx queue, as counters and the skb awaiting reclaim. */
struct sge_eth_txq {
	struct sk_buff *pending;
	u64 mapping_err;
	u64 tx_packets;		/* work requests written (not a cxgb4 name) */
};

struct port_info {
	struct net_device *netdev;
	struct sge_eth_txq txq;
	u64 sa_entries;		/* live ipsec_sa_entry objects (module refs) */
};

int ch_ipsec_xmit(struct sk_buff *skb, struct net_device *dev);
void ch_ipsec_init_netdev(struct net_device *dev);
netdev_tx_t cxgb4_eth_xmit(struct sk_buff *skb, struct net_device *dev);
bool cxgb4_reclaim_completed_tx(struct port_info *pi);

#endif /* __CHCR_IPSEC_H__ */
