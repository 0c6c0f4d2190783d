// SPDX-License-Identifier: GPL-2.0-only
/*
 * ixgbe IPsec offload (drivers/net/ethernet/intel/ixgbe/ixgbe_ipsec.c of
 * Linux 6.1): the Rx SA table with its address table and SPI hash, the Tx
 * SA table, the xfrmdev_ops callbacks, and the per-packet Rx and Tx hooks.
 * Register writes land in struct ixgbe_hw as a record of what the driver
 * programmed; the checks, indices, reference counts and counters are the
 * driver's.
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
#include "ixgbe.h"

/* rfc4106: a 128-bit AES key followed by a 32-bit salt */
#define IXGBE_IPSEC_KEY_BITS	160
#define IXGBE_IPSEC_KEY_BYTES	16
#define IXGBE_IPSEC_ICV_BYTES	(IXGBE_IPSEC_AUTH_BITS / 8)
static const char aes_gcm_name[] = "rfc4106(gcm(aes))";

/* ---- the register file ------------------------------------------------ */

/* The key registers are loaded last word first. */
static void ixgbe_ipsec_load_key(u32 reg[4], const u32 key[4])
{
	int w;

	for (w = 0; w < 4; w++)
		reg[w] = key[3 - w];
}

static void ixgbe_ipsec_set_tx_sa(struct ixgbe_hw *hw, u16 idx,
				  const u32 key[4], u32 salt)
{
	struct ixgbe_hw_ipsec_tx_sa *reg = &hw->tx_sa[idx];

	ixgbe_ipsec_load_key(reg->key, key);
	reg->salt = salt;
	hw->sa_writes++;
}

static void ixgbe_ipsec_set_rx_sa(struct ixgbe_hw *hw, u16 idx, __be32 spi,
				  const u32 key[4], u32 salt, u32 mode,
				  u32 ip_idx)
{
	struct ixgbe_hw_ipsec_rx_sa *reg = &hw->rx_sa[idx];

	reg->spi = spi;
	reg->ip_idx = ip_idx;
	ixgbe_ipsec_load_key(reg->key, key);
	reg->salt = salt;
	reg->mode = mode;
	hw->sa_writes++;
}

static void ixgbe_ipsec_set_rx_ip(struct ixgbe_hw *hw, u16 idx,
				  const __be32 addr[4])
{
	memcpy(hw->rx_ip[idx], addr, sizeof(hw->rx_ip[idx]));
	hw->sa_writes++;
}

/* A reset does not clear the tables on this part: it is done by hand. */
static void ixgbe_ipsec_clear_hw_tables(struct ixgbe_adapter *adapter)
{
	struct ixgbe_hw *hw = &adapter->hw;

	memset(hw->rx_sa, 0, sizeof(hw->rx_sa));
	memset(hw->tx_sa, 0, sizeof(hw->tx_sa));
	memset(hw->rx_ip, 0, sizeof(hw->rx_ip));
}

static void ixgbe_ipsec_stop_engine(struct ixgbe_adapter *adapter)
{
	adapter->hw.ipsec_engine_on = false;
}

static void ixgbe_ipsec_start_engine(struct ixgbe_adapter *adapter)
{
	adapter->hw.ipsec_engine_on = true;
}

/*
 * The engine runs while the tables hold an SA: the first add starts it,
 * the last delete stops it, and IXGBE_FLAG2_IPSEC_ENABLED says which.
 */
static void ixgbe_ipsec_update_engine(struct ixgbe_adapter *adapter)
{
	const struct ixgbe_ipsec *ipsec = adapter->ipsec;
	bool on = adapter->flags2 & IXGBE_FLAG2_IPSEC_ENABLED;
	bool want = ipsec->num_rx_sa || ipsec->num_tx_sa;

	if (want == on)
		return;
	if (want)
		ixgbe_ipsec_start_engine(adapter);
	else
		ixgbe_ipsec_stop_engine(adapter);
	adapter->flags2 ^= IXGBE_FLAG2_IPSEC_ENABLED;
}

