// SPDX-License-Identifier: GPL-2.0-only
/*
 * ixgbevf IPsec offload (drivers/net/ethernet/intel/ixgbevf/ipsec.c of
 * Linux 6.1, as Debian's 6.1.y carries it). The VF cannot program the
 * hardware: each add and delete is a mailbox request the PF acts on, and
 * the PF's answer (its SA index) is kept next to the VF's own table entry.
 *
 * The check of pf_features for IXGBEVF_PF_SUP_IPSEC at the top of add and
 * delete came to 6.1.y with mailbox API 1.7; earlier 6.1 releases did not
 * look at it.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <asm/byteorder.h>
#include <skbext/skbuff_drv.h>
#include "ixgbevf.h"

/* rfc4106: a 128-bit AES key followed by a 32-bit salt */
#define IXGBE_IPSEC_KEY_BITS	160
#define IXGBE_IPSEC_KEY_BYTES	16
#define IXGBE_IPSEC_ICV_BYTES	(IXGBE_IPSEC_AUTH_BITS / 8)
static const char aes_gcm_name[] = "rfc4106(gcm(aes))";

/* ---- the PF, over the mailbox ------------------------------------------ */

/* Sends @words of @msg and reads the PF's two-word answer back into it. */
static s32 ixgbevf_ipsec_mbx_call(struct ixgbe_hw *hw, u32 *msg, u16 words)
{
	s32 err = ixgbevf_write_mbx(hw, msg, words);

	return err ? err : ixgbevf_poll_mbx(hw, msg, 2);
}

/*
 * IXGBE_VF_IPSEC_ADD: the opcode word, then a struct sa_mbx_msg with the
 * key and salt as xfrm holds them (the PF parses them itself). Returns
 * the PF's SA index, a mailbox error, or -1 when the PF refused.
 */
static int ixgbevf_ipsec_set_pf_sa(struct ixgbevf_adapter *adapter,
				   struct xfrm_state *xs)
{
	u32 msg[IXGBE_VFMAILBOX_SIZE];
	struct sa_mbx_msg *sam = (struct sa_mbx_msg *)&msg[1];
	s32 err;

	memset(msg, 0, sizeof(msg));
	msg[0] = IXGBE_VF_IPSEC_ADD;
	sam->spi = xs->id.spi;
	sam->dir = xs->xso.dir;
	sam->proto = xs->id.proto;
	sam->family = xs->props.family;
	/* IPv4 takes the first address word, IPv6 all four */
	memcpy(sam->addr, &xs->id.daddr,
	       xs->props.family == AF_INET6 ? sizeof(xs->id.daddr.a6) :
					      sizeof(xs->id.daddr.a4));
	memcpy(sam->key, xs->aead->alg_key, sizeof(sam->key));

	err = ixgbevf_ipsec_mbx_call(&adapter->hw, msg, IXGBE_VFMAILBOX_SIZE);
	if (err)
		return err;
	/* a NACK carrying a valid-looking index is still a refusal */
	if ((msg[0] & IXGBE_VT_MSGTYPE_FAILURE) && (int)msg[1] >= 0)
		return -1;
	return (int)msg[1];
}

/* IXGBE_VF_IPSEC_DEL of the PF's SA @pfsa. Returns 0 or a mailbox error. */
static int ixgbevf_ipsec_del_pf_sa(struct ixgbevf_adapter *adapter, u32 pfsa)
{
	u32 msg[2] = { IXGBE_VF_IPSEC_DEL, pfsa };

	return ixgbevf_ipsec_mbx_call(&adapter->hw, msg, ARRAY_SIZE(msg));
}

/* ---- the VF's tables --------------------------------------------------- */

/* A free slot of either table, or -ENOSPC; a table counted full is full. */
static int ixgbevf_ipsec_rx_slot(const struct ixgbevf_ipsec *ipsec)
{
	int idx = 0;

	if (ipsec->num_rx_sa >= IXGBE_IPSEC_MAX_SA_COUNT)
		return -ENOSPC;
	while (idx < IXGBE_IPSEC_MAX_SA_COUNT && ipsec->rx_tbl[idx].used)
		idx++;
	return idx < IXGBE_IPSEC_MAX_SA_COUNT ? idx : -ENOSPC;
}

