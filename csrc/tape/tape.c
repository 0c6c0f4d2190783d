// SPDX-License-Identifier: GPL-2.0-only
/*
 * The op-tape executor. It calls nothing but the kernel's skb, extension
 * and xfrm API, so the very same file runs in the addon and, built as a
 * module against real headers, inside Linux (tools/kernel-oracle); the
 * two traces must agree line for line. docs/tape.md describes the format.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/netfilter_bridge.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
#include <net/mctp.h>
#endif
#ifdef __KERNEL__
#include <net/net_namespace.h>
#else
#include <linux/fault-inject.h>
#include <linux/workqueue.h>
#include <net/netfilter/br_netfilter.h>
#include <linux/in.h>
#include <asm/byteorder.h>
#include <skbext/adapter.h>
#include <skbext/esp_pkt.h>
#include <linux/tcp.h>
#include <net/tcp.h>
#include <asm/unaligned.h>
#endif

#include "tape.h"

/* More users or holds than this on one slot is refused: it proves nothing. */
#define TAPE_REF_CAP		16
/* States one tape may allocate in all. */
#define TAPE_MAX_STATES		64
/* The longest mapping mptcp_dss sends in one segment (no GSO here). */
#define TAPE_DSS_MAX_PAYLOAD	1400
/*
 * The executor holds this many references on every state it allocates,
 * so that no refcount bug (in the port, or in the kernel) can free a
 * state while the tape still names it. The trace shows refcounts without
 * it, and the end of the tape reports whatever is left over.
 */
#define TAPE_X_BIAS		(1 << 20)

struct tape_xslot {
	struct xfrm_state *x;
	unsigned int refs;	/* references this slot owns */
};

struct tape_ctx {
	struct sk_buff *skb[TAPE_SKB_SLOTS];
	struct tape_xslot xs[TAPE_X_SLOTS];
	struct xfrm_state *states[TAPE_MAX_STATES];
	u32 next_spi;
#ifndef __KERNEL__
	/* one device per driver, made on first use, destroyed at the end */
	struct skbext_adapter *adapter[TAPE_DRV_NUM];
	/* the wire ops: a segment's payload; what answered "rx" last */
	u8 payload[TAPE_DSS_MAX_PAYLOAD];
	const struct sk_buff *rx;
	bool rx_csum_bad;
#endif
	unsigned int flags;
	char *out;
	size_t size;
	size_t pos;
	bool overflow;
};

static const char *const tape_op_names[TAPE_OP_MAX] = {
	[TAPE_OP_ALLOC]			= "alloc",
	[TAPE_OP_ALLOC_FCLONE]		= "alloc_fclone",
	[TAPE_OP_CLONE]			= "clone",
	[TAPE_OP_COPY]			= "copy",
	[TAPE_OP_PSKB_COPY]		= "pskb_copy",
	[TAPE_OP_FREE]			= "free",
	[TAPE_OP_CONSUME]		= "consume",
	[TAPE_OP_GET]			= "get",
	[TAPE_OP_SCRUB]			= "scrub",
	[TAPE_OP_EXT_ADD]		= "ext_add",
	[TAPE_OP_EXT_DEL]		= "ext_del",
	[TAPE_OP_EXT_FIND]		= "ext_find",
	[TAPE_OP_EXT_RESET]		= "ext_reset",
	[TAPE_OP_EXT_COPY]		= "ext_copy",
	[TAPE_OP_SECPATH_SET]		= "secpath_set",
	[TAPE_OP_SECPATH_PUSH]		= "secpath_push",
	[TAPE_OP_SECPATH_RESET]		= "secpath_reset",
	[TAPE_OP_NF_BRIDGE_ALLOC]	= "nf_bridge_alloc",
	[TAPE_OP_MPTCP_MAP]		= "mptcp_map",
	[TAPE_OP_XFRM_ALLOC]		= "xfrm_alloc",
	[TAPE_OP_XFRM_HOLD]		= "xfrm_hold",
	[TAPE_OP_XFRM_PUT]		= "xfrm_put",
	[TAPE_OP_XFRM_DELETE]		= "xfrm_delete",
	[TAPE_OP_FAIL_NTH]		= "fail_nth",
	[TAPE_OP_DRV_ADD]		= "drv_add",
	[TAPE_OP_DRV_DEL]		= "drv_del",
	[TAPE_OP_DRV_RX]		= "drv_rx",
	[TAPE_OP_DRV_TX]		= "drv_tx",
	[TAPE_OP_MPTCP_DSS]		= "mptcp_dss",
	[TAPE_OP_TCP_OPTS]		= "tcp_opts",
};

