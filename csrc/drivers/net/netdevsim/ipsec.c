// SPDX-License-Identifier: GPL-2.0-only
/*
 * netdevsim IPsec offload (drivers/net/netdevsim/ipsec.c of Linux 6.1):
 * a 33-entry SA table the xfrmdev_ops fill, and the Tx check that only
 * counts. The debugfs dump of the table is left out; the table itself is
 * what it printed.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <net/xfrm.h>
#include "netdevsim.h"

#define NSIM_IPSEC_AUTH_BITS	128
#define NSIM_IPSEC_KEY_BYTES	16	/* AES-128: four u32 words */

#define NSIM_ESP_FEATURES	(NETIF_F_HW_ESP | \
				 NETIF_F_HW_ESP_TX_CSUM | \
				 NETIF_F_GSO_ESP)

static const char nsim_aead_name[] = "rfc4106(gcm(aes))";

static struct nsim_ipsec *nsim_xs_ipsec(struct xfrm_state *xs)
{
	struct netdevsim *ns = netdev_priv(xs->xso.real_dev);

	return &ns->ipsec;
}

/*
 * The handle is the table index with NSIM_IPSEC_VALID set: the stack
 * reads a zero handle as "not offloaded", and slot 0 is a real slot.
 */
static u32 nsim_sa_index(const struct xfrm_state *xs)
{
	return xs->xso.offload_handle & ~NSIM_IPSEC_VALID;
}

static bool nsim_proto_offloadable(u8 proto)
{
	return proto == IPPROTO_ESP || proto == IPPROTO_AH;
}

/* The lowest free slot, or -ENOSPC once all of them are taken. */
static int nsim_ipsec_find_empty_idx(struct nsim_ipsec *ipsec)
{
	int idx;

	if (ipsec->count >= NSIM_IPSEC_MAX_SA_COUNT)
		return -ENOSPC;
	for (idx = 0; idx < NSIM_IPSEC_MAX_SA_COUNT; idx++) {
		if (!ipsec->sa[idx].used)
			return idx;
	}
	return -ENOSPC;
}

/*
 * Only rfc4106 AES-GCM with a 128-bit ICV. The first 16 bytes of the
 * material are the key; if there is more, the next four are the salt
 * (6.1 reads them whatever the length, so a 256-bit key is taken as a
 * 128-bit key and a "salt" from its second half). Less than 128 bits
 * is refused.
 */
static int nsim_ipsec_parse_proto_keys(struct xfrm_state *xs,
				       u32 *mykey, u32 *mysalt)
{
	const struct xfrm_algo_aead *aead = xs->aead;
	struct net_device *dev = xs->xso.real_dev;
	const u8 *material;

	if (!aead) {
		netdev_err(dev, "no AEAD: only %s is offloaded\n",
			   nsim_aead_name);
		return -EINVAL;
	}
	if (aead->alg_icv_len != NSIM_IPSEC_AUTH_BITS) {
		netdev_err(dev, "ICV of %u bits, %d required\n",
			   aead->alg_icv_len, NSIM_IPSEC_AUTH_BITS);
		return -EINVAL;
	}
	if (strcmp(aead->alg_name, nsim_aead_name) != 0) {
		netdev_err(dev, "%s cannot be offloaded, only %s\n",
			   aead->alg_name, nsim_aead_name);
		return -EINVAL;
	}
	if (aead->alg_key_len < NSIM_IPSEC_KEY_BYTES * 8) {
		netdev_err(dev, "key of %u bits, 128 required (+32 salt)\n",
			   aead->alg_key_len);
		return -EINVAL;
	}

	material = (const u8 *)aead->alg_key;
	memcpy(mykey, material, NSIM_IPSEC_KEY_BYTES);
	*mysalt = 0;
	if (aead->alg_key_len > NSIM_IPSEC_KEY_BYTES * 8)
		memcpy(mysalt, material + NSIM_IPSEC_KEY_BYTES,
		       sizeof(*mysalt));
	return 0;
}

/* The table keeps the destination as an IPv6 address; IPv4 is its last word. */
static void nsim_sa_set_daddr(struct nsim_sa *sa, const struct xfrm_state *xs)
{
	if (xs->props.family == AF_INET6)
		memcpy(sa->ipaddr, xs->id.daddr.a6, sizeof(sa->ipaddr));
	else
		sa->ipaddr[3] = xs->id.daddr.a4;
}

/*
 * Returns 0, -EINVAL (protocol, IPComp, or an AEAD it cannot take) or
 * -ENOSPC (table full). The table is checked for room before the keys,
 * so a full table answers -ENOSPC to any ESP/AH state.
 */
