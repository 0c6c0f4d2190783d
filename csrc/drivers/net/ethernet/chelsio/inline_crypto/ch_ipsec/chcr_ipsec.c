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

/* The SA entry behind a state's handle; NULL if the T6 never took it. */
static struct ipsec_sa_entry *ch_ipsec_sa(const struct xfrm_state *x)
{
	return (struct ipsec_sa_entry *)x->xso.offload_handle;
}

/* rfc4106 key material: 128 or 256 bits of AES key, then 32 bits of salt. */
static bool ch_ipsec_aead_fits(const struct xfrm_algo_aead *aead)
{
	bool icv = aead->alg_icv_len == 96 || aead->alg_icv_len == 128;
	bool key = aead->alg_key_len == 128 + 32 ||
		   aead->alg_key_len == 256 + 32;

	return icv && key;
}

/*
 * Why the T6 cannot carry @x, or NULL when it can: plain ESP with AES-GCM
 * and seqiv IVs, over IPv4 or IPv6, in transport or tunnel mode. Every
 * refusal is -EINVAL to the caller, so the order only picks the message.
 */
static const char *ch_ipsec_unsupported(const struct xfrm_state *x)
{
	if (x->id.proto != IPPROTO_ESP)
		return "only ESP is offloaded";
	if (x->encap)
		return "no UDP encapsulation";
	if (x->props.aalgo != SADB_AALG_NONE)
		return "no separate authentication algorithm";
	if (x->props.calgo != SADB_X_CALG_NONE)
		return "no IPComp";
	if (x->props.family != AF_INET && x->props.family != AF_INET6)
		return "IPv4 and IPv6 only";
	if (x->props.mode != XFRM_MODE_TRANSPORT &&
	    x->props.mode != XFRM_MODE_TUNNEL)
		return "transport and tunnel mode only";
	if (!x->aead)
		return "an AEAD is required";
	if (!ch_ipsec_aead_fits(x->aead))
		return "ICV of 96/128 bits, key of 128/256 bits + salt only";
	if (!x->geniv || strcmp(x->geniv, "seqiv") != 0)
		return "IVs must come from seqiv";
	return NULL;
}

/*
 * Records the tag length and returns how the engine truncates the GHASH
 * output to it, or -EINVAL for a length it has no mode for.
 */
static int ch_ipsec_setauthsize(struct xfrm_state *x,
				struct ipsec_sa_entry *sa_entry)
{
	static const struct {
		unsigned int icv_bytes;
		int hmac_ctrl;
	} modes[] = {
		{ ICV_8,  CHCR_SCMD_HMAC_CTRL_DIV2 },
		{ ICV_12, CHCR_SCMD_HMAC_CTRL_IPSEC_96BIT },
		{ ICV_16, CHCR_SCMD_HMAC_CTRL_NO_TRUNC },
	};
	unsigned int i;

	sa_entry->authsize = x->aead->alg_icv_len / 8;
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		if (modes[i].icv_bytes == sa_entry->authsize)
			return modes[i].hmac_ctrl;
	}
	return -EINVAL;
}

static int ch_ipsec_cipher_key_size(unsigned int key_bytes)
{
	switch (key_bytes) {
	case AES_KEYSIZE_128:
		return CHCR_KEYCTX_CIPHER_KEY_SIZE_128;
	case AES_KEYSIZE_192:
		return CHCR_KEYCTX_CIPHER_KEY_SIZE_192;
	case AES_KEYSIZE_256:
		return CHCR_KEYCTX_CIPHER_KEY_SIZE_256;
	}
	return -EINVAL;
}

/*
 * Splits the key material into AES key and salt and describes the key
 * context the work requests will carry: the key padded to 16 bytes, then
 * the 16-byte GHASH subkey, behind a 16-byte header. The salt is taken
 * even when the key length turns out to be wrong.
 */
static int ch_ipsec_setkey(struct xfrm_state *x,
			   struct ipsec_sa_entry *sa_entry)
{
	const u8 *material = (const u8 *)x->aead->alg_key;
	unsigned int key_bytes = DIV_ROUND_UP(x->aead->alg_key_len, 8);
	unsigned int ctx_bytes;
	int ck_size;
	u32 hdr;

	if (key_bytes >= MAX_SALT) {
		key_bytes -= MAX_SALT;
		memcpy(sa_entry->salt, material + key_bytes, MAX_SALT);
	}

	ck_size = ch_ipsec_cipher_key_size(key_bytes);
	if (ck_size < 0) {
		pr_err("ch_ipsec: no AES-GCM key of %u bytes\n", key_bytes);
		return ck_size;
	}