static const signed char tape_op_nargs[TAPE_OP_MAX] = {
	[TAPE_OP_ALLOC]			= 2,
	[TAPE_OP_ALLOC_FCLONE]		= 2,
	[TAPE_OP_CLONE]			= 2,
	[TAPE_OP_COPY]			= 2,
	[TAPE_OP_PSKB_COPY]		= 2,
	[TAPE_OP_FREE]			= 1,
	[TAPE_OP_CONSUME]		= 1,
	[TAPE_OP_GET]			= 1,
	[TAPE_OP_SCRUB]			= 2,
	[TAPE_OP_EXT_ADD]		= 2,
	[TAPE_OP_EXT_DEL]		= 2,
	[TAPE_OP_EXT_FIND]		= 2,
	[TAPE_OP_EXT_RESET]		= 1,
	[TAPE_OP_EXT_COPY]		= 2,
	[TAPE_OP_SECPATH_SET]		= 1,
	[TAPE_OP_SECPATH_PUSH]		= 2,
	[TAPE_OP_SECPATH_RESET]		= 1,
	[TAPE_OP_NF_BRIDGE_ALLOC]	= 1,
	[TAPE_OP_MPTCP_MAP]		= 5,
	[TAPE_OP_XFRM_ALLOC]		= 1,
	[TAPE_OP_XFRM_HOLD]		= 1,
	[TAPE_OP_XFRM_PUT]		= 1,
	[TAPE_OP_XFRM_DELETE]		= 1,
	[TAPE_OP_FAIL_NTH]		= 1,
	[TAPE_OP_DRV_ADD]		= 3,
	[TAPE_OP_DRV_DEL]		= 2,
	[TAPE_OP_DRV_RX]		= 3,
	[TAPE_OP_DRV_TX]		= 2,
	[TAPE_OP_MPTCP_DSS]		= 3,
	[TAPE_OP_TCP_OPTS]		= 2 + TAPE_TCP_OPTS,
};

static const char *const tape_drv_names[TAPE_DRV_NUM] = {
	[TAPE_DRV_IXGBE]	= "ixgbe",
	[TAPE_DRV_IXGBEVF]	= "ixgbevf",
	[TAPE_DRV_MLX5]		= "mlx5",
	[TAPE_DRV_CHELSIO]	= "chelsio",
	[TAPE_DRV_NETDEVSIM]	= "netdevsim",
};

static const char *const tape_ext_names[TAPE_EXT_NUM] = {
	[TAPE_EXT_BRIDGE_NF]	= "BRIDGE_NF",
	[TAPE_EXT_SEC_PATH]	= "SEC_PATH",
	[TAPE_EXT_TC]		= "TC",
	[TAPE_EXT_MPTCP]	= "MPTCP",
	[TAPE_EXT_MCTP]		= "MCTP",
};

const char *tape_op_name(unsigned int op)
{
	return op < TAPE_OP_MAX ? tape_op_names[op] : NULL;
}

const char *tape_ext_name(unsigned int id)
{
	return id < TAPE_EXT_NUM ? tape_ext_names[id] : NULL;
}

int tape_op_operands(unsigned int op)
{
	return op < TAPE_OP_MAX ? tape_op_nargs[op] : -1;
}

/* The build's id for a canonical tape id, or -1 if the build lacks it. */
static int tape_ext_kernel_id(unsigned int id)
{
	switch (id) {
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	case TAPE_EXT_BRIDGE_NF:
		return SKB_EXT_BRIDGE_NF;
#endif
#ifdef CONFIG_XFRM
	case TAPE_EXT_SEC_PATH:
		return SKB_EXT_SEC_PATH;
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	case TAPE_EXT_TC:
		return TC_SKB_EXT;
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	case TAPE_EXT_MPTCP:
		return SKB_EXT_MPTCP;
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	case TAPE_EXT_MCTP:
		return SKB_EXT_MCTP;
#endif
	default:
		return -1;
	}
}

/* Bytes of extension data a kernel user initialises after adding it. */
static size_t tape_ext_size(unsigned int id)
{
	switch (id) {
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	case TAPE_EXT_BRIDGE_NF:
		return sizeof(struct nf_bridge_info);
#endif
#ifdef CONFIG_XFRM
	case TAPE_EXT_SEC_PATH:
		return sizeof(struct sec_path);
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	case TAPE_EXT_TC:
		return sizeof(struct tc_skb_ext);
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	case TAPE_EXT_MPTCP:
		return sizeof(struct mptcp_ext);
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	case TAPE_EXT_MCTP:
		return sizeof(struct mctp_flow);
#endif
	default:
		return 0;
	}
}

/* tcp_opts: the option bytes its words operand puts in the header */
static inline unsigned int tape_opts_len(u8 words)
{
	return (words & 0x0f) % 11 * 4;
}

/* Whether tape_printf() would still write anything. */
static inline bool tape_tracing(const struct tape_ctx *c)
{
	return c->size && !c->overflow;
}

static __printf(2, 3) void tape_printf(struct tape_ctx *c, const char *fmt, ...)
{
	va_list args;
	int n;

	if (c->overflow || !c->size)
		return;

	va_start(args, fmt);
	n = vsnprintf(c->out + c->pos, c->size - c->pos, fmt, args);
	va_end(args);

	if (n < 0 || (size_t)n >= c->size - c->pos) {
		/* keep what fits, and say that the rest is missing */
		c->overflow = true;
		c->pos = c->size - 1;
		c->out[c->pos] = '\0';
		return;
	}
	c->pos += n;
}

#ifdef __KERNEL__
/*
 * The kernel has no xfrm_input_push_state(): it is the step xfrm_input()
 * takes inline. The module repeats the port's rule: secpath_set() first,
 * then a full path is reset (and the packet dropped by the caller).
 */
static int tape_secpath_push(struct sk_buff *skb, struct xfrm_state *x)
{
	struct sec_path *sp = secpath_set(skb);

	if (!sp)
		return -ENOMEM;
	if (sp->len == XFRM_MAX_DEPTH) {
		secpath_reset(skb);
		return -ENOBUFS;
	}
	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	return 0;
}

/* br_netfilter.h is private to net/bridge in the kernel tree. */
static struct nf_bridge_info *tape_nf_bridge_alloc(struct sk_buff *skb)
{
	struct nf_bridge_info *b = skb_ext_add(skb, SKB_EXT_BRIDGE_NF);

