// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tape's driver ops (docs/tape.md, "Drivers"): the five drivers'
 * IPsec call sites through skbext/adapter.h. Userspace only: the kernel
 * module has no driver layer, and its tape_ops[] entries are NULL.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/build_bug.h>
#include <linux/fault-inject.h>
#include <linux/in.h>
#include <asm/byteorder.h>
#include <net/xfrm.h>
#include <skbext/adapter.h>
#include <skbext/esp_pkt.h>

#include "tape_internal.h"

/* The tape numbers its drivers as the adapter does. */
BUILD_BUG_ON((int)TAPE_DRV_IXGBE != (int)SKBEXT_DRV_IXGBE);
BUILD_BUG_ON((int)TAPE_DRV_IXGBEVF != (int)SKBEXT_DRV_IXGBEVF);
BUILD_BUG_ON((int)TAPE_DRV_MLX5 != (int)SKBEXT_DRV_MLX5);
BUILD_BUG_ON((int)TAPE_DRV_CHELSIO != (int)SKBEXT_DRV_CHELSIO);
BUILD_BUG_ON((int)TAPE_DRV_NETDEVSIM != (int)SKBEXT_DRV_NETDEVSIM);
BUILD_BUG_ON((int)TAPE_DRV_NUM != (int)SKBEXT_DRV_NUM);

/*
 * Driver @d's device, set up the way a probe would, with fault injection
 * held off: what the tape injects faults into is the data path and the
 * SA add, not probing.
 */
static struct skbext_adapter *tape_adapter(struct tape_ctx *c, unsigned int d)
{
	unsigned int n;

	if (!c->adapter[d]) {
		n = fail_nth_get();
		fail_nth_set(0);
		c->adapter[d] = skbext_adapter_create((enum skbext_driver)d);
		fail_nth_set(n);
	}
	return c->adapter[d];
}

/* 128-bit AES key and 32-bit salt: what every driver here offloads. */
static const u8 tape_gcm_key[20] = {
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
	0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f,
	0xca, 0xfe, 0xba, 0xbe,
};

/* An IPv4 ESP frame for @xs's SPI and addresses, as a NIC would hold it. */
static struct sk_buff *tape_esp_frame(struct xfrm_state *xs)
{
	struct skbext_esp_pkt p;

	memset(&p, 0, sizeof(p));
	p.family = AF_INET;
	p.saddr.a4 = xs->props.saddr.a4;
	p.daddr.a4 = xs->id.daddr.a4;
	p.spi = xs->id.spi;
	p.seq = 1;
	return skbext_esp_build_skb(&p);
}

static enum tape_res tape_drv_offload(struct skbext_adapter *ad,
				       struct xfrm_state *xs, bool in)
{
	int err;

	if (xs->xso.dev || xs->xso.real_dev)
		return TAPE_R_BUSY;
	/* the stack offloads a state before it is ever deleted */
	if (xs->km.state == XFRM_STATE_DEAD)
		return TAPE_R_REFUSED;

	xs->props.saddr.a4 = htonl(0x0a000001);
	xs->id.daddr.a4 = htonl(0x0a000002);
	if (!xs->aead && skbext_state_set_aead(xs, "rfc4106(gcm(aes))",
					       tape_gcm_key, 160, 128))
		return TAPE_R_NULL;
	xs->xso.dir = in ? XFRM_DEV_OFFLOAD_IN : XFRM_DEV_OFFLOAD_OUT;

	err = skbext_adapter_state_add(ad, xs);
	switch (err) {
	case 0:
		return xs->xso.dev ? TAPE_R_OK : TAPE_R_UNSUPPORTED;
	case -ENOMEM:
		return TAPE_R_NULL;
	case -ENOSPC:
		return TAPE_R_FULL;
	default:
		return TAPE_R_ERROR;
	}
}

static enum tape_res tape_drv_receive(struct tape_ctx *c,
				       struct skbext_adapter *ad, unsigned int d,
				       unsigned int s, struct xfrm_state *xs)
{
	struct skbext_rx_desc desc;
	struct sk_buff *skb;
	long h;

	skb = tape_esp_frame(xs);
	if (!skb)
		return TAPE_R_NULL;
	c->skb[s] = skb;

	memset(&desc, 0, sizeof(desc));
	switch (d) {
	case TAPE_DRV_IXGBE:
	case TAPE_DRV_IXGBEVF:
		desc.status_error = SKBEXT_IXGBE_STAT_SECP;
		desc.pkt_info = SKBEXT_IXGBE_PKTTYPE_IPV4 |
				SKBEXT_IXGBE_PKTTYPE_IPSEC_ESP;
		break;
	case TAPE_DRV_MLX5:
		/* a state the device has no Rx SA for gets an unknown handle */
		h = skbext_adapter_rx_handle(ad, xs);
		desc.ft_metadata = SKBEXT_MLX5_METADATA(h < 0 ? 0 : h,
				SKBEXT_MLX5_SYNDROME_DECRYPTED);
		break;
	}

	switch (skbext_adapter_rx(ad, skb, &desc)) {
	case SKBEXT_RX_OFFLOADED:
		return TAPE_R_OFFLOADED;
	case SKBEXT_RX_PASSED:
		return TAPE_R_PASSED;
	case SKBEXT_RX_NOT_IPSEC:
		return TAPE_R_NOT_IPSEC;
	case -EOPNOTSUPP:
		return TAPE_R_UNSUPPORTED;
	default:
		return TAPE_R_ERROR;
	}
}