/* ---- the driver's tables ---------------------------------------------- */

/*
 * A free slot of either SA table, or -ENOSPC. The count is trusted
 * before the flags: a table whose count says full is full.
 */
static int ixgbe_ipsec_rx_slot(const struct ixgbe_ipsec *ipsec)
{
	int idx = 0;

	if (ipsec->num_rx_sa >= IXGBE_IPSEC_MAX_SA_COUNT)
		return -ENOSPC;
	while (idx < IXGBE_IPSEC_MAX_SA_COUNT && ipsec->rx_tbl[idx].used)
		idx++;
	return idx < IXGBE_IPSEC_MAX_SA_COUNT ? idx : -ENOSPC;
}

static int ixgbe_ipsec_tx_slot(const struct ixgbe_ipsec *ipsec)
{
	int idx = 0;

	if (ipsec->num_tx_sa >= IXGBE_IPSEC_MAX_SA_COUNT)
		return -ENOSPC;
	while (idx < IXGBE_IPSEC_MAX_SA_COUNT && ipsec->tx_tbl[idx].used)
		idx++;
	return idx < IXGBE_IPSEC_MAX_SA_COUNT ? idx : -ENOSPC;
}

/*
 * An Rx SA names its destination by an index into a smaller address
 * table, shared by every SA to that address (ref_cnt counts them).
 * Returns the entry holding @addr with one more user, else the lowest
 * free entry newly programmed, else -ENOSPC.
 */
static int ixgbe_ipsec_get_rx_ip(struct ixgbe_adapter *adapter,
				 const __be32 addr[4])
{
	struct rx_ip_sa *tbl = adapter->ipsec->ip_tbl;
	int i, free_idx = -1;

	for (i = 0; i < IXGBE_IPSEC_MAX_RX_IP_COUNT; i++) {
		if (!tbl[i].used) {
			if (free_idx < 0)
				free_idx = i;
		} else if (!memcmp(tbl[i].ipaddr, addr, 16)) {
			tbl[i].ref_cnt++;
			return i;
		}
	}
	if (free_idx < 0)
		return -ENOSPC;

	memcpy(tbl[free_idx].ipaddr, addr, sizeof(tbl[free_idx].ipaddr));
	tbl[free_idx].ref_cnt = 1;
	tbl[free_idx].used = true;
	ixgbe_ipsec_set_rx_ip(&adapter->hw, free_idx, addr);
	return free_idx;
}

/* Drops one user of an address entry; the last one clears it. */
static void ixgbe_ipsec_put_rx_ip(struct ixgbe_adapter *adapter, u8 idx)
{
	static const __be32 no_addr[4];
	struct rx_ip_sa *ip = &adapter->ipsec->ip_tbl[idx];

	if (!ip->ref_cnt || --ip->ref_cnt)
		return;
	memset(ip, 0, sizeof(*ip));
	ixgbe_ipsec_set_rx_ip(&adapter->hw, idx, no_addr);
}

static bool ixgbe_ipsec_rx_sa_matches(const struct xfrm_state *xs,
				      const __be32 *daddr, u8 proto,
				      __be32 spi, bool ip4)
{
	if (xs->id.spi != spi || xs->id.proto != proto)
		return false;
	if (ip4)
		return xs->id.daddr.a4 == daddr[0];
	return !memcmp(xs->id.daddr.a6, daddr, sizeof(xs->id.daddr.a6));
}

/**
 * ixgbe_ipsec_find_rx_state - the Rx state for an SPI, address and protocol
 * @ipsec: SA tables
 * @daddr: destination address from the packet (4 or 16 bytes)
 * @proto: IPPROTO_ESP or IPPROTO_AH
 * @spi: SPI from the packet, network order
 * @ip4: @daddr is an IPv4 address
 *
 * SAs the PF programmed for a VF are not the PF's to match: that traffic
 * is the VF's. Returns the state with a reference the caller owns, or
 * NULL.
 */