	if (b)
		memset(b, 0, sizeof(*b));
	return b;
}

static struct xfrm_state *tape_xfrm_state_alloc(void)
{
	return xfrm_state_alloc(&init_net);
}
#else
#define tape_secpath_push	xfrm_input_push_state
#define tape_nf_bridge_alloc	nf_bridge_alloc

static struct xfrm_state *tape_xfrm_state_alloc(void)
{
	return xfrm_state_alloc(NULL);
}
#endif

/* Names for the blocks seen in one snapshot, in order of first sight. */
struct tape_blocks {
	const struct skb_ext *ext[TAPE_SKB_SLOTS];
	unsigned int n;
};

static char tape_block_name(struct tape_blocks *b, const struct skb_ext *ext)
{
	unsigned int i;

	for (i = 0; i < b->n; i++)
		if (b->ext[i] == ext)
			return 'A' + i;
	b->ext[b->n] = ext;
	return 'A' + b->n++;
}

struct tape_states {
	struct xfrm_state *x[TAPE_X_SLOTS + TAPE_SKB_SLOTS * XFRM_MAX_DEPTH];
	unsigned int n;
};

static void tape_states_add(struct tape_states *s, struct xfrm_state *x)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (s->x[i] == x)
			return;
	s->x[s->n++] = x;
}

static void tape_trace_skb(struct tape_ctx *c, unsigned int i,
			   struct tape_blocks *blocks, struct tape_states *st)
{
	struct sk_buff *skb = c->skb[i];
	const char *fc = "-";
	unsigned int id;
	bool first = true;

	if (skb->fclone == SKB_FCLONE_ORIG)
		fc = "o";
	else if (skb->fclone == SKB_FCLONE_CLONE)
		fc = "c";

	tape_printf(c, " s%u u%u c%d f%s ext[", i,
		    refcount_read(&skb->users), skb_cloned(skb) ? 1 : 0, fc);
	for (id = 0; id < TAPE_EXT_NUM; id++) {
		int kid = tape_ext_kernel_id(id);

		if (kid < 0 || !skb_ext_exist(skb, (enum skb_ext_id)kid))
			continue;
		tape_printf(c, "%s%s", first ? "" : ",", tape_ext_names[id]);
		first = false;
	}
	tape_printf(c, "]");

	if (!skb->active_extensions)
		return;

	tape_printf(c, " blk%c/%u", tape_block_name(blocks, skb->extensions),
		    refcount_read(&skb->extensions->refcnt));

#ifdef CONFIG_XFRM
	if (secpath_exists(skb)) {
		struct sec_path *sp = skb_sec_path(skb);
		int k;

		tape_printf(c, " sp%d/%d[", sp->len, sp->olen);
		for (k = 0; k < sp->len; k++) {
			tape_printf(c, "%sx%u", k ? "," : "", sp->xvec[k]->id.spi);
			tape_states_add(st, sp->xvec[k]);
		}
		tape_printf(c, "]");
	}
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	if (skb_ext_exist(skb, SKB_EXT_MPTCP)) {
		const struct mptcp_ext *mp = (const struct mptcp_ext *)
			skb_ext_find(skb, SKB_EXT_MPTCP);

		tape_printf(c, " dsn%u", (u32)mp->data_seq);
	}
#endif
}

/* One line: every slot in use, then every state reachable from them. */
static void tape_trace_state(struct tape_ctx *c)
{
	struct tape_blocks blocks = { .n = 0 };
	struct tape_states st = { .n = 0 };
	unsigned int i;

	tape_printf(c, "  |");
	for (i = 0; i < TAPE_X_SLOTS; i++)
		if (c->xs[i].x)
			tape_states_add(&st, c->xs[i].x);
	for (i = 0; i < TAPE_SKB_SLOTS; i++)
		if (c->skb[i])
			tape_trace_skb(c, i, &blocks, &st);
	tape_printf(c, " |");
	for (i = 0; i < st.n; i++)
		tape_printf(c, " x%u r%d%s", st.x[i]->id.spi,
			    (int)refcount_read(&st.x[i]->refcnt) - TAPE_X_BIAS,
			    st.x[i]->km.state == XFRM_STATE_DEAD ? " dead" : "");
	tape_printf(c, "\n");
}

/* Drop one user of slot @s's skb, emptying the slot with the last. */
static void tape_skb_release(struct tape_ctx *c, unsigned int s, bool consume)
{
	struct sk_buff *skb = c->skb[s];
	bool last = refcount_read(&skb->users) == 1;

	if (consume)
		consume_skb(skb);
	else
		kfree_skb(skb);
	if (last)
		c->skb[s] = NULL;
}

/* Drop one reference slot @s owns on its state. */
static void tape_x_release(struct tape_ctx *c, unsigned int s)
{
	struct xfrm_state *x = c->xs[s].x;

	if (!--c->xs[s].refs)
		c->xs[s].x = NULL;
	xfrm_state_put(x);
}

static const char *tape_errname(int err)
{
	switch (err) {
	case 0:
		return "ok";
	case -ENOMEM:
		return "null";
	case -ENOBUFS:
		return "full";
	case -ESRCH:
		return "esrch";
	default:
		return "error";
	}
}

static const char *tape_new_skb(struct tape_ctx *c, unsigned int d,
				struct sk_buff *skb)
{
	if (!skb)
		return "null";
	c->skb[d] = skb;
	return "ok";
}

