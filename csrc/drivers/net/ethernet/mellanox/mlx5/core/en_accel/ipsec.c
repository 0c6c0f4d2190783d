// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlx5e IPsec offload control path (drivers/net/ethernet/mellanox/mlx5/
 * core/en_accel/ipsec.c of Linux 6.1): which states the device takes,
 * the SA entry behind offload_handle, and the Rx SA database the CQE
 * metadata is looked up in. Creating the firmware object and the steering
 * rule is reduced to handing out an object id and counting the rule.
 *
 * x->tfcpad is not in this port's xfrm_state, so the driver's refusal of
 * TFC padding has nothing to test.
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
#include "ipsec.h"
#include "ipsec_rxtx.h"

/* The Rx SA holding firmware object id @handle; NULL if none does. */
static struct mlx5e_ipsec_sa_entry *
mlx5e_ipsec_sadb_rx_find(struct mlx5e_ipsec *ipsec, unsigned int handle)
{
	struct mlx5e_ipsec_sa_entry *sa;

	hash_for_each_possible_rcu(ipsec->sadb_rx, sa, hlist, handle) {
		if (sa->handle == handle)
			return sa;
	}
	return NULL;
}

/*
 * The state behind the handle a CQE carries, with a reference for the
 * caller (the sec_path it goes on); NULL if no Rx SA has that handle.
 */
struct xfrm_state *mlx5e_ipsec_sadb_rx_lookup(struct mlx5e_ipsec *ipsec,
					      unsigned int handle)
{
	struct mlx5e_ipsec_sa_entry *sa;
	struct xfrm_state *x = NULL;

	rcu_read_lock();
	sa = mlx5e_ipsec_sadb_rx_find(ipsec, handle);
	if (sa) {
		x = sa->x;
		xfrm_state_hold(x);
	}
	rcu_read_unlock();
	return x;
}

/* Rx SAs are keyed by their object id; two with one id would be ambiguous. */
static int mlx5e_ipsec_sadb_rx_add(struct mlx5e_ipsec_sa_entry *sa_entry)
{
	u32 id = sa_entry->ipsec_obj_id;
	bool taken;

	rcu_read_lock();
	taken = mlx5e_ipsec_sadb_rx_find(sa_entry->ipsec, id) != NULL;
	rcu_read_unlock();
	if (taken)
		return -EEXIST;

	sa_entry->handle = id;
	hash_add_rcu(sa_entry->ipsec->sadb_rx, &sa_entry->hlist, id);
	return 0;
}

static void mlx5e_ipsec_sadb_rx_del(struct mlx5e_ipsec_sa_entry *sa_entry)
{
	hash_del_rcu(&sa_entry->hlist);
}

/*
 * What the firmware object is made from. An rfc4106 key ends in the
 * 4-byte salt, which the device keeps apart from the AES key.
 */
static void
mlx5e_ipsec_build_accel_xfrm_attrs(struct mlx5e_ipsec_sa_entry *sa_entry,
				   struct mlx5_accel_esp_xfrm_attrs *attrs)
{
	const struct xfrm_state *x = sa_entry->x;
	const struct xfrm_algo_aead *aead = x->aead;
	unsigned int aes_bytes = aead->alg_key_len / 8 - sizeof(attrs->salt);

	*attrs = (struct mlx5_accel_esp_xfrm_attrs) {
		.spi		= x->id.spi,
		.dir		= x->xso.dir,
		.mode		= x->props.mode,
		.is_ipv6	= x->props.family != AF_INET,
		.esn_trigger	= !!(x->props.flags & XFRM_STATE_ESN),
		.key_len	= aes_bytes,
		.icv_len	= aead->alg_icv_len / 8,
	};
	memcpy(attrs->key, aead->alg_key, aes_bytes);
	memcpy(attrs->salt, aead->alg_key + aes_bytes, sizeof(attrs->salt));
	memcpy(attrs->saddr, &x->props.saddr, sizeof(attrs->saddr));
	memcpy(attrs->daddr, &x->id.daddr, sizeof(attrs->daddr));
}

static bool mlx5e_ipsec_family_ok(u16 family)
{
	return family == AF_INET || family == AF_INET6;
}

static bool mlx5e_ipsec_mode_ok(u8 mode)
{
	return mode == XFRM_MODE_TRANSPORT || mode == XFRM_MODE_TUNNEL;
}

/*
 * Why the device cannot take @x, or NULL if it can. It does ESP with
 * AES-GCM (rfc4106: a 128- or 256-bit key plus salt, a 16-byte ICV, IVs
 * from seqiv) and nothing more: no separate authentication, compression
 * or UDP encapsulation, IPv4 or IPv6, transport or tunnel mode, and ESN
 * only where the firmware has the capability.
 */