static int ixgbevf_ipsec_tx_slot(const struct ixgbevf_ipsec *ipsec)
{
	int idx = 0;

	if (ipsec->num_tx_sa >= IXGBE_IPSEC_MAX_SA_COUNT)
		return -ENOSPC;
	while (idx < IXGBE_IPSEC_MAX_SA_COUNT && ipsec->tx_tbl[idx].used)
		idx++;
	return idx < IXGBE_IPSEC_MAX_SA_COUNT ? idx : -ENOSPC;
}

static bool ixgbevf_ipsec_rx_sa_matches(const struct xfrm_state *xs,
					const __be32 *daddr, u8 proto,
					__be32 spi, bool ip4)
{
	if (xs->id.spi != spi || xs->id.proto != proto)
		return false;
	if (ip4)
		return xs->id.daddr.a4 == daddr[0];
	return !memcmp(xs->id.daddr.a6, daddr, sizeof(xs->id.daddr.a6));
}

/* As ixgbe's lookup, with no VF-owned entries to skip. Holds the state. */
static struct xfrm_state *
ixgbevf_ipsec_find_rx_state(struct ixgbevf_ipsec *ipsec, __be32 *daddr,
			    u8 proto, __be32 spi, bool ip4)
{
	struct xfrm_state *found = NULL;
	struct rx_sa *rsa;

	rcu_read_lock();
	hash_for_each_possible_rcu(ipsec->rx_sa_list, rsa, hlist, spi) {
		if (ixgbevf_ipsec_rx_sa_matches(rsa->xs, daddr, proto, spi,
						ip4)) {
			found = rsa->xs;
			break;
		}
	}
	if (found)
		xfrm_state_hold(found);
	rcu_read_unlock();
	return found;
}

/* ---- xfrmdev_ops -------------------------------------------------------- */

/*
 * AES-GCM (rfc4106) with a 128-bit ICV, as ixgbe; the key length test is
 * the VF's own: a 160-bit key is taken as a key with salt 0, only a
 * longer one supplies the salt word, and a 128-bit key is refused.
 */
static int ixgbevf_ipsec_parse_proto_keys(struct xfrm_state *xs,
					  u32 *mykey, u32 *mysalt)
{
	const struct xfrm_algo_aead *aead = xs->aead;
	struct net_device *dev = xs->xso.real_dev;

	if (!aead || aead->alg_icv_len != IXGBE_IPSEC_AUTH_BITS ||
	    strcmp(aead->alg_name, aes_gcm_name)) {
		netdev_err(dev, "ipsec: offload takes only %s, %d-bit ICV\n",
			   aes_gcm_name, IXGBE_IPSEC_AUTH_BITS);
		return -EINVAL;
	}
	if (aead->alg_key_len < IXGBE_IPSEC_KEY_BITS) {
		netdev_err(dev, "ipsec: key of %u bits is too short\n",
			   aead->alg_key_len);
		return -EINVAL;
	}

	*mysalt = 0;
	if (aead->alg_key_len > IXGBE_IPSEC_KEY_BITS)
		memcpy(mysalt, aead->alg_key + IXGBE_IPSEC_KEY_BYTES,
		       sizeof(*mysalt));
	memcpy(mykey, aead->alg_key, IXGBE_IPSEC_KEY_BYTES);
	return 0;
}

/* ESP by bit test, as ixgbe: AH (51) has every bit of ESP (50). */
static bool ixgbevf_ipsec_esp_bit(const struct xfrm_state *xs)
{
	return xs->id.proto & IPPROTO_ESP;
}

static bool ixgbevf_ipsec_crypts(const struct xfrm_state *xs)
{
	return ixgbevf_ipsec_esp_bit(xs) && (xs->ealg || xs->aead);
}