#ifndef __KERNEL__
/*
 * The drivers' part of the tape (docs/tape.md, "Drivers"). An adapter is
 * set up the way a probe would, with fault injection held off: what the
 * tape injects faults into is the data path and the SA add, not probing.
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

static const char *tape_drv_add(struct skbext_adapter *ad,
				struct xfrm_state *xs, bool in)
{
	int err;

	if (xs->xso.dev || xs->xso.real_dev)
		return "busy";
	/* the stack offloads a state before it is ever deleted */
	if (xs->km.state == XFRM_STATE_DEAD)
		return "refused";

	xs->props.saddr.a4 = htonl(0x0a000001);
	xs->id.daddr.a4 = htonl(0x0a000002);
	if (!xs->aead && skbext_state_set_aead(xs, "rfc4106(gcm(aes))",
					       tape_gcm_key, 160, 128))
		return "null";
	xs->xso.dir = in ? XFRM_DEV_OFFLOAD_IN : XFRM_DEV_OFFLOAD_OUT;

	err = skbext_adapter_state_add(ad, xs);
	switch (err) {
	case 0:
		return xs->xso.dev ? "ok" : "unsupported";
	case -ENOMEM:
		return "null";
	case -ENOSPC:
		return "full";
	default:
		return "error";
	}
}

static const char *tape_drv_rx(struct tape_ctx *c, struct skbext_adapter *ad,
			       unsigned int d, unsigned int s,
			       struct xfrm_state *xs)
{
	struct skbext_rx_desc desc;
	struct sk_buff *skb;
	long h;

	skb = tape_esp_frame(xs);
	if (!skb)
		return "null";
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
		return "offloaded";
	case SKBEXT_RX_PASSED:
		return "passed";
	case SKBEXT_RX_NOT_IPSEC:
		return "not_ipsec";
	case -EOPNOTSUPP:
		return "unsupported";
	default:
		return "error";
	}
}

static const char *tape_drv_tx(struct skbext_adapter *ad, struct xfrm_state *xs)
{
	enum skbext_tx_verdict v;
	struct sk_buff *skb;

	/*
	 * Only a live state offloaded for output to this very device gets
	 * an skb marked for offload (xfrm_output(), validate_xmit_xfrm()).
	 */
	if (xs->xso.dev != skbext_adapter_netdev(ad) ||
	    xs->xso.dir != XFRM_DEV_OFFLOAD_OUT ||
	    xs->km.state == XFRM_STATE_DEAD)
		return "refused";

	skb = tape_esp_frame(xs);
	if (!skb)
		return "null";
	if (skbext_esp_prepare_tx(skb, xs, IPPROTO_TCP)) {
		kfree_skb(skb);
		return "null";
	}
	if (skbext_adapter_xmit(ad, skb, &v) < 0)
		return "error";
	switch (v) {
	case SKBEXT_TX_SENT:
		return "sent";
	case SKBEXT_TX_DROPPED:
		return "dropped";
	default:
		return "busy";
	}
}

static const char *tape_drv_exec(struct tape_ctx *c, unsigned int op,
				 const u8 *a)
{
	unsigned int d = a[0] % TAPE_DRV_NUM;
	unsigned int s = 0, x;
	struct skbext_adapter *ad;
	struct xfrm_state *xs;

	if (c->flags & TAPE_NO_DRIVERS)
		return "unsupported";

	if (op == TAPE_OP_DRV_RX) {
		s = a[1] % TAPE_SKB_SLOTS;
		x = a[2] % TAPE_X_SLOTS;
	} else {
		x = a[1] % TAPE_X_SLOTS;
	}
	xs = c->xs[x].x;
	if (!xs)
		return "empty";
	if (op == TAPE_OP_DRV_RX && c->skb[s])
		return "busy";

	ad = tape_adapter(c, d);
	if (!ad)
		return "null";

	switch (op) {
	case TAPE_OP_DRV_ADD:
		return tape_drv_add(ad, xs, a[2] & 1);
	case TAPE_OP_DRV_DEL:
		return skbext_adapter_state_delete(ad, xs) ? "absent" : "ok";
	case TAPE_OP_DRV_RX:
		return tape_drv_rx(c, ad, d, s, xs);
	default:
		return tape_drv_tx(ad, xs);
	}
}
#else
static const char *tape_drv_exec(struct tape_ctx *c, unsigned int op,
				 const u8 *a)
{
	return "unsupported";
}
#endif

#if !defined(__KERNEL__) && IS_ENABLED(CONFIG_MPTCP)
/*
 * The wire ops (docs/tape.md, "MPTCP on the wire"): a mapping written
 * into a segment's TCP options and parsed back by the receiver, and raw
 * option bytes parsed as a received segment's. The kernel module has no
 * segment builder, so they exist only here.
 */
static const char tape_rx[] = "rx";

/*
 * The answer for the received segment @seg: "none" without a mapping,
 * else "rx", whose fields tape_trace_result() prints after it, and only
 * when there is a trace to print them to.
 */
static const char *tape_rx_answer(struct tape_ctx *c,
				  const struct sk_buff *seg, bool csum_bad)
{
	if (!skb_ext_exist(seg, SKB_EXT_MPTCP))
		return "none";
	c->rx = seg;
	c->rx_csum_bad = csum_bad;
	return tape_rx;
}

/*
 * " = rx" and the mapping the receiver's extension holds, field by field.
 * The receive path stores nothing else (the data ack goes to the msk),
 * so there is nothing else to print.
 */