/*
 * The frame drv_tx hands to the driver for a state no device was ever
 * asked to take (it has no AEAD): one the stack decrypted with @xs in
 * software on receive and now forwards. xfrm_input() left @xs on its
 * sec_path with a reference and olen 0, and nothing on the way out
 * resets it, so the driver sees a sec_path that is not an offload.
 */
static struct sk_buff *tape_forwarded_frame(struct xfrm_state *xs)
{
	struct sk_buff *skb = tape_esp_frame(xs);

	if (skb && xfrm_input_push_state(skb, xs)) {
		kfree_skb(skb);
		skb = NULL;
	}
	return skb;
}

static enum tape_res tape_drv_send(struct skbext_adapter *ad,
				    struct xfrm_state *xs)
{
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	/* xfrm_input() takes in no packet for a state already deleted */
	if (xs->km.state == XFRM_STATE_DEAD)
		return TAPE_R_REFUSED;

	if (!xs->aead) {
		/* two allocations for the frame, one for its sec_path */
		skb = tape_forwarded_frame(xs);
		if (!skb)
			return TAPE_R_NULL;
		goto xmit;
	}

	/*
	 * Only a state offloaded for output to this very device gets an
	 * skb marked for offload (xfrm_output(), validate_xmit_xfrm()).
	 */
	if (xs->xso.dev != skbext_adapter_netdev(ad) ||
	    xs->xso.dir != XFRM_DEV_OFFLOAD_OUT)
		return TAPE_R_REFUSED;

	skb = tape_esp_frame(xs);
	if (!skb)
		return TAPE_R_NULL;
	if (skbext_esp_prepare_tx(skb, xs, IPPROTO_TCP)) {
		kfree_skb(skb);
		return TAPE_R_NULL;
	}
xmit:
	if (skbext_adapter_xmit(ad, skb, &v) < 0)
		return TAPE_R_ERROR;
	switch (v) {
	case SKBEXT_TX_SENT:
		return TAPE_R_SENT;
	case SKBEXT_TX_DROPPED:
		return TAPE_R_DROPPED;
	default:
		return TAPE_R_BUSY;
	}
}

/*
 * What every driver op does first: find the state x names and the
 * device of driver @a[0], made on first use. @x is the state operand's
 * byte; for drv_rx, @s is the slot the frame goes into. The answer is
 * TAPE_R_OK to go on.
 */
static enum tape_res tape_drv_prepare(struct tape_ctx *c, const u8 *a,
				      u8 x, const u8 *s,
				      struct skbext_adapter **ad,
				      struct xfrm_state **xs)
{
	*xs = c->xs[x % TAPE_X_SLOTS].x;
	if (!*xs)
		return TAPE_R_EMPTY;
	if (s && tape_skb(c, *s))
		return TAPE_R_BUSY;
	*ad = tape_adapter(c, a[0] % TAPE_DRV_NUM);
	return *ad ? TAPE_R_OK : TAPE_R_NULL;
}

enum tape_res tape_drv_add(struct tape_ctx *c, const u8 *a)
{
	struct skbext_adapter *ad;
	struct xfrm_state *xs;
	enum tape_res r;

	r = tape_drv_prepare(c, a, a[1], NULL, &ad, &xs);
	if (r != TAPE_R_OK)
		return r;
	return tape_drv_offload(ad, xs, a[2] & 1);
}

enum tape_res tape_drv_del(struct tape_ctx *c, const u8 *a)
{
	struct skbext_adapter *ad;
	struct xfrm_state *xs;
	enum tape_res r;

	r = tape_drv_prepare(c, a, a[1], NULL, &ad, &xs);
	if (r != TAPE_R_OK)
		return r;
	return skbext_adapter_state_delete(ad, xs) ? TAPE_R_ABSENT : TAPE_R_OK;
}

enum tape_res tape_drv_rx(struct tape_ctx *c, const u8 *a)
{
	struct skbext_adapter *ad;
	struct xfrm_state *xs;
	enum tape_res r;

	r = tape_drv_prepare(c, a, a[2], &a[1], &ad, &xs);
	if (r != TAPE_R_OK)
		return r;
	return tape_drv_receive(c, ad, a[0] % TAPE_DRV_NUM,
				a[1] % TAPE_SKB_SLOTS, xs);
}

enum tape_res tape_drv_tx(struct tape_ctx *c, const u8 *a)
{
	struct skbext_adapter *ad;
	struct xfrm_state *xs;
	enum tape_res r;

	r = tape_drv_prepare(c, a, a[1], NULL, &ad, &xs);
	if (r != TAPE_R_OK)
		return r;
	return tape_drv_send(ad, xs);
}

void tape_drv_release(struct tape_ctx *c)
{
	unsigned int i;

	for (i = 0; i < TAPE_DRV_NUM; i++) {
		skbext_adapter_destroy(c->adapter[i]);
		c->adapter[i] = NULL;
	}
}