static u32 ixgbevf_ipsec_rx_mode(const struct xfrm_state *xs, bool decrypt)
{
	u32 mode = IXGBE_RXMOD_VALID;

	mode |= ixgbevf_ipsec_esp_bit(xs) ? IXGBE_RXMOD_PROTO_ESP : 0;
	mode |= decrypt ? IXGBE_RXMOD_DECRYPT : 0;
	mode |= xs->props.family == AF_INET6 ? IXGBE_RXMOD_IPV6 : 0;
	return mode;
}

static int ixgbevf_ipsec_add_rx_sa(struct ixgbevf_adapter *adapter,
				   struct xfrm_state *xs)
{
	struct rx_sa rsa = { .xs = xs, .used = true };
	struct ixgbevf_ipsec *ipsec = adapter->ipsec;
	struct net_device *dev = adapter->netdev;
	int idx, pfsa, err;

	if (xs->calg) {
		netdev_err(dev, "ipsec: no offload for IPcomp\n");
		return -EINVAL;
	}

	idx = ixgbevf_ipsec_rx_slot(ipsec);
	if (idx < 0) {
		netdev_err(dev, "ipsec: Rx SA table is full\n");
		return idx;
	}

	rsa.decrypt = ixgbevf_ipsec_crypts(xs);
	err = ixgbevf_ipsec_parse_proto_keys(xs, rsa.key, &rsa.salt);
	if (err)
		return err;
	if (xs->props.family == AF_INET6)
		memcpy(rsa.ipaddr, xs->id.daddr.a6, sizeof(rsa.ipaddr));
	else
		rsa.ipaddr[3] = xs->id.daddr.a4;
	rsa.mode = ixgbevf_ipsec_rx_mode(xs, rsa.decrypt);

	/* nothing is kept until the PF has programmed the SA */
	pfsa = ixgbevf_ipsec_set_pf_sa(adapter, xs);
	if (pfsa < 0)
		return pfsa;
	rsa.pfsa = pfsa;

	ipsec->rx_tbl[idx] = rsa;
	xs->xso.offload_handle = IXGBE_IPSEC_BASE_RX_INDEX + idx;
	ipsec->num_rx_sa++;
	hash_add_rcu(ipsec->rx_sa_list, &ipsec->rx_tbl[idx].hlist, xs->id.spi);
	return 0;
}

static int ixgbevf_ipsec_add_tx_sa(struct ixgbevf_adapter *adapter,
				   struct xfrm_state *xs)
{
	struct tx_sa tsa = { .xs = xs, .used = true };
	struct ixgbevf_ipsec *ipsec = adapter->ipsec;
	int idx, pfsa, err;

	idx = ixgbevf_ipsec_tx_slot(ipsec);
	if (idx < 0) {
		netdev_err(adapter->netdev, "ipsec: Tx SA table is full\n");
		return idx;
	}

	tsa.encrypt = ixgbevf_ipsec_crypts(xs);
	err = ixgbevf_ipsec_parse_proto_keys(xs, tsa.key, &tsa.salt);
	if (err)
		return err;

	pfsa = ixgbevf_ipsec_set_pf_sa(adapter, xs);
	if (pfsa < 0)
		return pfsa;
	tsa.pfsa = pfsa;

	ipsec->tx_tbl[idx] = tsa;
	xs->xso.offload_handle = IXGBE_IPSEC_BASE_TX_INDEX + idx;
	ipsec->num_tx_sa++;
	return 0;
}

/*
 * xdo_dev_state_add: transport-mode ESP or AH, and only while the PF
 * offers IPsec; without it -EOPNOTSUPP leaves the state in software.
 */
