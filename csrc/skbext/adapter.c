// SPDX-License-Identifier: GPL-2.0-only
/*
 * The uniform entry to the drivers' IPsec call sites (skbext/adapter.h).
 * Around each driver it plays the stack's part: the device half of
 * xfrm_dev_state_add(), the delete and free a state gets when its device
 * goes away, and the Tx completion. It also remembers every state it
 * offloaded, hearing of each free through xfrmdev_ops it puts in front of
 * the driver's, so that destroying a device never leaves a state pointing
 * at it (the kernel gets the same from flushing a device's states when it
 * unregisters).
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/workqueue.h>
#include <net/xfrm.h>
#include <asm/byteorder.h>
#include <skbext/adapter.h>
#include <skbext/drv.h>

struct skbext_tracked {
	struct xfrm_state *x;
	bool deleted;		/* xdo_dev_state_delete has run */
};

struct skbext_adapter {
	enum skbext_driver drv;
	const struct skbext_drv_ops *ops;
	const struct xfrmdev_ops *drv_xops;	/* what the driver installed */
	struct net_device netdev;
	struct skbext_tracked *tracked;
	unsigned int ntracked;
	unsigned int cap;
};

static const struct skbext_drv_ops *const skbext_drivers[SKBEXT_DRV_NUM] = {
	[SKBEXT_DRV_IXGBE]	= &skbext_ixgbe_ops,
	[SKBEXT_DRV_IXGBEVF]	= &skbext_ixgbevf_ops,
	[SKBEXT_DRV_MLX5]	= &skbext_mlx5_ops,
	[SKBEXT_DRV_CHELSIO]	= &skbext_chelsio_ops,
	[SKBEXT_DRV_NETDEVSIM]	= &skbext_netdevsim_ops,
};

static struct skbext_adapter *skbext_dev_adapter(struct net_device *dev)
{
	return container_of(dev, struct skbext_adapter, netdev);
}

static int skbext_track_find(struct skbext_adapter *a, struct xfrm_state *x)
{
	unsigned int i;

	for (i = 0; i < a->ntracked; i++)
		if (a->tracked[i].x == x)
			return i;
	return -1;
}

static void skbext_untrack(struct skbext_adapter *a, struct xfrm_state *x)
{
	int i = skbext_track_find(a, x);

	if (i < 0)
		return;
	a->tracked[i] = a->tracked[--a->ntracked];
}

