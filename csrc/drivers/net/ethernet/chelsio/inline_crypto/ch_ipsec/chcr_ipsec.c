// SPDX-License-Identifier: GPL-2.0-only
/*
 * Chelsio T6 inline IPsec offload (drivers/net/ethernet/chelsio/
 * inline_crypto/ch_ipsec/chcr_ipsec.c of Linux 6.1): the xfrmdev_ops the
 * ULD gives cxgb4, and ch_ipsec_xmit(), which cxgb4's Tx path calls for
 * every non-GSO packet xfrm_offload() accepts.
 *
 * The key context's GHASH subkey (AES of a zero block) is not computed:
 * no AES here, and nothing reads it back. The work request, queue credits
 * and DMA mapping are not modelled; whether the packet would go as
 * immediate data or as a gather list, its skb ends consumed.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/pfkeyv2.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <asm/byteorder.h>
#include <skbext/skbuff_drv.h>
#include "chcr_ipsec.h"

#define KEY_CONTEXT_HDR_SIZE	16	/* sizeof(struct _key_ctx) */

static int ch_ipsec_setauthsize(struct xfrm_state *x,
				struct ipsec_sa_entry *sa_entry)
{
	int hmac_ctrl;
	int authsize = x->aead->alg_icv_len / 8;

	sa_entry->authsize = authsize;

	switch (authsize) {
	case ICV_8:
		hmac_ctrl = CHCR_SCMD_HMAC_CTRL_DIV2;
		break;
	case ICV_12:
		hmac_ctrl = CHCR_SCMD_HMAC_CTRL_IPSEC_96BIT;
		break;
	case ICV_16:
		hmac_ctrl = CHCR_SCMD_HMAC_CTRL_NO_TRUNC;
		break;
	default:
		return -EINVAL;
	}
	return hmac_ctrl;
}

static int ch_ipsec_setkey(struct xfrm_state *x,
			   struct ipsec_sa_entry *sa_entry)
{
	int keylen = (x->aead->alg_key_len + 7) / 8;
	unsigned char *key = (unsigned char *)x->aead->alg_key;
	int ck_size, key_ctx_size = 0;
	int ret = 0;

	/* the nonce (salt) is the last 4 bytes of the key material */
	if (keylen > 3) {
		keylen -= 4;
		memcpy(sa_entry->salt, key + keylen, 4);
	}

	if (keylen == AES_KEYSIZE_128) {
		ck_size = CHCR_KEYCTX_CIPHER_KEY_SIZE_128;
	} else if (keylen == AES_KEYSIZE_192) {
		ck_size = CHCR_KEYCTX_CIPHER_KEY_SIZE_192;
	} else if (keylen == AES_KEYSIZE_256) {
		ck_size = CHCR_KEYCTX_CIPHER_KEY_SIZE_256;
	} else {
		pr_err("GCM: Invalid key length %d\n", keylen);
		ret = -EINVAL;
		goto out;
	}

	memcpy(sa_entry->key, key, keylen);
	sa_entry->enckey_len = keylen;
	key_ctx_size = KEY_CONTEXT_HDR_SIZE +
		       ((DIV_ROUND_UP(keylen, 16)) << 4) + AEAD_H_SIZE;
	/* cipher size, MAC size 128, and the context length in 16-byte units */
	sa_entry->key_ctx_hdr = cpu_to_be32((ck_size << 4) | (2 << 0) |
					    ((key_ctx_size >> 4) << 24));
	sa_entry->kctx_len = ((DIV_ROUND_UP(sa_entry->enckey_len, 16)) << 4) +
			     AEAD_H_SIZE;
out:
	return ret;
}

/*
 * Returns 0 or -EINVAL/-ENOMEM. The authsize and key helpers' errors are
 * not looked at, as in the driver: the state is accepted with whatever
 * they left.
 */
static int ch_ipsec_xfrm_add_state(struct xfrm_state *x)
{
	struct ipsec_sa_entry *sa_entry;
	struct port_info *pi = netdev_priv(x->xso.real_dev);
	int res = 0;

	if (x->props.aalgo != SADB_AALG_NONE) {
		pr_debug("Cannot offload authenticated xfrm states\n");
		return -EINVAL;
	}
	if (x->props.calgo != SADB_X_CALG_NONE) {
		pr_debug("Cannot offload compressed xfrm states\n");
		return -EINVAL;
	}
	if (x->props.family != AF_INET &&
	    x->props.family != AF_INET6) {
		pr_debug("Only IPv4/6 xfrm state offloaded\n");
		return -EINVAL;
	}
	if (x->props.mode != XFRM_MODE_TRANSPORT &&
	    x->props.mode != XFRM_MODE_TUNNEL) {
		pr_debug("Only transport and tunnel xfrm offload\n");
		return -EINVAL;
	}
	if (x->id.proto != IPPROTO_ESP) {
		pr_debug("Only ESP xfrm state offloaded\n");
		return -EINVAL;
	}
	if (x->encap) {
		pr_debug("Encapsulated xfrm state not offloaded\n");
		return -EINVAL;
	}
	if (!x->aead) {
		pr_debug("Cannot offload xfrm states without aead\n");
		return -EINVAL;
	}
	if (x->aead->alg_icv_len != 128 &&
	    x->aead->alg_icv_len != 96) {
		pr_debug("Cannot offload xfrm states with AEAD ICV length other than 96b & 128b\n");
		return -EINVAL;
	}
	if ((x->aead->alg_key_len != 128 + 32) &&
	    (x->aead->alg_key_len != 256 + 32)) {
		pr_debug("cannot offload xfrm states with AEAD key length other than 128/256 bit\n");
		return -EINVAL;
	}
	if (!x->geniv) {
		pr_debug("Cannot offload xfrm states without geniv\n");
		return -EINVAL;
	}
	if (strcmp(x->geniv, "seqiv")) {
		pr_debug("Cannot offload xfrm states with geniv other than seqiv\n");
		return -EINVAL;
	}

	sa_entry = kzalloc(sizeof(*sa_entry), GFP_KERNEL);
	if (!sa_entry) {
		res = -ENOMEM;
		goto out;
	}

	sa_entry->hmac_ctrl = ch_ipsec_setauthsize(x, sa_entry);
	if (x->props.flags & XFRM_STATE_ESN)
		sa_entry->esn = 1;
	ch_ipsec_setkey(x, sa_entry);
	x->xso.offload_handle = (unsigned long)sa_entry;
	/* try_module_get(): one module reference per SA entry */
	pi->sa_entries++;
out:
	return res;
}