static int ixgbevf_ipsec_add_sa(struct xfrm_state *xs)
{
	struct ixgbevf_adapter *adapter = netdev_priv(xs->xso.real_dev);
	struct net_device *dev = adapter->netdev;

	if (!(adapter->pf_features & IXGBEVF_PF_SUP_IPSEC))
		return -EOPNOTSUPP;

	switch (xs->id.proto) {
	case IPPROTO_ESP:
	case IPPROTO_AH:
		break;
	default:
		netdev_err(dev, "ipsec: no offload of protocol %u\n",
			   xs->id.proto);
		return -EINVAL;
	}
	if (xs->props.mode != XFRM_MODE_TRANSPORT) {
		netdev_err(dev, "ipsec: transport mode only\n");
		return -EINVAL;
	}

	if (xs->xso.dir == XFRM_DEV_OFFLOAD_IN)
		return ixgbevf_ipsec_add_rx_sa(adapter, xs);
	return ixgbevf_ipsec_add_tx_sa(adapter, xs);
}

/*
 * xdo_dev_state_delete: the PF is told, and the VF's entry goes whatever
 * the PF answers.
 */
static void ixgbevf_ipsec_del_sa(struct xfrm_state *xs)
{
	struct ixgbevf_adapter *adapter = netdev_priv(xs->xso.real_dev);
	unsigned long handle = xs->xso.offload_handle;
	struct ixgbevf_ipsec *ipsec = adapter->ipsec;
	struct rx_sa *rsa = NULL;
	struct tx_sa *tsa = NULL;
	u16 idx;

	if (!(adapter->pf_features & IXGBEVF_PF_SUP_IPSEC))
		return;

	if (xs->xso.dir == XFRM_DEV_OFFLOAD_IN) {
		idx = handle - IXGBE_IPSEC_BASE_RX_INDEX;
		if (ipsec->rx_tbl[idx].used)
			rsa = &ipsec->rx_tbl[idx];
	} else {
		idx = handle - IXGBE_IPSEC_BASE_TX_INDEX;
		if (ipsec->tx_tbl[idx].used)
			tsa = &ipsec->tx_tbl[idx];
	}

	if (rsa) {
		ixgbevf_ipsec_del_pf_sa(adapter, rsa->pfsa);
		hash_del_rcu(&rsa->hlist);
		memset(rsa, 0, sizeof(*rsa));
		ipsec->num_rx_sa--;
	} else if (tsa) {
		ixgbevf_ipsec_del_pf_sa(adapter, tsa->pfsa);
		memset(tsa, 0, sizeof(*tsa));
		ipsec->num_tx_sa--;
	} else {
		netdev_err(adapter->netdev, "ipsec: no SA behind handle %lu\n",
			   handle);
	}
}

/* The parser stops at IPv4 options and at IPv6 extension headers. */
static bool ixgbevf_ipsec_offload_ok(struct sk_buff *skb,
				     struct xfrm_state *xs)
{
	if (xs->props.family == AF_INET)
		return ip_hdr(skb)->ihl == 5;
	return !ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr);
}

static const struct xfrmdev_ops ixgbevf_xfrmdev_ops = {
	.xdo_dev_state_add = ixgbevf_ipsec_add_sa,
	.xdo_dev_state_delete = ixgbevf_ipsec_del_sa,
	.xdo_dev_offload_ok = ixgbevf_ipsec_offload_ok,
};

/* ---- the packet hooks --------------------------------------------------- */

/* ESP's part of the Tx context, with the real trailer length as ixgbe. */
static bool ixgbevf_ipsec_tx_esp(struct ixgbevf_tx_buffer *first,
				 struct ixgbevf_ipsec_tx_data *itd)
{
	u32 tucmd = IXGBE_ADVTXD_TUCMD_IPSEC_TYPE_ESP |
		    IXGBE_ADVTXD_TUCMD_L4T_TCP;
	const int tail = IXGBE_IPSEC_ICV_BYTES + 2;
	u8 padlen;

	if (first->protocol == htons(ETH_P_IP))
		tucmd |= IXGBE_ADVTXD_TUCMD_IPV4;
	itd->flags |= tucmd;

	/* a GSO frame gets its trailers per segment, later */
	if (skb_is_gso(first->skb))
		return true;
	if (unlikely(skb_copy_bits(first->skb, first->skb->len - tail,
				   &padlen, 1)))
		return false;
	itd->trailer_len = tail + padlen;
	return true;
}