static void tape_trace_rx(struct tape_ctx *c)
{
	const struct mptcp_ext *mp = (const struct mptcp_ext *)
		skb_ext_find(c->rx, SKB_EXT_MPTCP);

	tape_printf(c, " = %s", tape_rx);
	if (mp->use_map) {
		tape_printf(c, " dsn%u=%llu ssn=%u len=%u%s",
			    mp->dsn64 ? 64 : 32,
			    (unsigned long long)mp->data_seq, mp->subflow_seq,
			    mp->data_len, mp->data_fin ? " fin" : "");
		if (mp->csum_reqd)
			tape_printf(c, " csum=%04x",
				    get_unaligned_be16(&mp->csum));
	}
	tape_printf(c, "%s\n", c->rx_csum_bad ? " csum-bad" : "");
}

/* An ACK segment 10.0.0.1 -> 10.0.0.2 (or 2001:db8::1 -> ::2), port 80. */
static void tape_seg_desc(struct tcp_seg_desc *desc, bool ipv6, u32 seq)
{
	memset(desc, 0, sizeof(*desc));
	desc->ipv6 = ipv6;
	if (ipv6) {
		desc->saddr.v6.s6_addr[0] = 0x20;
		desc->saddr.v6.s6_addr[1] = 0x01;
		desc->saddr.v6.s6_addr[2] = 0x0d;
		desc->saddr.v6.s6_addr[3] = 0xb8;
		desc->daddr.v6 = desc->saddr.v6;
		desc->saddr.v6.s6_addr[15] = 1;
		desc->daddr.v6.s6_addr[15] = 2;
	} else {
		desc->saddr.v4 = htonl(0x0a000001);
		desc->daddr.v4 = htonl(0x0a000002);
	}
	desc->sport = 40000;
	desc->dport = 80;
	desc->seq = seq;
	desc->ack_seq = 1;
	desc->tcp_flags = TCPHDR_ACK;
	desc->window = 65535;
}

/*
 * mptcp_dss d s flags: the segment that sends s's mapping, as received.
 * It shares s's extensions, as a transmit clone does; the connection
 * state in @flags is written into its own copy (COW), and that copy goes
 * into its TCP options. Then only bytes travel: the extensions are
 * dropped and the receiver parses the DSS into a fresh mapping.
 */
static const char *tape_mptcp_dss(struct tape_ctx *c, unsigned int d,
				  struct sk_buff *src, u8 flags)
{
	const struct mptcp_ext *from = (const struct mptcp_ext *)
		skb_ext_find(src, SKB_EXT_MPTCP);
	struct tcp_seg_desc desc;
	unsigned int plen = 0, i;
	struct mptcp_ext *mp;
	struct sk_buff *seg;
	bool fin, csum_bad;
	u16 len;
	int err;

	if (!from)
		return "absent";

	/* the mapping's payload, as the DATA_FIN leaves it */
	fin = from->data_fin;
	len = from->data_len;
	if (from->use_map && (flags & TAPE_DSS_FIN) && !fin) {
		fin = true;
		len++;
	}
	if (from->use_map && len > fin)
		plen = len - fin;
	if (plen > TAPE_DSS_MAX_PAYLOAD)
		return "refused";
	for (i = 0; i < plen; i++)
		c->payload[i] = (u8)(from->data_seq + i);

	tape_seg_desc(&desc, flags & TAPE_DSS_IPV6, from->subflow_seq);
	desc.payload = c->payload;
	desc.payload_len = plen;
	seg = tcp_seg_build(&desc, GFP_ATOMIC);
	if (!seg)
		return "null";

	skb_ext_copy(seg, src);
	mp = (struct mptcp_ext *)skb_ext_add(seg, SKB_EXT_MPTCP);
	if (!mp) {
		kfree_skb(seg);
		return "null";
	}
	mp->csum_reqd = !!(flags & TAPE_DSS_CSUM);
	mp->use_ack = !!(flags & TAPE_DSS_ACK);
	mp->ack64 = !!(flags & TAPE_DSS_ACK64);
	mp->data_ack = ~mp->data_seq;
	mp->data_fin = fin;
	mp->data_len = len;
	err = 0;
	if (mp->csum_reqd && mp->use_map)
		err = mptcp_skb_update_data_csum(seg);
	if (!err)
		err = mptcp_skb_write_dss(seg);

	skb_ext_reset(seg);
	if (err >= 0)
		err = mptcp_skb_parse_dss(seg);
	if (err < 0) {
		kfree_skb(seg);
		return tape_errname(err);
	}
	c->skb[d] = seg;

	mp = (struct mptcp_ext *)skb_ext_find(seg, SKB_EXT_MPTCP);
	csum_bad = mp && mp->use_map && mp->csum_reqd && mp->data_len &&
		   mptcp_skb_validate_data_csum(seg);
	return tape_rx_answer(c, seg, csum_bad);
}

/* tcp_opts d words opts: a received segment with these option bytes. */
static const char *tape_tcp_opts(struct tape_ctx *c, unsigned int d,
				 const u8 *a)
{
	struct tcp_seg_desc desc;
	struct sk_buff *seg;
	int err;

	tape_seg_desc(&desc, false, 1);
	desc.options = a + 2;
	desc.optlen = tape_opts_len(a[1]);
	c->payload[0] = 'x';
	desc.payload = c->payload;
	desc.payload_len = a[1] & TAPE_OPTS_PURE ? 0 : 1;
	seg = tcp_seg_build(&desc, GFP_ATOMIC);
	if (!seg)
		return "null";

	err = mptcp_skb_parse_dss(seg);
	if (err < 0) {
		kfree_skb(seg);
		return tape_errname(err);
	}
	c->skb[d] = seg;
	return tape_rx_answer(c, seg, false);
}