/* Nothing to undo at delete: the entry lives until the state is freed. */
static void ch_ipsec_xfrm_del_state(struct xfrm_state *x)
{
	if (!x->xso.offload_handle)
		return;
}

static void ch_ipsec_xfrm_free_state(struct xfrm_state *x)
{
	struct ipsec_sa_entry *sa_entry;
	struct port_info *pi;

	if (!x->xso.offload_handle)
		return;

	sa_entry = (struct ipsec_sa_entry *)x->xso.offload_handle;
	kfree(sa_entry);
	pi = netdev_priv(x->xso.dev);
	pi->sa_entries--;
}

static bool ch_ipsec_offload_ok(struct sk_buff *skb, struct xfrm_state *x)
{
	if (x->props.family == AF_INET) {
		if (ip_hdr(skb)->ihl > 5)
			return false;
	} else {
		if (ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr))
			return false;
	}
	return true;
}

static void ch_ipsec_advance_esn_state(struct xfrm_state *x)
{
	if (!x->xso.offload_handle)
		return;
}

static const struct xfrmdev_ops ch_ipsec_xfrmdev_ops = {
	.xdo_dev_state_add	= ch_ipsec_xfrm_add_state,
	.xdo_dev_state_delete	= ch_ipsec_xfrm_del_state,
	.xdo_dev_state_free	= ch_ipsec_xfrm_free_state,
	.xdo_dev_offload_ok	= ch_ipsec_offload_ok,
	.xdo_dev_state_advance_esn = ch_ipsec_advance_esn_state,
};

/* What cxgb4 does for a port when the ipsec ULD attaches. */
void ch_ipsec_init_netdev(struct net_device *dev)
{
	dev->xfrmdev_ops = &ch_ipsec_xfrmdev_ops;
	dev->hw_enc_features |= NETIF_F_HW_ESP;
	dev->features |= NETIF_F_HW_ESP;
}

/**
 * ch_ipsec_xmit - the ULD Tx handler for an offloaded packet
 * @skb: packet; xfrm_offload(skb) is known to be non-NULL
 * @dev: port
 *
 * A state without an SA entry makes the queue look busy (NETDEV_TX_BUSY,
 * the skb not consumed: the stack would requeue it); a bundle of more
 * than one state is dropped. Otherwise the packet is queued and
 * NETDEV_TX_OK returned.
 */
int ch_ipsec_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct xfrm_state *x = xfrm_input_state(skb);
	struct ipsec_sa_entry *sa_entry;
	struct port_info *pi;
	struct sec_path *sp;

	if (!x->xso.offload_handle)
		return NETDEV_TX_BUSY;

	sa_entry = (struct ipsec_sa_entry *)x->xso.offload_handle;
	(void)sa_entry;

	sp = skb_sec_path(skb);
	if (sp->len != 1) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	pi = netdev_priv(dev);
	if (unlikely(pi->txq.pending)) {
		/* no credits: the one modelled descriptor is still in use */
		return NETDEV_TX_BUSY;
	}

	pi->txq.pending = skb;
	pi->txq.tx_packets++;
	return NETDEV_TX_OK;
}

/*
 * The piece of cxgb4_eth_xmit() (cxgb4/sge.c) that routes offloaded
 * non-GSO packets to the IPsec ULD; everything else would take cxgb4's
 * ordinary path, modelled here as queued as-is.
 */
netdev_tx_t cxgb4_eth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct skb_shared_info *ssi = skb_shinfo(skb);
	struct port_info *pi = netdev_priv(dev);

	if (xfrm_offload(skb) && !ssi->gso_size)
		return ch_ipsec_xmit(skb, dev);

	if (unlikely(pi->txq.pending)) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	pi->txq.pending = skb;
	pi->txq.tx_packets++;
	return NETDEV_TX_OK;
}

/* Reclaim the descriptor the device has finished with. */
bool cxgb4_reclaim_completed_tx(struct port_info *pi)
{
	struct sk_buff *skb = pi->txq.pending;

	if (!skb)
		return false;
	pi->txq.pending = NULL;
	dev_consume_skb_any(skb);
	return true;
}