/**
 * ixgbevf_ipsec_tx - fill the Tx context for an offloaded packet
 * @tx_ring: ring the packet goes out on
 * @first: its Tx buffer
 * @itd: context; the descriptor names the PF's SA, not the VF's
 *
 * Returns 1 to send, 0 to make the caller drop the packet.
 */
int ixgbevf_ipsec_tx(struct ixgbevf_ring *tx_ring,
		     struct ixgbevf_tx_buffer *first,
		     struct ixgbevf_ipsec_tx_data *itd)
{
	struct ixgbevf_adapter *adapter = netdev_priv(tx_ring->netdev);
	struct sec_path *sp = skb_sec_path(first->skb);
	struct xfrm_state *xs = NULL;
	struct tx_sa *tsa = NULL;
	u16 idx;

	if (likely(sp->len))
		xs = xfrm_input_state(first->skb);
	if (unlikely(!xs)) {
		netdev_err(tx_ring->netdev, "ipsec tx: no state on the skb\n");
		return 0;
	}

	/* a u16: an Rx handle wraps far past the table and is refused */
	idx = xs->xso.offload_handle - IXGBE_IPSEC_BASE_TX_INDEX;
	if (idx < IXGBE_IPSEC_MAX_SA_COUNT)
		tsa = &adapter->ipsec->tx_tbl[idx];
	if (unlikely(!tsa || !tsa->used)) {
		netdev_err(tx_ring->netdev, "ipsec tx: no SA for handle %lu\n",
			   xs->xso.offload_handle);
		return 0;
	}

	itd->pfsa = tsa->pfsa - IXGBE_IPSEC_BASE_TX_INDEX;
	first->tx_flags |= IXGBE_TX_FLAGS_IPSEC | IXGBE_TX_FLAGS_CSUM;
	if (xs->id.proto == IPPROTO_ESP && !ixgbevf_ipsec_tx_esp(first, itd))
		return 0;
	if (tsa->encrypt)
		itd->flags |= IXGBE_ADVTXD_TUCMD_IPSEC_ENCRYPT_EN;
	return 1;
}

/* What an Rx SA is looked up by, read from the frame the descriptor typed. */
struct ixgbevf_ipsec_rx_key {
	__be32 *daddr;
	__be32 spi;
	u8 proto;
	bool ip4;
};

/*
 * No VLAN tag in front of an IPsec frame the part recognises: the IP
 * header follows the Ethernet header. False unless the frame is typed
 * IPv4 or IPv6 and exactly one of ESP and AH.
 */
static bool ixgbevf_ipsec_rx_key(const union ixgbe_adv_rx_desc *rx_desc,
				 struct sk_buff *skb,
				 struct ixgbevf_ipsec_rx_key *key)
{
	u8 *l3 = skb->data + ETH_HLEN;
	u16 pkt_info;
	u8 *l4;

	pkt_info = le16_to_cpu(rx_desc->wb.lower.lo_dword.hs_rss.pkt_info);
	if (pkt_info & IXGBE_RXDADV_PKTTYPE_IPV4) {
		struct iphdr *iph = (struct iphdr *)l3;

		key->ip4 = true;
		key->daddr = &iph->daddr;
		l4 = l3 + iph->ihl * 4;
	} else if (pkt_info & IXGBE_RXDADV_PKTTYPE_IPV6) {
		struct ipv6hdr *ip6h = (struct ipv6hdr *)l3;

		key->ip4 = false;
		key->daddr = ip6h->daddr.s6_addr32;
		l4 = l3 + sizeof(*ip6h);
	} else {
		return false;
	}