static const char *tape_wire_exec(struct tape_ctx *c, unsigned int op,
				  const u8 *a)
{
	unsigned int d = a[0] % TAPE_SKB_SLOTS;
	struct sk_buff *src;

	if (c->flags & TAPE_NO_WIRE)
		return "unsupported";
	if (op == TAPE_OP_TCP_OPTS)
		return c->skb[d] ? "busy" : tape_tcp_opts(c, d, a);

	src = c->skb[a[1] % TAPE_SKB_SLOTS];
	if (!src)
		return "empty";
	if (c->skb[d])
		return "busy";
	return tape_mptcp_dss(c, d, src, a[2]);
}
#else
static const char *tape_wire_exec(struct tape_ctx *c, unsigned int op,
				  const u8 *a)
{
	return "unsupported";
}
#endif

/* The rest of an op's line: its answer. */
static void tape_trace_result(struct tape_ctx *c, const char *ret)
{
#if !defined(__KERNEL__) && IS_ENABLED(CONFIG_MPTCP)
	if (ret == tape_rx) {
		tape_trace_rx(c);
		return;
	}
#endif
	tape_printf(c, " = %s\n", ret);
}

/* Run one op whose operands are @a; returns the word the trace shows. */
static const char *tape_exec(struct tape_ctx *c, unsigned int op, const u8 *a)
{
	unsigned int s = a[0] % TAPE_SKB_SLOTS;
	unsigned int d = s, x = 0, id = 0;
	struct sk_buff *skb = c->skb[s];
	struct sk_buff *src = NULL;
	int kid = -1;
	void *p;
	int err;

	if (op >= TAPE_OP_MPTCP_DSS)
		return tape_wire_exec(c, op, a);
	if (op >= TAPE_OP_DRV_ADD)
		return tape_drv_exec(c, op, a);

	switch (op) {
	case TAPE_OP_ALLOC:
	case TAPE_OP_ALLOC_FCLONE:
		if (skb)
			return "busy";
		return tape_new_skb(c, d, op == TAPE_OP_ALLOC ?
				    alloc_skb(a[1] * 4u, GFP_ATOMIC) :
				    alloc_skb_fclone(a[1] * 4u, GFP_ATOMIC));

	case TAPE_OP_CLONE:
	case TAPE_OP_COPY:
	case TAPE_OP_PSKB_COPY:
		src = c->skb[a[1] % TAPE_SKB_SLOTS];
		if (!src)
			return "empty";
		if (skb)
			return "busy";
		if (op == TAPE_OP_CLONE)
			return tape_new_skb(c, d, skb_clone(src, GFP_ATOMIC));
		if (op == TAPE_OP_COPY)
			return tape_new_skb(c, d, skb_copy(src, GFP_ATOMIC));
		return tape_new_skb(c, d, pskb_copy(src, GFP_ATOMIC));

	case TAPE_OP_XFRM_ALLOC:
	case TAPE_OP_XFRM_HOLD:
	case TAPE_OP_XFRM_PUT:
	case TAPE_OP_XFRM_DELETE:
		x = a[0] % TAPE_X_SLOTS;
		break;
	case TAPE_OP_FAIL_NTH:
		break;
	default:
		if (!skb)
			return "empty";
		break;
	}

	switch (op) {
	case TAPE_OP_EXT_ADD:
	case TAPE_OP_EXT_DEL:
	case TAPE_OP_EXT_FIND:
		id = a[1] % TAPE_EXT_NUM;
		kid = tape_ext_kernel_id(id);
		if (kid < 0)
			return "unsupported";
		break;
	}

	switch (op) {
	case TAPE_OP_FREE:
	case TAPE_OP_CONSUME:
		tape_skb_release(c, s, op == TAPE_OP_CONSUME);
		return "ok";

	case TAPE_OP_GET:
		if (refcount_read(&skb->users) >= TAPE_REF_CAP)
			return "refused";
		skb_get(skb);
		return "ok";

	case TAPE_OP_SCRUB:
		skb_scrub_packet(skb, a[1] & 1);
		return "ok";

	case TAPE_OP_EXT_ADD: {
		bool had = skb_ext_exist(skb, (enum skb_ext_id)kid);

		p = skb_ext_add(skb, (enum skb_ext_id)kid);
		if (!p)
			return "null";
		/* a new id starts as its kernel users leave it: zeroed */
		if (!had)
			memset(p, 0, tape_ext_size(id));
		return "ok";
	}

	case TAPE_OP_EXT_DEL:
		skb_ext_del(skb, (enum skb_ext_id)kid);
		return "ok";

	case TAPE_OP_EXT_FIND:
		return skb_ext_find(skb, (enum skb_ext_id)kid) ?
			"found" : "absent";

	case TAPE_OP_EXT_RESET:
		skb_ext_reset(skb);
		return "ok";

	case TAPE_OP_EXT_COPY:
		src = c->skb[a[1] % TAPE_SKB_SLOTS];
		if (!src)
			return "empty";
		/* the kernel never copies an skb's extensions onto itself */
		if (src == skb)
			return "refused";
		skb_ext_copy(skb, src);
		return "ok";

#ifdef CONFIG_XFRM
	case TAPE_OP_SECPATH_SET:
		return secpath_set(skb) ? "ok" : "null";

	case TAPE_OP_SECPATH_PUSH:
		x = a[1] % TAPE_X_SLOTS;
		if (!c->xs[x].x)
			return "empty";
		err = tape_secpath_push(skb, c->xs[x].x);
		/* xfrm_input() drops a packet whose path is full */
		if (err == -ENOBUFS)
			tape_skb_release(c, s, false);
		return tape_errname(err);

	case TAPE_OP_SECPATH_RESET:
		secpath_reset(skb);
		return "ok";
#else
	case TAPE_OP_SECPATH_SET:
	case TAPE_OP_SECPATH_PUSH:
	case TAPE_OP_SECPATH_RESET:
		return "unsupported";
#endif

	case TAPE_OP_NF_BRIDGE_ALLOC:
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
		return tape_nf_bridge_alloc(skb) ? "ok" : "null";
#else
		return "unsupported";
#endif

	case TAPE_OP_MPTCP_MAP: {
#if IS_ENABLED(CONFIG_MPTCP)
		struct mptcp_ext *mp = (struct mptcp_ext *)
			skb_ext_add(skb, SKB_EXT_MPTCP);
		u32 dsn = a[1] | a[2] << 8 | a[3] << 16 | (u32)a[4] << 24;

		if (!mp)
			return "null";
		/* MPTCP fills a mapping from scratch, as its option writer does */
		memset(mp, 0, sizeof(*mp));
		mp->data_seq = dsn;
		mp->subflow_seq = dsn & 0xffff;
		mp->data_len = 1400;
		mp->use_map = 1;
		mp->dsn64 = 1;
		return "ok";
#else
		return "unsupported";
#endif
	}

	case TAPE_OP_XFRM_ALLOC: {
		struct xfrm_state *xs;

		if (c->xs[x].x)
			return "busy";
		if (c->next_spi == TAPE_MAX_STATES)
			return "refused";
		xs = tape_xfrm_state_alloc();
		if (!xs)
			return "null";
		refcount_add(TAPE_X_BIAS, &xs->refcnt);
		c->states[c->next_spi] = xs;
		xs->id.spi = ++c->next_spi;
		xs->id.proto = IPPROTO_ESP;
		xs->props.family = AF_INET;
		xs->km.state = XFRM_STATE_VALID;
		c->xs[x].x = xs;
		c->xs[x].refs = 1;
		return "ok";
	}

	case TAPE_OP_XFRM_HOLD:
		if (!c->xs[x].x)
			return "empty";
		if (c->xs[x].refs >= TAPE_REF_CAP)
			return "refused";
		xfrm_state_hold(c->xs[x].x);
		c->xs[x].refs++;
		return "ok";

	case TAPE_OP_XFRM_PUT:
		if (!c->xs[x].x)
			return "empty";
		tape_x_release(c, x);
		return "ok";

	case TAPE_OP_XFRM_DELETE: {
		struct xfrm_state *xs = c->xs[x].x;

		if (!xs)
			return "empty";
		if (xs->km.state == XFRM_STATE_DEAD)
			return tape_errname(xfrm_state_delete(xs));
		/* delete drops the reference xfrm_state_alloc() gave */
		if (!--c->xs[x].refs)
			c->xs[x].x = NULL;
		return tape_errname(xfrm_state_delete(xs));
	}

	case TAPE_OP_FAIL_NTH:
#ifdef __KERNEL__
		return "unsupported";
#else
		if (c->flags & TAPE_NO_FAULTS)
			return "unsupported";
		fail_nth_set(a[0]);
		return "ok";
#endif
	}

	return "unsupported";
}