	memcpy(sa_entry->key, material, key_bytes);
	sa_entry->enckey_len = key_bytes;
	sa_entry->kctx_len = ALIGN(key_bytes, 16) + AEAD_H_SIZE;

	ctx_bytes = KEY_CONTEXT_HDR_SIZE + sa_entry->kctx_len;
	hdr = KEY_CONTEXT_VALID_F | KEY_CONTEXT_SALT_PRESENT_F |
	      KEY_CONTEXT_CK_SIZE_V(ck_size) |
	      KEY_CONTEXT_MK_SIZE_V(CHCR_KEYCTX_MAC_KEY_SIZE_128) |
	      KEY_CONTEXT_CTX_LEN_V(ctx_bytes / 16);
	sa_entry->key_ctx_hdr = cpu_to_be32(hdr);
	return 0;
}

/* Returns 0, -EINVAL (a state the T6 cannot carry) or -ENOMEM. */
static int ch_ipsec_xfrm_add_state(struct xfrm_state *x)
{
	struct port_info *pi = netdev_priv(x->xso.real_dev);
	const char *why = ch_ipsec_unsupported(x);
	struct ipsec_sa_entry *sa_entry;

	if (why) {
		pr_debug("ch_ipsec: SA not offloaded: %s\n", why);
		return -EINVAL;
	}

	sa_entry = kzalloc(sizeof(*sa_entry), GFP_KERNEL);
	if (!sa_entry)
		return -ENOMEM;

	/*
	 * 6.1 ignores both helpers' errors and keeps whatever they stored;
	 * the checks above leave them nothing to refuse.
	 */
	sa_entry->hmac_ctrl = ch_ipsec_setauthsize(x, sa_entry);
	sa_entry->esn = !!(x->props.flags & XFRM_STATE_ESN);
	ch_ipsec_setkey(x, sa_entry);

	/* the handle is the entry; each entry pins the module (a count here) */
	x->xso.offload_handle = (unsigned long)sa_entry;
	pi->sa_entries++;
	return 0;
}

/*
 * The entry outlives the delete: packets already queued with the state
 * still use it, so it goes only when the state is freed.
 */
static void ch_ipsec_xfrm_del_state(struct xfrm_state *x)
{
	(void)x;
}

static void ch_ipsec_xfrm_free_state(struct xfrm_state *x)
{
	struct ipsec_sa_entry *sa_entry = ch_ipsec_sa(x);
	struct port_info *pi;

	if (!sa_entry)
		return;

	kfree(sa_entry);
	/* module_put() */
	pi = netdev_priv(x->xso.dev);
	pi->sa_entries--;
}

/*
 * The T6 parses a bare IP header only: no IPv4 options (ihl counts 32-bit
 * words, 5 is the option-less header), no IPv6 extension header.
 */
static bool ch_ipsec_offload_ok(struct sk_buff *skb, struct xfrm_state *x)
{
	if (x->props.family != AF_INET)
		return !ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr);
	return ip_hdr(skb)->ihl <= 5;
}

/* The sequence number rides in every work request: nothing to push. */
static void ch_ipsec_advance_esn_state(struct xfrm_state *x)
{
	(void)x;
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

/* The modelled ring has one descriptor; it is busy until reclaimed. */
static bool eth_txq_full(const struct sge_eth_txq *q)
{
	return q->pending != NULL;
}

static void eth_txq_post(struct sge_eth_txq *q, struct sk_buff *skb)
{
	q->pending = skb;
	q->tx_packets++;
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
	struct port_info *pi = netdev_priv(dev);

	if (!ch_ipsec_sa(x))
		return NETDEV_TX_BUSY;

	/* a work request carries one SA's key context, not a bundle's */
	if (skb_sec_path(skb)->len != 1) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}

	/* out of credits: the stack stops the queue and retries */
	if (unlikely(eth_txq_full(&pi->txq)))
		return NETDEV_TX_BUSY;

	eth_txq_post(&pi->txq, skb);
	return NETDEV_TX_OK;
}

/*
 * The piece of cxgb4_eth_xmit() (cxgb4/sge.c) that routes offloaded
 * non-GSO packets to the IPsec ULD; everything else would take cxgb4's
 * ordinary path, modelled here as queued as-is, or dropped on a full ring.
 */
netdev_tx_t cxgb4_eth_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct port_info *pi = netdev_priv(dev);

	if (xfrm_offload(skb) && !skb_shinfo(skb)->gso_size)
		return ch_ipsec_xmit(skb, dev);

	if (unlikely(eth_txq_full(&pi->txq))) {
		dev_kfree_skb_any(skb);
		return NETDEV_TX_OK;
	}
	eth_txq_post(&pi->txq, skb);
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