	switch (pkt_info & (IXGBE_RXDADV_PKTTYPE_IPSEC_ESP |
			    IXGBE_RXDADV_PKTTYPE_IPSEC_AH)) {
	case IXGBE_RXDADV_PKTTYPE_IPSEC_ESP:
		key->proto = IPPROTO_ESP;
		l4 += offsetof(struct ip_esp_hdr, spi);
		break;
	case IXGBE_RXDADV_PKTTYPE_IPSEC_AH:
		key->proto = IPPROTO_AH;
		l4 += offsetof(struct ip_auth_hdr, spi);
		break;
	default:
		return false;
	}
	memcpy(&key->spi, l4, sizeof(key->spi));
	return true;
}

/**
 * ixgbevf_ipsec_rx - attach the SA the hardware decrypted with
 * @rx_ring: ring the packet came in on
 * @rx_desc: its descriptor
 * @skb: the packet, data at the Ethernet header
 *
 * As ixgbe_ipsec_rx(), including the reference leaked when
 * secpath_set() fails.
 */
void ixgbevf_ipsec_rx(struct ixgbevf_ring *rx_ring,
		      union ixgbe_adv_rx_desc *rx_desc,
		      struct sk_buff *skb)
{
	struct ixgbevf_adapter *adapter = netdev_priv(rx_ring->netdev);
	struct ixgbevf_ipsec_rx_key key;
	struct xfrm_offload *xo;
	struct xfrm_state *xs;
	struct sec_path *sp;

	if (!ixgbevf_ipsec_rx_key(rx_desc, skb, &key))
		return;
	xs = ixgbevf_ipsec_find_rx_state(adapter->ipsec, key.daddr, key.proto,
					 key.spi, key.ip4);
	if (unlikely(!xs))
		return;

	/* 6.1 keeps the lookup's reference when this fails: a leak, kept */
	sp = secpath_set(skb);
	if (unlikely(!sp))
		return;

	/* the reference passes to the sec_path, as an offloaded state */
	sp->xvec[sp->len++] = xs;
	sp->olen++;
	xo = xfrm_offload(skb);
	xo->flags = CRYPTO_DONE;
	xo->status = CRYPTO_SUCCESS;
	adapter->rx_ipsec++;
}

/* ---- setup -------------------------------------------------------------- */

#define IXGBEVF_ESP_FEATURES	(NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM | \
				 NETIF_F_GSO_ESP)

static void ixgbevf_ipsec_free_tables(struct ixgbevf_ipsec *ipsec)
{
	if (!ipsec)
		return;
	kfree(ipsec->tx_tbl);
	kfree(ipsec->rx_tbl);
	kfree(ipsec);
}

/*
 * Allocates the VF's SA tables and offers ESP offload; without memory
 * the device offers none (xfrmdev_ops stays NULL).
 */
void ixgbevf_init_ipsec_offload(struct ixgbevf_adapter *adapter)
{
	struct ixgbevf_ipsec *ipsec = kzalloc(sizeof(*ipsec), GFP_KERNEL);
	struct net_device *dev = adapter->netdev;

	if (!ipsec)
		goto nomem;
	hash_init(ipsec->rx_sa_list);

	ipsec->rx_tbl = kcalloc(IXGBE_IPSEC_MAX_SA_COUNT,
				sizeof(*ipsec->rx_tbl), GFP_KERNEL);
	if (!ipsec->rx_tbl)
		goto nomem;
	ipsec->tx_tbl = kcalloc(IXGBE_IPSEC_MAX_SA_COUNT,
				sizeof(*ipsec->tx_tbl), GFP_KERNEL);
	if (!ipsec->tx_tbl)
		goto nomem;

	adapter->ipsec = ipsec;
	dev->xfrmdev_ops = &ixgbevf_xfrmdev_ops;
	dev->features |= IXGBEVF_ESP_FEATURES;
	dev->hw_enc_features |= IXGBEVF_ESP_FEATURES;
	return;

nomem:
	ixgbevf_ipsec_free_tables(ipsec);
	netdev_err(dev, "ipsec: no memory for the SA tables\n");
}

void ixgbevf_stop_ipsec_offload(struct ixgbevf_adapter *adapter)
{
	ixgbevf_ipsec_free_tables(adapter->ipsec);
	adapter->ipsec = NULL;
}