static void tape_trace_op(struct tape_ctx *c, unsigned int n, unsigned int op,
			  const u8 *a)
{
	tape_printf(c, "#%u %s", n, tape_op_names[op]);

	switch (op) {
	case TAPE_OP_ALLOC:
	case TAPE_OP_ALLOC_FCLONE:
		tape_printf(c, " s%u %u", a[0] % TAPE_SKB_SLOTS, a[1] * 4u);
		break;
	case TAPE_OP_CLONE:
	case TAPE_OP_COPY:
	case TAPE_OP_PSKB_COPY:
	case TAPE_OP_EXT_COPY:
		tape_printf(c, " s%u s%u", a[0] % TAPE_SKB_SLOTS,
			    a[1] % TAPE_SKB_SLOTS);
		break;
	case TAPE_OP_SCRUB:
		tape_printf(c, " s%u %u", a[0] % TAPE_SKB_SLOTS, a[1] & 1);
		break;
	case TAPE_OP_EXT_ADD:
	case TAPE_OP_EXT_DEL:
	case TAPE_OP_EXT_FIND:
		tape_printf(c, " s%u %s", a[0] % TAPE_SKB_SLOTS,
			    tape_ext_names[a[1] % TAPE_EXT_NUM]);
		break;
	case TAPE_OP_SECPATH_PUSH:
		tape_printf(c, " s%u x%u", a[0] % TAPE_SKB_SLOTS,
			    a[1] % TAPE_X_SLOTS);
		break;
	case TAPE_OP_MPTCP_MAP:
		tape_printf(c, " s%u %u", a[0] % TAPE_SKB_SLOTS,
			    a[1] | a[2] << 8 | a[3] << 16 | (u32)a[4] << 24);
		break;
	case TAPE_OP_XFRM_ALLOC:
	case TAPE_OP_XFRM_HOLD:
	case TAPE_OP_XFRM_PUT:
	case TAPE_OP_XFRM_DELETE:
		tape_printf(c, " x%u", a[0] % TAPE_X_SLOTS);
		break;
	case TAPE_OP_FAIL_NTH:
		tape_printf(c, " %u", a[0]);
		break;
	case TAPE_OP_DRV_ADD:
		tape_printf(c, " %s x%u %s", tape_drv_names[a[0] % TAPE_DRV_NUM],
			    a[1] % TAPE_X_SLOTS, a[2] & 1 ? "in" : "out");
		break;
	case TAPE_OP_DRV_DEL:
	case TAPE_OP_DRV_TX:
		tape_printf(c, " %s x%u", tape_drv_names[a[0] % TAPE_DRV_NUM],
			    a[1] % TAPE_X_SLOTS);
		break;
	case TAPE_OP_DRV_RX:
		tape_printf(c, " %s s%u x%u", tape_drv_names[a[0] % TAPE_DRV_NUM],
			    a[1] % TAPE_SKB_SLOTS, a[2] % TAPE_X_SLOTS);
		break;
	case TAPE_OP_MPTCP_DSS:
		tape_printf(c, " s%u s%u %u", a[0] % TAPE_SKB_SLOTS,
			    a[1] % TAPE_SKB_SLOTS, a[2]);
		break;
	case TAPE_OP_TCP_OPTS: {
		unsigned int k, len = tape_opts_len(a[1]);

		tape_printf(c, " s%u %s %s", a[0] % TAPE_SKB_SLOTS,
			    a[1] & TAPE_OPTS_PURE ? "pure" : "data",
			    len ? "" : "-");
		for (k = 0; k < len; k++)
			tape_printf(c, "%02x", a[2 + k]);
		break;
	}
	default:
		tape_printf(c, " s%u", a[0] % TAPE_SKB_SLOTS);
		break;
	}
}