/* Room for one more before the driver is asked, so adding cannot fail after. */
static int skbext_track_reserve(struct skbext_adapter *a)
{
	struct skbext_tracked *n;
	unsigned int cap;

	if (a->ntracked < a->cap)
		return 0;
	cap = a->cap ? a->cap * 2 : 16;
	n = kmalloc_array(cap, sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	if (a->ntracked)
		memcpy(n, a->tracked, a->ntracked * sizeof(*n));
	kfree(a->tracked);
	a->tracked = n;
	a->cap = cap;
	return 0;
}

static int skbext_xdo_add(struct xfrm_state *x)
{
	struct skbext_adapter *a = skbext_dev_adapter(x->xso.real_dev);

	return a->drv_xops->xdo_dev_state_add(x);
}

static void skbext_xdo_delete(struct xfrm_state *x)
{
	struct skbext_adapter *a = skbext_dev_adapter(x->xso.real_dev);
	int i = skbext_track_find(a, x);

	/* a second delete would unlink driver lists twice */
	if (i >= 0) {
		if (a->tracked[i].deleted)
			return;
		a->tracked[i].deleted = true;
	}
	if (a->drv_xops->xdo_dev_state_delete)
		a->drv_xops->xdo_dev_state_delete(x);
}

static void skbext_xdo_free(struct xfrm_state *x)
{
	struct skbext_adapter *a = skbext_dev_adapter(x->xso.dev);

	if (a->drv_xops->xdo_dev_state_free)
		a->drv_xops->xdo_dev_state_free(x);
	skbext_untrack(a, x);
}

static bool skbext_xdo_offload_ok(struct sk_buff *skb, struct xfrm_state *x)
{
	struct skbext_adapter *a = skbext_dev_adapter(x->xso.dev);

	if (!a->drv_xops->xdo_dev_offload_ok)
		return true;
	return a->drv_xops->xdo_dev_offload_ok(skb, x);
}

static void skbext_xdo_advance_esn(struct xfrm_state *x)
{
	struct skbext_adapter *a = skbext_dev_adapter(x->xso.dev);

	if (a->drv_xops->xdo_dev_state_advance_esn)
		a->drv_xops->xdo_dev_state_advance_esn(x);
}

static const struct xfrmdev_ops skbext_xfrmdev_ops = {
	.xdo_dev_state_add		= skbext_xdo_add,
	.xdo_dev_state_delete		= skbext_xdo_delete,
	.xdo_dev_state_free		= skbext_xdo_free,
	.xdo_dev_offload_ok		= skbext_xdo_offload_ok,
	.xdo_dev_state_advance_esn	= skbext_xdo_advance_esn,
};

const char *skbext_driver_name(enum skbext_driver drv)
{
	if ((unsigned int)drv >= SKBEXT_DRV_NUM)
		return NULL;
	return skbext_drivers[drv]->name;
}

static const char *const skbext_knob_names[SKBEXT_KNOB_NUM] = {
	[SKBEXT_KNOB_IXGBE_NUM_VFS]	= "IXGBE_NUM_VFS",
	[SKBEXT_KNOB_IXGBE_BRIDGE_VEPA]	= "IXGBE_BRIDGE_VEPA",
	[SKBEXT_KNOB_IXGBEVF_PF_IPSEC]	= "IXGBEVF_PF_IPSEC",
	[SKBEXT_KNOB_IXGBEVF_PF_NACK]	= "IXGBEVF_PF_NACK",
	[SKBEXT_KNOB_IXGBEVF_MBX_FAIL]	= "IXGBEVF_MBX_FAIL",
	[SKBEXT_KNOB_MLX5_ESN_CAP]	= "MLX5_ESN_CAP",
};

const char *skbext_knob_name(enum skbext_knob k)
{
	if ((unsigned int)k >= SKBEXT_KNOB_NUM)
		return NULL;
	return skbext_knob_names[k];
}

struct skbext_adapter *skbext_adapter_create(enum skbext_driver drv)
{
	const struct skbext_drv_ops *ops;
	struct skbext_adapter *a;
	int err;

	if ((unsigned int)drv >= SKBEXT_DRV_NUM)
		return NULL;
	ops = skbext_drivers[drv];

	a = kzalloc(sizeof(*a), GFP_KERNEL);
	if (!a)
		return NULL;
	a->drv = drv;
	a->ops = ops;
	snprintf(a->netdev.name, sizeof(a->netdev.name), "%s0",
		 drv == SKBEXT_DRV_NETDEVSIM ? "eni" : "eth");
	/* the registration's own reference; states add theirs */
	refcount_set(&a->netdev.dev_refcnt, 1);
	a->netdev.priv = kzalloc(ops->priv_size, GFP_KERNEL);
	if (!a->netdev.priv)
		goto err_free;

	err = ops->probe(&a->netdev);
	if (err)
		goto err_priv;
	/* a probe that could not set up offload leaves xfrmdev_ops NULL */
	if (!a->netdev.xfrmdev_ops)
		goto err_remove;

	a->drv_xops = a->netdev.xfrmdev_ops;
	a->netdev.xfrmdev_ops = &skbext_xfrmdev_ops;
	return a;

err_remove:
	ops->remove(&a->netdev);
err_priv:
	kfree(a->netdev.priv);
err_free:
	kfree(a);
	return NULL;
}

/* xdo_dev_state_delete unless done, then free; the state is left bare. */
static void skbext_adapter_detach(struct skbext_adapter *a, struct xfrm_state *x)
{
	int i = skbext_track_find(a, x);

	if (i >= 0 && !a->tracked[i].deleted)
		xfrm_dev_state_delete(x);
	xfrm_dev_state_free(x);
	skbext_untrack(a, x);
	x->xso.real_dev = NULL;
	x->xso.offload_handle = 0;
}

void skbext_adapter_destroy(struct skbext_adapter *a)
{
	if (!a)
		return;

	/* states already queued for the GC still name this device */
	flush_scheduled_work();
	while (a->ntracked)
		skbext_adapter_detach(a, a->tracked[a->ntracked - 1].x);
	/* what unregister_netdevice() waits for: only its own reference */
	WARN_ON(refcount_read(&a->netdev.dev_refcnt) != 1);

	a->ops->remove(&a->netdev);
	kfree(a->tracked);
	kfree(a->netdev.priv);
	kfree(a);
}

int skbext_adapter_state_add(struct skbext_adapter *a, struct xfrm_state *x)
{
	struct xfrm_dev_offload *xso;
	struct net_device *dev;
	int err;

	if (!a || !x)
		return -EINVAL;
	xso = &x->xso;
	dev = &a->netdev;
	if (xso->dev || xso->real_dev || x->km.state == XFRM_STATE_DEAD)
		return -EINVAL;
	if (xso->dir != XFRM_DEV_OFFLOAD_IN && xso->dir != XFRM_DEV_OFFLOAD_OUT)
		return -EINVAL;

	/* the checks xfrm_dev_state_add() makes before asking the device */
	if (x->encap)
		return -EINVAL;
	if (x->props.flags & XFRM_STATE_ESN &&
	    !a->drv_xops->xdo_dev_state_advance_esn)
		return -EINVAL;

	err = skbext_track_reserve(a);
	if (err)
		return err;

	xso->dev = dev;
	netdev_hold(dev, &xso->dev_tracker, GFP_ATOMIC);
	xso->real_dev = dev;
	xso->type = XFRM_DEV_OFFLOAD_CRYPTO;

	err = dev->xfrmdev_ops->xdo_dev_state_add(x);
	if (err) {
		xso->dev = NULL;
		xso->real_dev = NULL;
		netdev_put(dev, &xso->dev_tracker);
		xso->type = XFRM_DEV_OFFLOAD_TYPE_UNSPECIFIED;
		/*
		 * A first add that fails leaves no object of ours behind: the
		 * tracking array it reserved goes with it (the fail_nth table,
		 * test/js/failnth-table.test.ts, counts every cache).
		 */
		if (!a->ntracked) {
			kfree(a->tracked);
			a->tracked = NULL;
			a->cap = 0;
		}
		/* the kernel keeps the state in software then */
		return err == -EOPNOTSUPP ? 0 : err;
	}

	a->tracked[a->ntracked].x = x;
	a->tracked[a->ntracked].deleted = false;
	a->ntracked++;
	return 0;
}

int skbext_adapter_state_delete(struct skbext_adapter *a, struct xfrm_state *x)
{
	if (!a || !x || x->xso.dev != &a->netdev || skbext_track_find(a, x) < 0)
		return -EINVAL;

	skbext_adapter_detach(a, x);
	return 0;
}

int skbext_adapter_rx(struct skbext_adapter *a, struct sk_buff *skb,
		      const struct skbext_rx_desc *desc)
{
	struct sec_path *sp;
	int before, after, ret;

	if (!a || !skb || !desc)
		return -EINVAL;
	if (!a->ops->rx)
		return -EOPNOTSUPP;

	/*
	 * A NIC hands up fresh skbs. A state already on the path would
	 * overflow ovec[] (XFRM_MAX_OFFLOAD_DEPTH is 1) when the driver
	 * pushes its own.
	 */
	sp = skb_sec_path(skb);
	if (sp && (sp->len || sp->olen))
		return -EINVAL;
	before = sp ? sp->len : 0;

	ret = a->ops->rx(&a->netdev, skb, desc);
	if (ret != SKBEXT_RX_PASSED)
		return ret;

	sp = skb_sec_path(skb);
	after = sp ? sp->len : 0;
	return after > before ? SKBEXT_RX_OFFLOADED : SKBEXT_RX_PASSED;
}

/* True if the L3 header skb->protocol names lies inside the data. */
static bool skbext_l3_header_ok(const struct sk_buff *skb)
{
	unsigned int need;
	long off;

	if (skb->protocol == htons(ETH_P_IP))
		need = sizeof(struct iphdr);
	else if (skb->protocol == htons(ETH_P_IPV6))
		need = sizeof(struct ipv6hdr);
	else
		return true;

	/* the drivers read the header in place, as 32-bit words */
	if (!IS_ALIGNED((unsigned long)skb_network_header(skb), 4))
		return false;
	off = (long)skb_network_header(skb) - (long)skb->data;
	return off >= 0 && (unsigned long)off + need <= skb_headlen(skb);
}

int skbext_adapter_xmit(struct skbext_adapter *a, struct sk_buff *skb,
			enum skbext_tx_verdict *verdict)
{
	enum skbext_tx_verdict v = SKBEXT_TX_DROPPED;
	struct sec_path *sp;
	netdev_tx_t ret;
	int i;

	if (verdict)
		*verdict = SKBEXT_TX_DROPPED;
	if (!skb)
		return -EINVAL;
	if (!a)
		goto bad;

	if (!skbext_l3_header_ok(skb))
		goto bad;

	/*
	 * A driver whose handle is a pointer trusts it as the kernel does;
	 * only states this device offloaded may carry one here.
	 */
	sp = skb_sec_path(skb);
	if (sp && a->ops->handle_is_pointer) {
		for (i = 0; i < sp->len; i++) {
			struct xfrm_state *x = sp->xvec[i];

			if (x && x->xso.offload_handle &&
			    x->xso.real_dev != &a->netdev)
				goto bad;
		}
	}

	ret = a->ops->xmit(&a->netdev, skb, &v);
	if (ret == NETDEV_TX_BUSY) {
		kfree_skb(skb);
		v = SKBEXT_TX_BUSY;
	}
	if (verdict)
		*verdict = v;
	return ret;

bad:
	kfree_skb(skb);
	return -EINVAL;
}

int skbext_adapter_offload_ok(struct skbext_adapter *a, struct sk_buff *skb,
			      struct xfrm_state *x)
{
	if (!a || !skb || !x || x->xso.dev != &a->netdev)
		return -EINVAL;
	if (x->props.family == AF_INET && skb->protocol != htons(ETH_P_IP))
		return -EINVAL;
	if (x->props.family != AF_INET && skb->protocol != htons(ETH_P_IPV6))
		return -EINVAL;
	if (!skbext_l3_header_ok(skb))
		return -EINVAL;
	return a->netdev.xfrmdev_ops->xdo_dev_offload_ok(skb, x) ? 1 : 0;
}

int skbext_adapter_features_check(struct skbext_adapter *a, struct sk_buff *skb,
				  netdev_features_t features,
				  netdev_features_t *out)
{
	if (!a || !skb || !out)
		return -EINVAL;
	if (!a->ops->features_check)
		return -EOPNOTSUPP;
	return a->ops->features_check(&a->netdev, skb, features, out);
}

unsigned int skbext_adapter_counters(struct skbext_adapter *a,
				     const char **names, u64 *values,
				     unsigned int max)
{
	if (!a)
		return 0;
	return a->ops->counters(&a->netdev, names, values, max);
}

int skbext_adapter_counter(struct skbext_adapter *a, const char *name,
			   u64 *value)
{
	const char *names[16];
	u64 values[16];
	unsigned int n, i;

	if (!a || !name || !value)
		return -EINVAL;
	n = skbext_adapter_counters(a, names, values, ARRAY_SIZE(names));
	for (i = 0; i < n && i < ARRAY_SIZE(names); i++) {
		if (!strcmp(names[i], name)) {
			*value = values[i];
			return 0;
		}
	}
	return -EINVAL;
}

int skbext_adapter_set_knob(struct skbext_adapter *a, enum skbext_knob k,
			    u64 value)
{
	if (!a || (unsigned int)k >= SKBEXT_KNOB_NUM || !a->ops->set_knob)
		return -EINVAL;
	return a->ops->set_knob(&a->netdev, k, value);
}

long skbext_adapter_rx_handle(struct skbext_adapter *a, struct xfrm_state *x)
{
	if (!a || !x || x->xso.dev != &a->netdev ||
	    x->xso.dir != XFRM_DEV_OFFLOAD_IN || !a->ops->rx_handle)
		return -EINVAL;
	return a->ops->rx_handle(&a->netdev, x);
}

struct net_device *skbext_adapter_netdev(struct skbext_adapter *a)
{
	return a ? &a->netdev : NULL;
}

void *skbext_adapter_priv(struct skbext_adapter *a)
{
	return a ? a->netdev.priv : NULL;
}

enum skbext_driver skbext_adapter_driver(const struct skbext_adapter *a)
{
	return a ? a->drv : SKBEXT_DRV_NUM;
}

/* The headers ixgbe_ipsec_rx() and ixgbevf_ipsec_rx() read, bounds-checked. */
bool skbext_ixgbe_rx_frame_ok(const struct sk_buff *skb, u16 pkt_info)
{
	unsigned int len = skb_headlen(skb);
	unsigned int l3;

	if ((pkt_info & (SKBEXT_IXGBE_PKTTYPE_IPV4 | SKBEXT_IXGBE_PKTTYPE_IPV6)) &&
	    !IS_ALIGNED((unsigned long)skb->data + ETH_HLEN, 4))
		return false;	/* the driver reads the headers in place */
	if (pkt_info & SKBEXT_IXGBE_PKTTYPE_IPV4) {
		const struct iphdr *iph;

		if (len < ETH_HLEN + sizeof(struct iphdr))
			return false;
		iph = (const struct iphdr *)(skb->data + ETH_HLEN);
		l3 = iph->ihl * 4;
	} else if (pkt_info & SKBEXT_IXGBE_PKTTYPE_IPV6) {
		l3 = sizeof(struct ipv6hdr);
	} else {
		return true;	/* the hook returns before reading */
	}
	/* the SPI lies within the first 8 bytes of both ESP and AH */
	return len >= ETH_HLEN + l3 + 8;
}