static const char *mlx5e_xfrm_refusal(struct xfrm_state *x, u32 caps)
{
	const struct xfrm_algo_aead *aead = x->aead;

	if (x->id.proto != IPPROTO_ESP)
		return "not ESP";
	if (x->props.aalgo != SADB_AALG_NONE)
		return "has an authentication algorithm";
	if (x->props.calgo != SADB_X_CALG_NONE)
		return "compressed";
	if (x->props.ealgo != SADB_X_EALG_AES_GCM_ICV16)
		return "not AES-GCM with a 16-byte ICV";
	if (!aead)
		return "no AEAD";
	if (aead->alg_icv_len != 128)
		return "AEAD ICV is not 128 bits";
	if (aead->alg_key_len != 128 + 32 && aead->alg_key_len != 256 + 32)
		return "AEAD key is not 128 or 256 bits plus salt";
	if (!x->geniv || strcmp(x->geniv, "seqiv"))
		return "IV generator is not seqiv";
	if (x->encap)
		return "encapsulated";
	if (!mlx5e_ipsec_family_ok(x->props.family))
		return "neither IPv4 nor IPv6";
	if (!mlx5e_ipsec_mode_ok(x->props.mode))
		return "neither transport nor tunnel mode";
	if ((x->props.flags & XFRM_STATE_ESN) && !(caps & MLX5_IPSEC_CAP_ESN))
		return "ESN without the device capability";
	return NULL;
}

static int mlx5e_xfrm_validate_state(struct xfrm_state *x)
{
	struct net_device *netdev = x->xso.real_dev;
	struct mlx5e_priv *priv = netdev_priv(netdev);
	const char *why = mlx5e_xfrm_refusal(x, priv->ipsec_caps);

	if (!why)
		return 0;
	netdev_info(netdev, "xfrm state not offloaded: %s\n", why);
	return -EINVAL;
}

/*
 * The firmware object stands for the SA in the device; its id is what
 * the CQE metadata names, so it has the metadata's 24 bits.
 */
static int mlx5_ipsec_create_sa_ctx(struct mlx5e_ipsec_sa_entry *sa_entry)
{
	u32 id = sa_entry->ipsec->next_obj_id++;

	sa_entry->ipsec_obj_id = MLX5_IPSEC_METADATA_HANDLE(id);
	return 0;
}

static void mlx5_ipsec_free_sa_ctx(struct mlx5e_ipsec_sa_entry *sa_entry)
{
	sa_entry->ipsec_obj_id = 0;
}

/* The steering rule that sends the SA's packets through the crypto engine. */
static int mlx5e_accel_ipsec_fs_add_rule(struct mlx5e_priv *priv,
					 struct mlx5e_ipsec_sa_entry *sa_entry)
{
	sa_entry->has_rule = true;
	priv->ipsec->num_rules++;
	return 0;
}

static void mlx5e_accel_ipsec_fs_del_rule(struct mlx5e_priv *priv,
					  struct mlx5e_ipsec_sa_entry *sa_entry)
{
	if (!sa_entry->has_rule)
		return;
	sa_entry->has_rule = false;
	priv->ipsec->num_rules--;
}

/*
 * The device's side of an SA: its firmware object, then the steering
 * rule that leads the SA's packets to it; undone in reverse.
 */
static int mlx5e_ipsec_sa_hw_add(struct mlx5e_priv *priv,
				 struct mlx5e_ipsec_sa_entry *sa_entry)
{
	int err = mlx5_ipsec_create_sa_ctx(sa_entry);

	if (err)
		return err;
	err = mlx5e_accel_ipsec_fs_add_rule(priv, sa_entry);
	if (err)
		mlx5_ipsec_free_sa_ctx(sa_entry);
	return err;
}

static void mlx5e_ipsec_sa_hw_del(struct mlx5e_priv *priv,
				  struct mlx5e_ipsec_sa_entry *sa_entry)
{
	mlx5e_accel_ipsec_fs_del_rule(priv, sa_entry);
	mlx5_ipsec_free_sa_ctx(sa_entry);
}

/*
 * The part of an SA that depends on its direction: a Tx SA writes the IV
 * of each packet (from the 64-bit sequence number when ESN is on), an Rx
 * SA must be found again by the handle in the CQE.
 */
static int mlx5e_ipsec_sa_attach(struct mlx5e_ipsec_sa_entry *sa_entry)
{
	if (sa_entry->x->xso.dir == XFRM_DEV_OFFLOAD_IN)
		return mlx5e_ipsec_sadb_rx_add(sa_entry);

	if (sa_entry->x->props.flags & XFRM_STATE_ESN)
		sa_entry->set_iv_op = mlx5e_ipsec_set_iv_esn;
	else
		sa_entry->set_iv_op = mlx5e_ipsec_set_iv;
	return 0;
}

/* A new SA entry for @x, with what its firmware object is made from. */
static struct mlx5e_ipsec_sa_entry *
mlx5e_ipsec_sa_entry_new(struct mlx5e_ipsec *ipsec, struct xfrm_state *x)
{
	struct mlx5e_ipsec_sa_entry *sa = kzalloc(sizeof(*sa), GFP_KERNEL);

	if (!sa)
		return NULL;
	sa->x = x;
	sa->ipsec = ipsec;
	sa->esn_state.trigger = !!(x->props.flags & XFRM_STATE_ESN);
	mlx5e_ipsec_build_accel_xfrm_attrs(sa, &sa->attrs);
	return sa;
}