struct xfrm_state *ixgbe_ipsec_find_rx_state(struct ixgbe_ipsec *ipsec,
					     __be32 *daddr, u8 proto,
					     __be32 spi, bool ip4)
{
	struct xfrm_state *found = NULL;
	struct rx_sa *rsa;

	rcu_read_lock();
	hash_for_each_possible_rcu(ipsec->rx_sa_list, rsa, hlist, spi) {
		if (rsa->mode & IXGBE_RXTXMOD_VF)
			continue;
		if (ixgbe_ipsec_rx_sa_matches(rsa->xs, daddr, proto, spi,
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
 * The one algorithm the 82599 runs: AES-GCM (rfc4106) with a 128-bit key
 * and a 128-bit ICV. xfrm gives the key as bytes with the salt after it;
 * a 128-bit key that comes without salt is taken with salt 0.
 */
static int ixgbe_ipsec_parse_proto_keys(struct xfrm_state *xs,
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

	switch (aead->alg_key_len) {
	case IXGBE_IPSEC_KEY_BITS:
		memcpy(mysalt, aead->alg_key + IXGBE_IPSEC_KEY_BYTES,
		       sizeof(*mysalt));
		break;
	case IXGBE_IPSEC_KEY_BYTES * 8:
		netdev_info(dev, "ipsec: key has no salt, using 0\n");
		*mysalt = 0;
		break;
	default:
		netdev_err(dev, "ipsec: key of %u bits: 128 and a salt only\n",
			   aead->alg_key_len);
		return -EINVAL;
	}
	memcpy(mykey, aead->alg_key, IXGBE_IPSEC_KEY_BYTES);
	return 0;
}

/* Management controller filter registers (ixgbe_type.h). */
#define MANC_EN_IPV4_FILTER	BIT(24)
#define MFVAL_IPV4_FILTER_SHIFT	16
#define MFVAL_IPV6_FILTER_SHIFT	24
#define BMCIP_V4		0x2
#define BMCIP_V6		0x3
#define BMCIP_MASK		0x3

static bool ixgbe_ipsec_reg_is_addr6(const u32 reg[4],
				     const xfrm_address_t *addr)
{
	return !memcmp(reg, addr->a6, sizeof(addr->a6));
}

/*
 * Whether @xs is on an address the BMC's filters watch: an SA there would
 * take the BMC's traffic, so add refuses it. Four IPv4 filters sit in the
 * last MIPAF row; each other row is one IPv6 filter, and the last row
 * belongs to IPv4 while the IPv4 filters are on. Returns 1 on a clash.
 */
static int ixgbe_ipsec_check_mgmt_ip(struct xfrm_state *xs)
{
	struct ixgbe_adapter *adapter = netdev_priv(xs->xso.real_dev);
	const xfrm_address_t *addr = &xs->id.daddr;
	const struct ixgbe_hw *hw = &adapter->hw;
	bool v4_filters = hw->manc & MANC_EN_IPV4_FILTER;
	u32 bmc = hw->bmcipval & BMCIP_MASK;
	int f, rows;

	if (xs->props.family == AF_INET) {
		for (f = 0; v4_filters && f < 4; f++) {
			if ((hw->mfval & BIT(MFVAL_IPV4_FILTER_SHIFT + f)) &&
			    hw->mipaf[3][f] == addr->a4)
				return 1;
		}
		return bmc == BMCIP_V4 && hw->bmcip[3] == addr->a4;
	}

	rows = v4_filters ? 3 : 4;
	for (f = 0; f < rows; f++) {
		if ((hw->mfval & BIT(MFVAL_IPV6_FILTER_SHIFT + f)) &&
		    ixgbe_ipsec_reg_is_addr6(hw->mipaf[f], addr))
			return 1;
	}
	return bmc == BMCIP_V6 && ixgbe_ipsec_reg_is_addr6(hw->bmcip, addr);
}

/*
 * The driver tests the ESP protocol number as a bit mask, so AH (51,
 * which has every bit of 50) counts as ESP here too: an AH SA with an
 * AEAD is marked for decryption and gets the ESP mode bit.
 */
static bool ixgbe_ipsec_esp_bit(const struct xfrm_state *xs)
{
	return xs->id.proto & IPPROTO_ESP;
}

static bool ixgbe_ipsec_crypts(const struct xfrm_state *xs)
{
	return ixgbe_ipsec_esp_bit(xs) && (xs->ealg || xs->aead);
}

/* The Rx SA's mode word: valid, ESP (the bit test), decrypt, IPv6. */
static u32 ixgbe_ipsec_rx_mode(const struct xfrm_state *xs, bool decrypt)
{
	u32 mode = IXGBE_RXMOD_VALID;

	mode |= ixgbe_ipsec_esp_bit(xs) ? IXGBE_RXMOD_PROTO_ESP : 0;
	mode |= decrypt ? IXGBE_RXMOD_DECRYPT : 0;
	mode |= xs->props.family == AF_INET6 ? IXGBE_RXMOD_IPV6 : 0;
	return mode;
}

static int ixgbe_ipsec_add_rx_sa(struct ixgbe_adapter *adapter,
				 struct xfrm_state *xs)
{
	struct rx_sa rsa = { .xs = xs, .used = true };
	struct ixgbe_ipsec *ipsec = adapter->ipsec;
	struct net_device *dev = adapter->netdev;
	int idx, ip_idx, err;

	if (xs->calg) {
		netdev_err(dev, "ipsec: no offload for IPcomp\n");
		return -EINVAL;
	}

	idx = ixgbe_ipsec_rx_slot(ipsec);
	if (idx < 0) {
		netdev_err(dev, "ipsec: Rx SA table is full\n");
		return idx;
	}

	rsa.decrypt = ixgbe_ipsec_crypts(xs);
	err = ixgbe_ipsec_parse_proto_keys(xs, rsa.key, &rsa.salt);
	if (err)
		return err;

	/* an IPv4 address goes in the last word, as the hardware reads it */
	if (xs->props.family == AF_INET6)
		memcpy(rsa.ipaddr, xs->id.daddr.a6, sizeof(rsa.ipaddr));
	else
		rsa.ipaddr[3] = xs->id.daddr.a4;

	ip_idx = ixgbe_ipsec_get_rx_ip(adapter, rsa.ipaddr);
	if (ip_idx < 0) {
		netdev_err(dev, "ipsec: Rx address table is full\n");
		return ip_idx;
	}
	rsa.iptbl_ind = ip_idx;
	rsa.mode = ixgbe_ipsec_rx_mode(xs, rsa.decrypt);

	ipsec->rx_tbl[idx] = rsa;
	ixgbe_ipsec_set_rx_sa(&adapter->hw, idx, xs->id.spi, rsa.key, rsa.salt,
			      rsa.mode, rsa.iptbl_ind);
	xs->xso.offload_handle = IXGBE_IPSEC_BASE_RX_INDEX + idx;
	ipsec->num_rx_sa++;
	hash_add_rcu(ipsec->rx_sa_list, &ipsec->rx_tbl[idx].hlist, xs->id.spi);
	return 0;
}

static int ixgbe_ipsec_add_tx_sa(struct ixgbe_adapter *adapter,
				 struct xfrm_state *xs)
{
	struct tx_sa tsa = { .xs = xs, .used = true };
	struct ixgbe_ipsec *ipsec = adapter->ipsec;
	int idx, err;

	/*
	 * With VFs on, the PF's own Tx SAs would only work if its frames
	 * looped back through the switch (VEPA). -EOPNOTSUPP: xfrm keeps
	 * the state in software.
	 */
	if (adapter->num_vfs && adapter->bridge_mode != BRIDGE_MODE_VEPA)
		return -EOPNOTSUPP;

	idx = ixgbe_ipsec_tx_slot(ipsec);
	if (idx < 0) {
		netdev_err(adapter->netdev, "ipsec: Tx SA table is full\n");
		return idx;
	}

	tsa.encrypt = ixgbe_ipsec_crypts(xs);
	err = ixgbe_ipsec_parse_proto_keys(xs, tsa.key, &tsa.salt);
	if (err)
		return err;

	ipsec->tx_tbl[idx] = tsa;
	ixgbe_ipsec_set_tx_sa(&adapter->hw, idx, tsa.key, tsa.salt);
	xs->xso.offload_handle = IXGBE_IPSEC_BASE_TX_INDEX + idx;
	ipsec->num_tx_sa++;
	return 0;
}

/* xdo_dev_state_add: transport-mode ESP or AH only, never a BMC address. */
static int ixgbe_ipsec_add_sa(struct xfrm_state *xs)
{
	struct ixgbe_adapter *adapter = netdev_priv(xs->xso.real_dev);
	struct net_device *dev = adapter->netdev;
	int err;

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
	if (ixgbe_ipsec_check_mgmt_ip(xs)) {
		netdev_err(dev, "ipsec: address in use by the BMC\n");
		return -EINVAL;
	}

	if (xs->xso.dir == XFRM_DEV_OFFLOAD_IN)
		err = ixgbe_ipsec_add_rx_sa(adapter, xs);
	else
		err = ixgbe_ipsec_add_tx_sa(adapter, xs);
	if (err)
		return err;

	ixgbe_ipsec_update_engine(adapter);
	return 0;
}

static bool ixgbe_ipsec_del_rx_sa(struct ixgbe_adapter *adapter, u16 idx)
{
	static const u32 no_key[4];
	struct ixgbe_ipsec *ipsec = adapter->ipsec;
	struct rx_sa *rsa = &ipsec->rx_tbl[idx];

	if (!rsa->used)
		return false;

	ixgbe_ipsec_set_rx_sa(&adapter->hw, idx, 0, no_key, 0, 0, 0);
	hash_del_rcu(&rsa->hlist);
	ixgbe_ipsec_put_rx_ip(adapter, rsa->iptbl_ind);
	memset(rsa, 0, sizeof(*rsa));
	ipsec->num_rx_sa--;
	return true;
}

static bool ixgbe_ipsec_del_tx_sa(struct ixgbe_adapter *adapter, u16 idx)
{
	static const u32 no_key[4];
	struct ixgbe_ipsec *ipsec = adapter->ipsec;
	struct tx_sa *tsa = &ipsec->tx_tbl[idx];

	if (!tsa->used)
		return false;

	ixgbe_ipsec_set_tx_sa(&adapter->hw, idx, no_key, 0);
	memset(tsa, 0, sizeof(*tsa));
	ipsec->num_tx_sa--;
	return true;
}

/* xdo_dev_state_delete: the handle add gave is the way back to the slot. */
static void ixgbe_ipsec_del_sa(struct xfrm_state *xs)
{
	struct ixgbe_adapter *adapter = netdev_priv(xs->xso.real_dev);
	unsigned long handle = xs->xso.offload_handle;
	bool removed;

	if (xs->xso.dir == XFRM_DEV_OFFLOAD_IN)
		removed = ixgbe_ipsec_del_rx_sa(adapter, handle -
						IXGBE_IPSEC_BASE_RX_INDEX);
	else
		removed = ixgbe_ipsec_del_tx_sa(adapter, handle -
						IXGBE_IPSEC_BASE_TX_INDEX);
	if (!removed) {
		netdev_err(adapter->netdev, "ipsec: no SA behind handle %lu\n",
			   handle);
		return;
	}
	ixgbe_ipsec_update_engine(adapter);
}

/* The parser stops at IPv4 options and at IPv6 extension headers. */
static bool ixgbe_ipsec_offload_ok(struct sk_buff *skb, struct xfrm_state *xs)
{
	if (xs->props.family == AF_INET)
		return ip_hdr(skb)->ihl == 5;
	return !ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr);
}

static const struct xfrmdev_ops ixgbe_xfrmdev_ops = {
	.xdo_dev_state_add = ixgbe_ipsec_add_sa,
	.xdo_dev_state_delete = ixgbe_ipsec_del_sa,
	.xdo_dev_offload_ok = ixgbe_ipsec_offload_ok,
};

/* ---- the packet hooks --------------------------------------------------- */

/*
 * ESP's part of the Tx context. The descriptor wants the real trailer
 * length (ICV, the pad length and next header bytes, and the padding the
 * pad length byte counts), which the stack's fixed trailer_len does not
 * give; a GSO frame has no trailer yet. False if the pad length byte
 * cannot be read.
 */
static bool ixgbe_ipsec_tx_esp(struct ixgbe_tx_buffer *first,
			       struct ixgbe_ipsec_tx_data *itd)
{
	u32 tucmd = IXGBE_ADVTXD_TUCMD_IPSEC_TYPE_ESP |
		    IXGBE_ADVTXD_TUCMD_L4T_TCP;
	const int tail = IXGBE_IPSEC_ICV_BYTES + 2;
	u8 padlen;

	if (first->protocol == htons(ETH_P_IP))
		tucmd |= IXGBE_ADVTXD_TUCMD_IPV4;
	itd->flags |= tucmd;

	if (skb_is_gso(first->skb))
		return true;
	if (unlikely(skb_copy_bits(first->skb, first->skb->len - tail,
				   &padlen, 1)))
		return false;
	itd->trailer_len = tail + padlen;
	return true;
}

/**
 * ixgbe_ipsec_tx - fill the Tx context for an offloaded packet
 * @tx_ring: ring the packet goes out on
 * @first: its Tx buffer
 * @itd: context the descriptor will be built from
 *
 * Only called for an skb xfrm_offload() accepts; the state the stack
 * chose must still own a Tx slot here. Returns 1 to send, 0 to make the
 * caller drop the packet.
 */
int ixgbe_ipsec_tx(struct ixgbe_ring *tx_ring,
		   struct ixgbe_tx_buffer *first,
		   struct ixgbe_ipsec_tx_data *itd)
{
	struct ixgbe_adapter *adapter = netdev_priv(tx_ring->netdev);
	struct sec_path *sp = skb_sec_path(first->skb);
	struct xfrm_state *xs = NULL;
	struct tx_sa *tsa;

	if (likely(sp->len))
		xs = xfrm_input_state(first->skb);
	if (unlikely(!xs)) {
		netdev_err(tx_ring->netdev, "ipsec tx: no state on the skb\n");
		return 0;
	}

	/* a u16: an Rx handle wraps far past the table and is refused */
	itd->sa_idx = xs->xso.offload_handle - IXGBE_IPSEC_BASE_TX_INDEX;
	tsa = itd->sa_idx < IXGBE_IPSEC_MAX_SA_COUNT ?
	      &adapter->ipsec->tx_tbl[itd->sa_idx] : NULL;
	if (unlikely(!tsa || !tsa->used)) {
		netdev_err(tx_ring->netdev, "ipsec tx: no SA for handle %lu\n",
			   xs->xso.offload_handle);
		return 0;
	}

	first->tx_flags |= IXGBE_TX_FLAGS_IPSEC | IXGBE_TX_FLAGS_CC;
	if (xs->id.proto == IPPROTO_ESP && !ixgbe_ipsec_tx_esp(first, itd))
		return 0;
	if (tsa->encrypt)
		itd->flags |= IXGBE_ADVTXD_TUCMD_IPSEC_ENCRYPT_EN;
	return 1;
}

/* What an Rx SA is looked up by, read from the frame the descriptor typed. */
struct ixgbe_ipsec_rx_key {
	__be32 *daddr;
	__be32 spi;
	u8 proto;
	bool ip4;
};

/*
 * The part does not recognise IPsec behind a VLAN tag, so the IP header
 * is right after the Ethernet header. False for a frame typed neither
 * IPv4 nor IPv6, or not exactly one of ESP and AH.
 */
static bool ixgbe_ipsec_rx_key(const union ixgbe_adv_rx_desc *rx_desc,
			       struct sk_buff *skb,
			       struct ixgbe_ipsec_rx_key *key)
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
 * ixgbe_ipsec_rx - attach the SA the hardware decrypted with
 * @rx_ring: ring the packet came in on
 * @rx_desc: its descriptor (packet type bits)
 * @skb: the packet, data at the Ethernet header
 *
 * A frame no SA matches goes up untouched. A match goes on a sec_path as
 * an offloaded state (len and olen one more) whose crypto is done and
 * good, and the lookup's reference passes to the sec_path.
 */
void ixgbe_ipsec_rx(struct ixgbe_ring *rx_ring,
		    union ixgbe_adv_rx_desc *rx_desc,
		    struct sk_buff *skb)
{
	struct ixgbe_adapter *adapter = netdev_priv(rx_ring->netdev);
	struct ixgbe_ipsec_rx_key key;
	struct xfrm_offload *xo;
	struct xfrm_state *xs;
	struct sec_path *sp;

	if (!ixgbe_ipsec_rx_key(rx_desc, skb, &key))
		return;
	xs = ixgbe_ipsec_find_rx_state(adapter->ipsec, key.daddr, key.proto,
				       key.spi, key.ip4);
	if (unlikely(!xs))
		return;

	/*
	 * 6.1 returns here without putting the lookup's reference, so a
	 * failed secpath_set() leaks one reference on the state. The port
	 * keeps that (the tests count it) rather than fix the driver.
	 */
	sp = secpath_set(skb);
	if (unlikely(!sp))
		return;

	sp->xvec[sp->len++] = xs;
	sp->olen++;
	xo = xfrm_offload(skb);
	xo->flags = CRYPTO_DONE;
	xo->status = CRYPTO_SUCCESS;
	adapter->rx_ipsec++;
}

/* ---- setup -------------------------------------------------------------- */

static void ixgbe_ipsec_free_tables(struct ixgbe_ipsec *ipsec)
{
	if (!ipsec)
		return;
	kfree(ipsec->ip_tbl);
	kfree(ipsec->tx_tbl);
	kfree(ipsec->rx_tbl);
	kfree(ipsec);
}

/**
 * ixgbe_init_ipsec_offload - allocate the SA tables and hook up the ops
 * @adapter: board private structure
 *
 * Without memory the device offers no offload: netdev->xfrmdev_ops stays
 * NULL, as in the driver.
 */
void ixgbe_init_ipsec_offload(struct ixgbe_adapter *adapter)
{
	struct ixgbe_ipsec *ipsec = kzalloc(sizeof(*ipsec), GFP_KERNEL);

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
	ipsec->ip_tbl = kcalloc(IXGBE_IPSEC_MAX_RX_IP_COUNT,
				sizeof(*ipsec->ip_tbl), GFP_KERNEL);
	if (!ipsec->ip_tbl)
		goto nomem;

	adapter->ipsec = ipsec;
	ixgbe_ipsec_stop_engine(adapter);
	ixgbe_ipsec_clear_hw_tables(adapter);
	adapter->netdev->xfrmdev_ops = &ixgbe_xfrmdev_ops;
	return;

nomem:
	ixgbe_ipsec_free_tables(ipsec);
	netdev_err(adapter->netdev, "ipsec: no memory for the SA tables\n");
}

void ixgbe_stop_ipsec_offload(struct ixgbe_adapter *adapter)
{
	ixgbe_ipsec_free_tables(adapter->ipsec);
	adapter->ipsec = NULL;
}