/*
 * Release whatever the tape left in its slots, skbs first, then the
 * states' slot references. Every state should then hold only the
 * executor's bias: anything else is reported (a leak or an extra put)
 * before the state is retired the way the kernel's error paths retire
 * one (marked dead, then put).
 */
static void tape_release_all(struct tape_ctx *c)
{
	unsigned int i;

	for (i = 0; i < TAPE_SKB_SLOTS; i++)
		while (c->skb[i])
			tape_skb_release(c, i, false);

#ifndef __KERNEL__
	/* every device lets go of its states, as on unregister */
	for (i = 0; i < TAPE_DRV_NUM; i++) {
		skbext_adapter_destroy(c->adapter[i]);
		c->adapter[i] = NULL;
	}
#endif

	for (i = 0; i < TAPE_X_SLOTS; i++)
		while (c->xs[i].x)
			tape_x_release(c, i);

	for (i = 0; i < c->next_spi; i++) {
		struct xfrm_state *xs = c->states[i];
		int left = (int)refcount_read(&xs->refcnt) - TAPE_X_BIAS;

		if (left)
			tape_printf(c, "x%u %s %d\n", xs->id.spi,
				    left > 0 ? "leaked" : "overput",
				    left > 0 ? left : -left);
		xs->km.state = XFRM_STATE_DEAD;
		refcount_set(&xs->refcnt, 1);
		xfrm_state_put(xs);
	}
}

int tape_run(const u8 *tape, size_t len, char *trace, size_t trace_size,
	     unsigned int flags, struct tape_result *res)
{
	struct tape_ctx c;
	size_t pos = 0;

	memset(&c, 0, sizeof(c));
	memset(res, 0, sizeof(*res));
	c.flags = flags;
	c.out = trace;
	c.size = trace_size;
	if (trace_size)
		trace[0] = '\0';

	while (pos < len) {
		unsigned int op = tape[pos];
		const char *ret;
		int nargs;

		if (op >= TAPE_OP_MAX) {
			res->skipped++;
			pos++;
			continue;
		}
		nargs = tape_op_nargs[op];
		if (pos + 1 + nargs > len) {
			res->truncated = true;
			break;
		}

		/*
		 * Batch runs (no trace buffer, or a full one) skip the calls:
		 * tape_printf() would write nothing, but its varargs entry
		 * costs as much as a cheap op.
		 */
		if (tape_tracing(&c))
			tape_trace_op(&c, res->ops, op, tape + pos + 1);
		ret = tape_exec(&c, op, tape + pos + 1);
		if (tape_tracing(&c))
			tape_trace_result(&c, ret);
		if (flags & TAPE_TRACE_STATE)
			tape_trace_state(&c);

		res->ops++;
		pos += 1 + nargs;
	}

#ifndef __KERNEL__
	/* an armed fault must not outlive the tape */
	if (!(flags & TAPE_NO_FAULTS))
		fail_nth_set(0);
#endif
	tape_release_all(&c);
#ifndef __KERNEL__
	/*
	 * The states put last are queued for the xfrm GC work; the kernel
	 * runs it soon after, here it runs now, so the tape ends clean.
	 */
	flush_scheduled_work();
#endif
	tape_printf(&c, "end ops=%u skipped=%u%s\n", res->ops, res->skipped,
		    res->truncated ? " truncated" : "");

	res->overflow = c.overflow;
	res->trace_len = c.pos;
	return 0;
}