static int nsim_ipsec_add_sa(struct xfrm_state *xs)
{
	struct nsim_ipsec *ipsec = nsim_xs_ipsec(xs);
	struct net_device *dev = xs->xso.real_dev;
	struct nsim_sa sa = { .xs = xs, .used = true };
	int idx, err;

	if (!nsim_proto_offloadable(xs->id.proto)) {
		netdev_err(dev, "protocol %u cannot be offloaded\n",
			   xs->id.proto);
		return -EINVAL;
	}
	if (xs->calg) {
		netdev_err(dev, "IPComp cannot be offloaded\n");
		return -EINVAL;
	}

	idx = nsim_ipsec_find_empty_idx(ipsec);
	if (idx < 0) {
		netdev_err(dev, "all %d SA slots in use\n",
			   NSIM_IPSEC_MAX_SA_COUNT);
		return idx;
	}

	err = nsim_ipsec_parse_proto_keys(xs, sa.key, &sa.salt);
	if (err)
		return err;

	/* 6.1 tests the ESP bit with '&', which AH's number has set too */
	sa.crypt = (xs->id.proto & IPPROTO_ESP) && (xs->ealg || xs->aead);
	sa.rx = xs->xso.dir == XFRM_DEV_OFFLOAD_IN;
	nsim_sa_set_daddr(&sa, xs);

	/* nothing can fail from here: the slot is filled whole */
	ipsec->sa[idx] = sa;
	ipsec->count++;
	xs->xso.offload_handle = (u32)idx | NSIM_IPSEC_VALID;
	return 0;
}

static void nsim_ipsec_del_sa(struct xfrm_state *xs)
{
	struct nsim_ipsec *ipsec = nsim_xs_ipsec(xs);
	u32 idx = nsim_sa_index(xs);

	if (idx >= NSIM_IPSEC_MAX_SA_COUNT || !ipsec->sa[idx].used) {
		netdev_err(xs->xso.real_dev,
			   "delete of SA %u, not in the table\n", idx);
		return;
	}
	memset(&ipsec->sa[idx], 0, sizeof(ipsec->sa[idx]));
	ipsec->count--;
}

/* netdevsim takes every packet the stack offers; it only counts the asks. */
static bool nsim_ipsec_offload_ok(struct sk_buff *skb, struct xfrm_state *xs)
{
	(void)skb;
	nsim_xs_ipsec(xs)->ok++;
	return true;
}

static const struct xfrmdev_ops nsim_xfrmdev_ops = {
	.xdo_dev_state_add	= nsim_ipsec_add_sa,
	.xdo_dev_state_delete	= nsim_ipsec_del_sa,
	.xdo_dev_offload_ok	= nsim_ipsec_offload_ok,
};

static bool nsim_ipsec_tx_drop(struct netdevsim *ns, const char *why,
			       long long val)
{
	netdev_err(ns->netdev, "IPsec Tx dropped: %s (%lld)\n", why, val);
	return false;
}

/**
 * nsim_ipsec_tx - check an skb's SA before "sending" it
 * @ns: device
 * @skb: packet
 *
 * An skb without a sec_path passes. One with a sec_path must name a used
 * table entry for an ESP or AH state. Returns true to send, false to drop
 * (the caller frees it either way, without counting a drop).
 */
bool nsim_ipsec_tx(struct netdevsim *ns, struct sk_buff *skb)
{
	struct sec_path *sp = skb_sec_path(skb);
	struct xfrm_state *xs;
	u32 idx;

	/* not IPsec: nothing to check */
	if (!sp)
		return true;

	/* xfrm_input_state() reads the last state: there must be one */
	if (unlikely(sp->len == 0))
		return nsim_ipsec_tx_drop(ns, "sec_path holds no state", 0);
	xs = xfrm_input_state(skb);
	if (unlikely(!xs))
		return nsim_ipsec_tx_drop(ns, "sec_path's last state is NULL",
					  sp->len);

	/* the handle must still name a live slot of this table */
	idx = nsim_sa_index(xs);
	if (unlikely(idx >= NSIM_IPSEC_MAX_SA_COUNT))
		return nsim_ipsec_tx_drop(ns, "SA index past the table", idx);
	if (unlikely(!ns->ipsec.sa[idx].used))
		return nsim_ipsec_tx_drop(ns, "SA slot not in use", idx);
	if (!nsim_proto_offloadable(xs->id.proto))
		return nsim_ipsec_tx_drop(ns, "state is neither ESP nor AH",
					  xs->id.proto);

	ns->ipsec.tx++;
	return true;
}

void nsim_ipsec_init(struct netdevsim *ns)
{
	struct net_device *dev = ns->netdev;

	dev->xfrmdev_ops = &nsim_xfrmdev_ops;
	dev->features |= NSIM_ESP_FEATURES;
	dev->hw_enc_features |= NSIM_ESP_FEATURES;
}

void nsim_ipsec_teardown(struct netdevsim *ns)
{
	u32 left = ns->ipsec.count;

	if (left)
		netdev_err(ns->netdev,
			   "IPsec torn down with %u SAs offloaded\n", left);
}