/*
 * xdo_dev_state_add: the SA entry becomes x->xso.offload_handle once the
 * device has the SA and (Rx) the SADB has the entry; a failure undoes
 * what was done. A device without IPsec answers -EOPNOTSUPP, which
 * leaves the state to software.
 */
static int mlx5e_xfrm_add_state(struct xfrm_state *x)
{
	struct mlx5e_priv *priv = netdev_priv(x->xso.real_dev);
	struct mlx5e_ipsec_sa_entry *sa;
	int err;

	if (!priv->ipsec)
		return -EOPNOTSUPP;
	err = mlx5e_xfrm_validate_state(x);
	if (err)
		return err;
	sa = mlx5e_ipsec_sa_entry_new(priv->ipsec, x);
	if (!sa)
		return -ENOMEM;

	err = mlx5e_ipsec_sa_hw_add(priv, sa);
	if (err)
		goto free_entry;
	err = mlx5e_ipsec_sa_attach(sa);
	if (err)
		goto hw_del;

	x->xso.offload_handle = (unsigned long)sa;
	return 0;

hw_del:
	mlx5e_ipsec_sa_hw_del(priv, sa);
free_entry:
	kfree(sa);
	return err;
}

/* xdo_dev_state_delete: from now on a CQE naming the SA finds nothing. */
static void mlx5e_xfrm_del_state(struct xfrm_state *x)
{
	if (x->xso.dir != XFRM_DEV_OFFLOAD_IN)
		return;
	mlx5e_ipsec_sadb_rx_del(to_ipsec_sa_entry(x));
}

/* xdo_dev_state_free: the last reference is gone; so is the SA entry. */
static void mlx5e_xfrm_free_state(struct xfrm_state *x)
{
	struct mlx5e_ipsec_sa_entry *sa = to_ipsec_sa_entry(x);

	mlx5e_ipsec_sa_hw_del(netdev_priv(x->xso.dev), sa);
	kfree(sa);
}

/**
 * mlx5e_ipsec_init - set up the offload state of a capable device
 * @priv: mlx5e private structure
 *
 * A device without IPsec capabilities is not an error: it just offloads
 * nothing. Returns 0 or -ENOMEM.
 */
int mlx5e_ipsec_init(struct mlx5e_priv *priv)
{
	struct mlx5e_ipsec *ipsec;

	if (!priv->ipsec_caps) {
		netdev_dbg(priv->netdev, "no IPsec offload capability\n");
		return 0;
	}

	ipsec = kzalloc(sizeof(*ipsec), GFP_KERNEL);
	if (!ipsec)
		return -ENOMEM;
	hash_init(ipsec->sadb_rx);
	/* object ids start at 1: 0 is the handle of no SA */
	ipsec->next_obj_id = 1;
	priv->ipsec = ipsec;
	return 0;
}

void mlx5e_ipsec_cleanup(struct mlx5e_priv *priv)
{
	kfree(priv->ipsec);
	priv->ipsec = NULL;
}

/* xdo_dev_offload_ok: the device parses no IPv4 options, no IPv6 extensions. */
static bool mlx5e_ipsec_offload_ok(struct sk_buff *skb, struct xfrm_state *x)
{
	if (x->props.family == AF_INET)
		return ip_hdr(skb)->ihl <= 5;
	return !ipv6_ext_hdr(ipv6_hdr(skb)->nexthdr);
}

/* The ESN window moves in firmware; nothing here keeps that state. */
static void mlx5e_xfrm_advance_esn_state(struct xfrm_state *x)
{
	(void)x;
}

static const struct xfrmdev_ops mlx5e_ipsec_xfrmdev_ops = {
	.xdo_dev_state_add	= mlx5e_xfrm_add_state,
	.xdo_dev_state_delete	= mlx5e_xfrm_del_state,
	.xdo_dev_state_free	= mlx5e_xfrm_free_state,
	.xdo_dev_offload_ok	= mlx5e_ipsec_offload_ok,
	.xdo_dev_state_advance_esn = mlx5e_xfrm_advance_esn_state,
};

/*
 * Offer ESP to the stack. The ConnectX here has the swp_csum and swp_lso
 * capabilities, so checksums and segmentation under ESP go to the device
 * as well, on plain and on encapsulated traffic.
 */
void mlx5e_ipsec_build_netdev(struct mlx5e_priv *priv)
{
	const netdev_features_t esp = NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM |
				      NETIF_F_GSO_ESP;
	struct net_device *netdev = priv->netdev;

	if (!priv->ipsec)
		return;
	netdev->xfrmdev_ops = &mlx5e_ipsec_xfrmdev_ops;
	netdev->features |= esp;
	netdev->hw_enc_features |= esp;
	netdev->hw_features |= NETIF_F_GSO_ESP;
}
