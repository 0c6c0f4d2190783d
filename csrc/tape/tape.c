// SPDX-License-Identifier: GPL-2.0-only
/*
 * The op-tape executor's core. It calls nothing but the kernel's skb,
 * extension and xfrm API, so the very same file runs in the addon and,
 * built as a module against real headers, inside Linux
 * (tools/kernel-oracle); the two traces must agree line for line. The
 * ops the kernel module lacks live in tape_drv.c and tape_wire.c.
 * docs/tape.md describes the format.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/skbuff.h>
#include <linux/netfilter_bridge.h>
#include <linux/err.h>
#include <linux/if_ether.h>
#include <linux/ip.h>
#include <linux/mm.h>
#include <net/ip.h>
#include <net/xfrm.h>
#include <net/mptcp.h>
#include <net/tcp.h>
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
#include <net/mctp.h>
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
#include <net/pkt_cls.h>
#endif
#include <net/tcp.h>
#ifdef __KERNEL__
#include <net/net_namespace.h>
#else
#include <linux/fault-inject.h>
#include <linux/workqueue.h>
#include <net/esp.h>
#include <net/netfilter/br_netfilter.h>
#endif

#include "tape_internal.h"

/* More users or holds than this on one slot is refused: it proves nothing. */
#define TAPE_REF_CAP		16
/*
 * The executor holds this many references on every state it allocates,
 * so that no refcount bug (in the port, or in the kernel) can free a
 * state while the tape still names it. The trace shows refcounts without
 * it, and the end of the tape reports whatever is left over.
 */
#define TAPE_X_BIAS		(1 << 20)

/* Operand kinds: the name the text form uses. */
static const char *const tape_arg_names[TAPE_ARG_KINDS] = {
	[TAPE_ARG_SKB]		= "skb",
	[TAPE_ARG_X]		= "x",
	[TAPE_ARG_SIZE]		= "size",
	[TAPE_ARG_BIT]		= "bit",
	[TAPE_ARG_EXT]		= "ext",
	[TAPE_ARG_BYTE]		= "byte",
	[TAPE_ARG_U32]		= "u32",
	[TAPE_ARG_DRV]		= "drv",
	[TAPE_ARG_DIR]		= "dir",
	[TAPE_ARG_OPTLEN]	= "optlen",
	[TAPE_ARG_OPTS]		= "opts",
};

static const char *const tape_res_names[TAPE_R_NUM] = {
	[TAPE_R_OK]		= "ok",
	[TAPE_R_NULL]		= "null",
	[TAPE_R_EMPTY]		= "empty",
	[TAPE_R_BUSY]		= "busy",
	[TAPE_R_FOUND]		= "found",
	[TAPE_R_ABSENT]		= "absent",
	[TAPE_R_FULL]		= "full",
	[TAPE_R_ESRCH]		= "esrch",
	[TAPE_R_REFUSED]	= "refused",
	[TAPE_R_UNSUPPORTED]	= "unsupported",
	[TAPE_R_ERROR]		= "error",
	[TAPE_R_OFFLOADED]	= "offloaded",
	[TAPE_R_PASSED]		= "passed",
	[TAPE_R_NOT_IPSEC]	= "not_ipsec",
	[TAPE_R_SENT]		= "sent",
	[TAPE_R_DROPPED]	= "dropped",
	[TAPE_R_NONE]		= "none",
	[TAPE_R_RX]		= "rx",
	[TAPE_R_SEGS]		= "segs",
	[TAPE_R_DIFFER]		= "differ",
	[TAPE_R_KEPT]		= "kept",
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

const char *tape_arg_name(unsigned int kind)
{
	return kind < TAPE_ARG_KINDS ? tape_arg_names[kind] : NULL;
}

unsigned int tape_arg_bytes(unsigned int kind)
{
	return kind < TAPE_ARG_KINDS ? TAPE_ARG_BYTES(kind) : 0;
}

const char *tape_res_name(unsigned int res)
{
	return res < TAPE_R_NUM ? tape_res_names[res] : NULL;
}

const char *tape_ext_name(unsigned int id)
{
	return id < TAPE_EXT_NUM ? tape_ext_names[id] : NULL;
}

const char *tape_drv_name(unsigned int drv)
{
	return drv < TAPE_DRV_NUM ? tape_drv_names[drv] : NULL;
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

/*
 * Appends @len bytes to the trace, NUL-terminated as vsnprintf() leaves
 * it. What does not fit is cut, and the trace marked as overflowed.
 */
static bool tape_put(struct tape_ctx *c, const char *s, size_t len)
{
	size_t room = c->size - c->pos - 1;

	if (len > room) {
		memcpy(c->out + c->pos, s, room);
		c->overflow = true;
		c->pos = c->size - 1;
		c->out[c->pos] = '\0';
		return false;
	}
	memcpy(c->out + c->pos, s, len);
	c->pos += len;
	c->out[c->pos] = '\0';
	return true;
}

/* The conversions tape_fmt() does itself: %u %d %s %c %02x and %%. */
static bool tape_fmt_simple(const char *fmt)
{
	for (fmt = strchr(fmt, '%'); fmt; fmt = strchr(fmt + 1, '%')) {
		if (fmt[1] == '0' && fmt[2] == '2' && fmt[3] == 'x')
			fmt += 3;
		else if (fmt[1] && strchr("udsc%", fmt[1]))
			fmt++;
		else
			return false;
	}
	return true;
}

/* @v in base @base, at least @min digits, ending at @end: the first digit. */
static char *tape_digits(char *end, unsigned int v, unsigned int base,
			 unsigned int min)
{
	char *p = end;

	do {
		*--p = "0123456789abcdef"[v % base];
		v /= base;
	} while (v || end - p < (long)min);
	return p;
}

/*
 * vsnprintf() for the conversions a trace uses: a state line is printed
 * after every op of every tape a fuzzer runs, and the C library's
 * general path costs more than the op. The output is vsnprintf()'s.
 */
static void tape_fmt(struct tape_ctx *c, const char *fmt, va_list args)
{
	char num[16], *end = num + sizeof(num), *q;
	const char *p = fmt, *s;
	unsigned int u;
	size_t len;
	int d;

	while (*p) {
		if (*p != '%') {
			s = strchr(p, '%');
			len = s ? (size_t)(s - p) : strlen(p);
			if (!tape_put(c, p, len))
				return;
			p += len;
			continue;
		}
		switch (p[1]) {
		case 'u':
			q = tape_digits(end, va_arg(args, unsigned int), 10, 1);
			break;
		case 'd':
			d = va_arg(args, int);
			u = d < 0 ? 0u - (unsigned int)d : (unsigned int)d;
			q = tape_digits(end, u, 10, 1);
			if (d < 0)
				*--q = '-';
			break;
		case 'c':
			q = end - 1;
			*q = (char)va_arg(args, int);
			break;
		case '0':	/* %02x */
			q = tape_digits(end, va_arg(args, unsigned int), 16, 2);
			p += 2;
			break;
		case 's':
			s = va_arg(args, const char *);
			if (!s)
				s = "(null)";
			p += 2;
			if (!tape_put(c, s, strlen(s)))
				return;
			continue;
		default:	/* %% */
			q = end - 1;
			*q = '%';
			break;
		}
		p += 2;
		if (!tape_put(c, q, end - q))
			return;
	}
}

static __printf(2, 3) void tape_printf(struct tape_ctx *c, const char *fmt, ...)
{
	va_list args;
	int n;

	if (c->overflow || !c->size)
		return;

	va_start(args, fmt);
	if (tape_fmt_simple(fmt)) {
		tape_fmt(c, fmt, args);
		va_end(args);
		return;
	}
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

/* " oA,B c20": offset[] of each active id, in the ext[] order, and chunks. */
static void tape_trace_offsets(struct tape_ctx *c, const struct sk_buff *skb)
{
	const struct skb_ext *ext = skb->extensions;
	bool first = true;
	unsigned int id;

	tape_printf(c, " o");
	for (id = 0; id < TAPE_EXT_NUM; id++) {
		int kid = tape_ext_kernel_id(id);

		if (kid < 0 || !skb_ext_exist(skb, (enum skb_ext_id)kid))
			continue;
		tape_printf(c, "%s%u", first ? "" : ",", ext->offset[kid]);
		first = false;
	}
	tape_printf(c, " c%u", ext->chunks);
}
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
#ifndef __KERNEL__
/* The number the trace gives @key: 1, 2... in the order mctp_flow made them. */
static unsigned int tape_key_number(const struct tape_ctx *c,
				    const struct mctp_sk_key *key)
{
	unsigned int i;

	for (i = 0; i < c->nkeys; i++)
		if (c->keys[i] == key)
			return i + 1;
	return 0;
}
#endif

/* " flowkN/R": the flow's key and its references beyond the executor's. */
static void tape_trace_flow(struct tape_ctx *c, const struct mctp_sk_key *key)
{
	if (!key) {
		tape_printf(c, " flow-");
		return;
	}
#ifdef __KERNEL__
	/* no op of the module's sets a key */
	tape_printf(c, " flow?");
#else
	tape_printf(c, " flowk%u/%d", tape_key_number(c, key),
		    (int)refcount_read(&key->refs) - TAPE_KEY_BIAS);
#endif
}
#endif

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

	/* the ids stay set, but the reference is gone: nothing to follow */
	if (c->released & BIT(i)) {
		tape_printf(c, " released");
		return;
	}
	if (!skb->active_extensions) {
		if (skb->extensions)
			tape_printf(c, " stale");
		return;
	}

	tape_printf(c, " blk%c/%u", tape_block_name(blocks, skb->extensions),
		    refcount_read(&skb->extensions->refcnt));
	tape_trace_offsets(c, skb);

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
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	if (skb_ext_exist(skb, TC_SKB_EXT)) {
		const struct tc_skb_ext *tc = skb_ext_find(skb, TC_SKB_EXT);

		tape_printf(c, " tc%u/%u", tc->chain, tc->zone);
	}
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	if (skb_ext_exist(skb, SKB_EXT_MCTP)) {
		const struct mctp_flow *flow = skb_ext_find(skb, SKB_EXT_MCTP);

		tape_trace_flow(c, flow->key);
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

#ifndef __KERNEL__
	/* its head state is gone: freed as udp frees such skbs */
	if (c->released & BIT(s)) {
		if (skb_unref(skb))
			__consume_stateless_skb(skb);
		if (last) {
			c->skb[s] = NULL;
			c->released &= ~BIT(s);
		}
		return;
	}
#endif
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

enum tape_res tape_errno_res(int err)
{
	switch (err) {
	case 0:
		return TAPE_R_OK;
	case -ENOMEM:
		return TAPE_R_NULL;
	case -ENOBUFS:
		return TAPE_R_FULL;
	case -ESRCH:
		return TAPE_R_ESRCH;
	default:
		return TAPE_R_ERROR;
	}
}

/*
 * The core ops, one handler each; tape_ops[] below names them. @a is
 * the op's operand bytes, as many as its descriptor's kinds take.
 */

/* An op that makes a new skb in the empty slot @a[0]. */
static enum tape_res tape_new_skb(struct tape_ctx *c, u8 d,
				  struct sk_buff *skb)
{
	if (!skb)
		return TAPE_R_NULL;
	/*
	 * 6.1 leaves extensions undefined while no id is active (the slab's
	 * old contents); the port starts it NULL. Both builds set it so, so
	 * that the trace's "stale" is a pointer an op left behind.
	 */
	if (!skb->active_extensions)
		skb->extensions = NULL;
	c->skb[d % TAPE_SKB_SLOTS] = skb;
	c->opaque &= ~BIT(d % TAPE_SKB_SLOTS);
	return TAPE_R_OK;
}

static enum tape_res tape_alloc(struct tape_ctx *c, const u8 *a)
{
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	return tape_new_skb(c, a[0], alloc_skb(a[1] * 4u, GFP_ATOMIC));
}

static enum tape_res tape_alloc_fclone(struct tape_ctx *c, const u8 *a)
{
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	return tape_new_skb(c, a[0], alloc_skb_fclone(a[1] * 4u, GFP_ATOMIC));
}

/* clone, copy and pskb_copy d s: a new skb from s, into empty slot d. */
static __always_inline enum tape_res tape_dup(struct tape_ctx *c, const u8 *a,
			      struct sk_buff *(*dup)(struct sk_buff *, gfp_t))
{
	struct sk_buff *src = tape_skb(c, a[1]);
	enum tape_res r;

	if (!src)
		return TAPE_R_EMPTY;
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	r = tape_new_skb(c, a[0], dup(src, GFP_ATOMIC));
	/* a copy of a packet the model does not follow is one too */
	if (r == TAPE_R_OK && tape_opaque(c, a[1]))
		c->opaque |= BIT(a[0] % TAPE_SKB_SLOTS);
	return r;
}

static struct sk_buff *tape_skb_copy(struct sk_buff *skb, gfp_t gfp)
{
	return skb_copy(skb, gfp);
}

static struct sk_buff *tape_pskb_copy(struct sk_buff *skb, gfp_t gfp)
{
	return pskb_copy(skb, gfp);
}

static enum tape_res tape_clone(struct tape_ctx *c, const u8 *a)
{
	return tape_dup(c, a, skb_clone);
}

static enum tape_res tape_copy(struct tape_ctx *c, const u8 *a)
{
	return tape_dup(c, a, tape_skb_copy);
}

static enum tape_res tape_pskb_copy_op(struct tape_ctx *c, const u8 *a)
{
	return tape_dup(c, a, tape_pskb_copy);
}

static enum tape_res tape_free(struct tape_ctx *c, const u8 *a)
{
	if (!tape_skb(c, a[0]))
		return TAPE_R_EMPTY;
	tape_skb_release(c, a[0] % TAPE_SKB_SLOTS, false);
	return TAPE_R_OK;
}

static enum tape_res tape_consume(struct tape_ctx *c, const u8 *a)
{
	if (!tape_skb(c, a[0]))
		return TAPE_R_EMPTY;
	tape_skb_release(c, a[0] % TAPE_SKB_SLOTS, true);
	return TAPE_R_OK;
}

static enum tape_res tape_get(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
	if (refcount_read(&skb->users) >= TAPE_REF_CAP)
		return TAPE_R_REFUSED;
	skb_get(skb);
	return TAPE_R_OK;
}

static enum tape_res tape_scrub(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
	skb_scrub_packet(skb, a[1] & 1);
	return TAPE_R_OK;
}

/*
 * ext_add, ext_del, ext_find s id: the skb, and the build's id for the
 * canonical id, or the answer if there is none.
 */
static enum tape_res tape_ext_op(struct tape_ctx *c, const u8 *a,
				 struct sk_buff **skb, int *kid)
{
	*skb = tape_skb(c, a[0]);
	if (!*skb)
		return TAPE_R_EMPTY;
	*kid = tape_ext_kernel_id(a[1] % TAPE_EXT_NUM);
	return *kid < 0 ? TAPE_R_UNSUPPORTED : TAPE_R_OK;
}

static enum tape_res tape_ext_add(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb;
	enum tape_res r;
	bool had;
	void *p;
	int kid;

	r = tape_ext_op(c, a, &skb, &kid);
	if (r != TAPE_R_OK)
		return r;
	had = skb_ext_exist(skb, (enum skb_ext_id)kid);
	p = skb_ext_add(skb, (enum skb_ext_id)kid);
	if (!p)
		return TAPE_R_NULL;
	/* a new id starts as its kernel users leave it: zeroed */
	if (!had)
		memset(p, 0, tape_ext_size(a[1] % TAPE_EXT_NUM));
	return TAPE_R_OK;
}

static enum tape_res tape_ext_del(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb;
	enum tape_res r;
	int kid;

	r = tape_ext_op(c, a, &skb, &kid);
	if (r != TAPE_R_OK)
		return r;
	skb_ext_del(skb, (enum skb_ext_id)kid);
	return TAPE_R_OK;
}

static enum tape_res tape_ext_find(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb;
	enum tape_res r;
	int kid;

	r = tape_ext_op(c, a, &skb, &kid);
	if (r != TAPE_R_OK)
		return r;
	return skb_ext_find(skb, (enum skb_ext_id)kid) ?
		TAPE_R_FOUND : TAPE_R_ABSENT;
}

static enum tape_res tape_ext_reset(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
	skb_ext_reset(skb);
	return TAPE_R_OK;
}

static enum tape_res tape_ext_copy(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]), *src;

	if (!skb)
		return TAPE_R_EMPTY;
	src = tape_skb(c, a[1]);
	if (!src)
		return TAPE_R_EMPTY;
	/* the kernel never copies an skb's extensions onto itself */
	if (src == skb)
		return TAPE_R_REFUSED;
	skb_ext_copy(skb, src);
	return TAPE_R_OK;
}

static enum tape_res tape_secpath_set(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
#ifdef CONFIG_XFRM
	return secpath_set(skb) ? TAPE_R_OK : TAPE_R_NULL;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

static enum tape_res tape_secpath_push_op(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
#ifdef CONFIG_XFRM
	struct xfrm_state *x;
	int err;
#endif

	if (!skb)
		return TAPE_R_EMPTY;
#ifdef CONFIG_XFRM
	x = c->xs[a[1] % TAPE_X_SLOTS].x;
	if (!x)
		return TAPE_R_EMPTY;
	err = tape_secpath_push(skb, x);
	/* xfrm_input() drops a packet whose path is full */
	if (err == -ENOBUFS)
		tape_skb_release(c, a[0] % TAPE_SKB_SLOTS, false);
	return tape_errno_res(err);
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

static enum tape_res tape_secpath_reset(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
#ifdef CONFIG_XFRM
	secpath_reset(skb);
	return TAPE_R_OK;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

/* A segment the TCP receive path queues to a socket: tcp_cleanup_skb(). */
static enum tape_res tape_tcp_cleanup(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
	tcp_cleanup_skb(skb);
	return TAPE_R_OK;
}

static enum tape_res tape_nf_bridge(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	return tape_nf_bridge_alloc(skb) ? TAPE_R_OK : TAPE_R_NULL;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

static enum tape_res tape_mptcp_map(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
#if IS_ENABLED(CONFIG_MPTCP)
	struct mptcp_ext *mp;
	u32 dsn = a[1] | a[2] << 8 | a[3] << 16 | (u32)a[4] << 24;
#endif

	if (!skb)
		return TAPE_R_EMPTY;
#if IS_ENABLED(CONFIG_MPTCP)
	mp = (struct mptcp_ext *)skb_ext_add(skb, SKB_EXT_MPTCP);
	if (!mp)
		return TAPE_R_NULL;
	/* MPTCP fills a mapping from scratch, as its option writer does */
	memset(mp, 0, sizeof(*mp));
	mp->data_seq = dsn;
	mp->subflow_seq = dsn & 0xffff;
	mp->data_len = 1400;
	mp->use_map = 1;
	mp->dsn64 = 1;
	return TAPE_R_OK;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

static enum tape_res tape_xfrm_alloc(struct tape_ctx *c, const u8 *a)
{
	struct tape_xslot *xs = &c->xs[a[0] % TAPE_X_SLOTS];
	struct xfrm_state *x;

	if (xs->x)
		return TAPE_R_BUSY;
	if (c->next_spi == TAPE_MAX_STATES)
		return TAPE_R_REFUSED;
	x = tape_xfrm_state_alloc();
	if (!x)
		return TAPE_R_NULL;
	refcount_add(TAPE_X_BIAS, &x->refcnt);
	c->states[c->next_spi] = x;
	x->id.spi = ++c->next_spi;
	x->id.proto = IPPROTO_ESP;
	x->props.family = AF_INET;
	x->km.state = XFRM_STATE_VALID;
	xs->x = x;
	xs->refs = 1;
	return TAPE_R_OK;
}

static enum tape_res tape_xfrm_hold(struct tape_ctx *c, const u8 *a)
{
	struct tape_xslot *xs = &c->xs[a[0] % TAPE_X_SLOTS];

	if (!xs->x)
		return TAPE_R_EMPTY;
	if (xs->refs >= TAPE_REF_CAP)
		return TAPE_R_REFUSED;
	xfrm_state_hold(xs->x);
	xs->refs++;
	return TAPE_R_OK;
}

static enum tape_res tape_xfrm_put(struct tape_ctx *c, const u8 *a)
{
	unsigned int x = a[0] % TAPE_X_SLOTS;

	if (!c->xs[x].x)
		return TAPE_R_EMPTY;
	tape_x_release(c, x);
	return TAPE_R_OK;
}

static enum tape_res tape_xfrm_delete(struct tape_ctx *c, const u8 *a)
{
	struct tape_xslot *xs = &c->xs[a[0] % TAPE_X_SLOTS];
	struct xfrm_state *x = xs->x;

	if (!x)
		return TAPE_R_EMPTY;
	if (x->km.state == XFRM_STATE_DEAD)
		return tape_errno_res(xfrm_state_delete(x));
	/* delete drops the reference xfrm_state_alloc() gave */
	if (!--xs->refs)
		xs->x = NULL;
	return tape_errno_res(xfrm_state_delete(x));
}

/* nf_reset_ct(): the conntrack reference goes; the extensions stay. */
static enum tape_res tape_nf_reset_ct(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);

	if (!skb)
		return TAPE_R_EMPTY;
	nf_reset_ct(skb);
	return TAPE_R_OK;
}

/*
 * Packets that get cut up: a GSO packet with page frags, its segments
 * (skb_segment()), IPv4 fragments (ip_frag_init()/ip_frag_next()) and
 * the ESP offload steps around them. docs/tape.md has the rules.
 */

/* Ethernet, IPv4 and TCP headers in front of a GSO packet's payload. */
#define TAPE_GSO_HDR		(ETH_HLEN + 20 + 20)
#define TAPE_IP_HLEN		20
/* NET_IP_ALIGN, which x86 defines as 0 for drivers: the tape's own choice */
#define TAPE_IP_ALIGN		2
/* LL_RESERVED_SPACE() of an Ethernet device */
#define TAPE_FRAG_LL_RS		16
/* the device the tape's packets go to: scatter-gather, checksums, ESP */
#define TAPE_GSO_FEATURES	(NETIF_F_SG | NETIF_F_HW_CSUM |		\
				 NETIF_F_HW_ESP | NETIF_F_HW_ESP_TX_CSUM)

#ifdef __KERNEL__
/*
 * esp4_gso_segment(), xfrm_output()'s offload step and esp_xmit() are
 * not callable from a module (static, or behind a route and a device).
 * The module repeats the port's steps with the kernel's own skb and
 * extension calls, as tape_secpath_push() does for xfrm_input().
 */
static struct sk_buff *tape_esp_gso_segment(struct sk_buff *skb,
					    netdev_features_t features)
{
	struct xfrm_offload *xo = xfrm_offload(skb);

	if (!xo)
		return ERR_PTR(-EINVAL);
	skb->encap_hdr_csum = 1;
	xo->flags |= XFRM_GSO_SEGMENT;
	return skb_segment(skb, features);
}

static int tape_xfrm_output_offload(struct sk_buff *skb, struct xfrm_state *x)
{
	struct sec_path *sp;

	secpath_reset(skb);
	sp = secpath_set(skb);
	if (!sp) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	xfrm_state_hold(x);
	sp->xvec[sp->len++] = x;
	sp->olen++;
	skb->encapsulation = 1;
	if (skb_is_gso(skb))
		skb_shinfo(skb)->gso_type |= SKB_GSO_ESP;
	return 0;
}

/* validate_xmit_xfrm() and esp_xmit() for one packet with offload state */
static int tape_esp_xmit(struct sk_buff *skb)
{
	struct xfrm_offload *xo = xfrm_offload(skb);
	u32 seq = xo->seq.low;

	if (xo->flags & XFRM_XMIT)
		return 0;
	xo->flags |= XFRM_DEV_RESUME;
	if (xo->flags & XFRM_GSO_SEGMENT)
		xo->seq.low += skb_is_gso(skb) ? skb_shinfo(skb)->gso_segs : 1;
	if (xo->seq.low < seq)
		xo->seq.hi++;
	if (!skb_ext_add(skb, SKB_EXT_SEC_PATH)) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	xo = xfrm_offload(skb);
	xo->flags |= XFRM_XMIT;
	skb_push(skb, skb->data - skb_mac_header(skb));
	return 0;
}
#else
#define tape_esp_gso_segment		esp4_gso_segment
#define tape_xfrm_output_offload	xfrm_output_offload

static int tape_esp_xmit(struct sk_buff *skb)
{
	bool again;

	return validate_xmit_xfrm(skb, TAPE_GSO_FEATURES, &again) ? 0 : -ENOMEM;
}
#endif

/* Byte i of a GSO packet's payload. */
static void tape_payload(u8 *p, unsigned int len, unsigned int from)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		p[i] = (u8)(from + i);
}

static void tape_gso_headers(u8 *p)
{
	static const u8 hdr[TAPE_GSO_HDR] = {
		/* Ethernet: 02:..:01 to 02:..:02, IPv4 */
		2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00,
		/* IPv4: no options, no fragment bits, TTL 64, TCP, 10.0.0.1 to .2 */
		0x45, 0, 0, 0, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		/* TCP: port 40000 to 80, data offset 5 */
		0x9c, 0x40, 0, 80, 0, 0, 0, 0, 0, 0, 0, 0, 0x50, 0x10, 0, 0,
		0, 0, 0, 0,
	};

	memcpy(p, hdr, sizeof(hdr));
}

/*
 * alloc_gso s shape mss: a TCP/IPv4 GSO packet with skb->data at its
 * payload: (shape >> 5) * 64 payload bytes in the linear part, then
 * (shape & 7) page frags of 128 << ((shape >> 3) & 3) bytes each.
 */
static enum tape_res tape_alloc_gso(struct tape_ctx *c, const u8 *a)
{
	unsigned int linear = (a[1] >> 5) * 64u, nfrags = a[1] & 7;
	unsigned int fsize = 128u << ((a[1] >> 3) & 3), mss = a[2] * 4u;
	struct skb_shared_info *shinfo;
	struct sk_buff *skb;
	unsigned int i;

	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	if (!mss)
		return TAPE_R_REFUSED;
	skb = alloc_skb(TAPE_IP_ALIGN + TAPE_GSO_HDR + linear, GFP_ATOMIC);
	if (!skb)
		return TAPE_R_NULL;

	/* the IP header after Ethernet on a 4-byte boundary, as drivers do */
	skb_reserve(skb, TAPE_IP_ALIGN);
	tape_gso_headers(skb_put(skb, TAPE_GSO_HDR));
	tape_payload(skb_put(skb, linear), linear, 0);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb_set_transport_header(skb, ETH_HLEN + TAPE_IP_HLEN);
	skb->mac_len = ETH_HLEN;
	skb->protocol = htons(ETH_P_IP);
	__skb_pull(skb, TAPE_GSO_HDR);

	for (i = 0; i < nfrags; i++) {
		struct page *page = alloc_page(GFP_ATOMIC);

		if (!page) {
			/* the frags filled in so far go with it */
			kfree_skb(skb);
			return TAPE_R_NULL;
		}
		tape_payload(page_address(page), fsize, linear + i * fsize);
		skb_fill_page_desc(skb, i, page, 0, fsize);
		skb->len += fsize;
		skb->data_len += fsize;
		skb->truesize += PAGE_SIZE;
	}

	shinfo = skb_shinfo(skb);
	shinfo->gso_size = mss;
	shinfo->gso_type = SKB_GSO_TCPV4;
	shinfo->gso_segs = DIV_ROUND_UP(skb->len, mss);
	return tape_new_skb(c, a[0], skb);
}

/* Slots d, d+1 ... for @n new packets: all empty, and no more than there are. */
static enum tape_res tape_slots_for(const struct tape_ctx *c, u8 d,
				    unsigned int n)
{
	unsigned int k;

	if (n > TAPE_SKB_SLOTS)
		return TAPE_R_REFUSED;
	for (k = 0; k < n; k++)
		if (tape_skb(c, (u8)(d + k)))
			return TAPE_R_BUSY;
	return TAPE_R_OK;
}

/* The note of a segs answer: " N [len/nr_frags ...]", built piece by piece. */
static void tape_note_add(struct tape_ctx *c, const char *fmt, unsigned int a,
			  unsigned int b)
{
	size_t at = strlen(c->note);

	if (tape_tracing(c) && at < sizeof(c->note))
		snprintf(c->note + at, sizeof(c->note) - at, fmt, a, b);
}

/* Put packet @skb in slot d + @k, and its length and frags in the note. */
static void tape_place_piece(struct tape_ctx *c, u8 d, unsigned int k,
			     struct sk_buff *skb)
{
	unsigned int slot = (d + k) % TAPE_SKB_SLOTS;

	skb->next = NULL;
	skb->prev = NULL;
	c->skb[slot] = skb;
	c->opaque &= ~BIT(slot);
	tape_note_add(c, k ? " %u/%u" : "%u/%u", skb->len,
		      skb_shinfo(skb)->nr_frags);
}

/* A state a tape device holds is sent by that device, not by these ops. */
static bool tape_x_on_device(const struct xfrm_state *x)
{
	return x->xso.dev || x->xso.dir != XFRM_DEV_OFFLOAD_UNSPECIFIED;
}

/* A packet whose bytes before skb->data start at its mac header. */
static bool tape_has_mac(const struct sk_buff *skb)
{
	return skb_mac_header_was_set(skb) && skb_mac_header(skb) <= skb->data;
}

/* gso_segment d s: skb_segment() of s (esp4_gso_segment() if ESP), into d... */
static enum tape_res tape_gso_segment(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[1]), *segs, *next;
	unsigned int n, k = 0;
	enum tape_res r;

	if (!skb)
		return TAPE_R_EMPTY;
	/* no payload: 6.1's skb_segment() follows a NULL frag list (oops) */
	if (tape_opaque(c, a[1]) || !skb_is_gso(skb) || !tape_has_mac(skb) ||
	    !skb->len)
		return TAPE_R_REFUSED;
	/* the ESP path segments for the state's device: not one of the tape's */
	if ((skb_shinfo(skb)->gso_type & SKB_GSO_ESP) && xfrm_offload(skb) &&
	    tape_x_on_device(xfrm_input_state(skb)))
		return TAPE_R_REFUSED;
	n = DIV_ROUND_UP(skb->len, skb_shinfo(skb)->gso_size);
	r = tape_slots_for(c, a[0], n);
	if (r != TAPE_R_OK)
		return r;

	if (skb_shinfo(skb)->gso_type & SKB_GSO_ESP)
		segs = tape_esp_gso_segment(skb, TAPE_GSO_FEATURES);
	else
		segs = skb_segment(skb, TAPE_GSO_FEATURES);
	if (IS_ERR(segs))
		return tape_errno_res((int)PTR_ERR(segs));

	c->note[0] = '\0';
	tape_note_add(c, " %u [", n, 0);
	for (; segs; segs = next, k++) {
		next = segs->next;
		tape_place_piece(c, a[0], k, segs);
	}
	tape_note_add(c, "]", 0, 0);
	/* the count skb_segment() made is the one the slots were checked for */
	WARN_ON_ONCE(k != n);
	return TAPE_R_SEGS;
}

/* Fragments ip_frag_next() cuts @left payload bytes into, at most @mtu each. */
static unsigned int tape_frag_count(unsigned int left, unsigned int mtu)
{
	unsigned int n = 0;

	while (left) {
		unsigned int len = min(left, mtu);

		if (len < left)
			len &= ~7u;
		left -= len;
		n++;
	}
	return n;
}

/*
 * ip_fragment d s mtu: s as the IPv4 datagram at its network header,
 * cut into fragments of at most mtu payload bytes into d... (s stays).
 */
static enum tape_res tape_ip_fragment(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[1]), *frag;
	unsigned int mtu = a[2] * 4u, n, k;
	struct ip_frag_state st;
	enum tape_res r;
	int noff;

	if (!skb)
		return TAPE_R_EMPTY;
	if (tape_opaque(c, a[1]) || mtu < 8)
		return TAPE_R_REFUSED;
	noff = skb_network_offset(skb);
	if (noff + TAPE_IP_HLEN > (int)skb_headlen(skb) ||
	    (int)skb->len - noff <= TAPE_IP_HLEN)
		return TAPE_R_REFUSED;
	n = tape_frag_count(skb->len - noff - TAPE_IP_HLEN, mtu);
	r = tape_slots_for(c, a[0], n);
	if (r != TAPE_R_OK)
		return r;
	r = TAPE_R_SEGS;

	/* ip_do_fragment() sees the datagram from its IP header on */
	if (noff < 0)
		__skb_push(skb, -noff);
	else
		__skb_pull(skb, noff);
	ip_frag_init(skb, TAPE_IP_HLEN, TAPE_FRAG_LL_RS, mtu, false, &st);
	c->note[0] = '\0';
	tape_note_add(c, " %u [", n, 0);
	for (k = 0; k < n; k++) {
		frag = ip_frag_next(skb, &st);
		if (IS_ERR(frag)) {
			/* the fragments before it are out already: they stay */
			r = TAPE_R_NULL;
			break;
		}
		tape_place_piece(c, a[0], k, frag);
	}
	if (noff < 0)
		__skb_pull(skb, -noff);
	else
		__skb_push(skb, noff);
	tape_note_add(c, "]", 0, 0);
	return r;
}

/* esp_offload s x: xfrm_output()'s step for x, offloaded */
static enum tape_res tape_esp_offload(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
	struct xfrm_state *x = c->xs[a[1] % TAPE_X_SLOTS].x;
	bool last;

	if (!skb || !x)
		return TAPE_R_EMPTY;
	if (tape_x_on_device(x))
		return TAPE_R_REFUSED;
	last = refcount_read(&skb->users) == 1;
	if (tape_xfrm_output_offload(skb, x)) {
		/* xfrm_output() drops the packet */
		if (last)
			c->skb[a[0] % TAPE_SKB_SLOTS] = NULL;
		return TAPE_R_NULL;
	}
	return TAPE_R_OK;
}

/* esp_xmit s: validate_xmit_xfrm() and esp_xmit() for the packet in s */
static enum tape_res tape_esp_xmit_op(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
	struct xfrm_offload *xo;
	bool last, passed;

	if (!skb)
		return TAPE_R_EMPTY;
	if (tape_opaque(c, a[0]) || !tape_has_mac(skb))
		return TAPE_R_REFUSED;
	xo = xfrm_offload(skb);
	if (!xo)
		return TAPE_R_ABSENT;
	if (tape_x_on_device(xfrm_input_state(skb)))
		return TAPE_R_REFUSED;
	/*
	 * Transformed already: validate_xmit_xfrm() lets it go as it is.
	 * The answer says so, but the call is made all the same, so that
	 * the port's check is what the trace shows.
	 */
	passed = xo->flags & XFRM_XMIT;
	last = refcount_read(&skb->users) == 1;
	if (tape_esp_xmit(skb)) {
		if (last)
			c->skb[a[0] % TAPE_SKB_SLOTS] = NULL;
		return TAPE_R_NULL;
	}
	return passed ? TAPE_R_PASSED : TAPE_R_OK;
}

#ifdef __KERNEL__
/*
 * tcp_try_coalesce() is static in the kernel: the module takes its steps
 * with what the kernel exports (the port's is net/ipv4/tcp_input.c).
 * Socket memory is not charged: the tape's skbs have no socket.
 */
static bool tape_tcp_try_coalesce(struct sk_buff *to, struct sk_buff *from,
				  bool *stolen)
{
	int delta;

	*stolen = false;
	if (TCP_SKB_CB(from)->seq != TCP_SKB_CB(to)->end_seq)
		return false;
	if (!mptcp_skb_can_collapse(to, from))
		return false;
#ifdef CONFIG_TLS_DEVICE
	if (from->decrypted != to->decrypted)
		return false;
#endif
	if (!skb_try_coalesce(to, from, stolen, &delta))
		return false;
	TCP_SKB_CB(to)->end_seq = TCP_SKB_CB(from)->end_seq;
	TCP_SKB_CB(to)->ack_seq = TCP_SKB_CB(from)->ack_seq;
	TCP_SKB_CB(to)->tcp_flags |= TCP_SKB_CB(from)->tcp_flags;
	return true;
}
#else
#define tape_tcp_try_coalesce(to, from, stolen)	\
	tcp_try_coalesce(NULL, to, from, stolen)
#endif

/*
 * coalesce d s: s, the segment after d in sequence, is merged into d as
 * TCP's receive queue merges one (tcp_try_coalesce()), then freed with
 * kfree_skb_partial(). The answer says why not when it is not merged:
 * 'differ' (the mappings), 'kept' (skb_try_coalesce(): d's head is
 * shared with a clone).
 */
static enum tape_res tape_coalesce(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *to = tape_skb(c, a[0]), *from = tape_skb(c, a[1]);
	bool stolen;

	if (!to || !from)
		return TAPE_R_EMPTY;
	/*
	 * TCP owns the segment it merges, alone. Only a segment without
	 * bytes is merged here: whether bytes fit depends on the size of
	 * the head, which the trace does not show.
	 */
	if (to == from || skb_shared(from) || to->len || from->len)
		return TAPE_R_REFUSED;
	TCP_SKB_CB(from)->seq = TCP_SKB_CB(to)->end_seq;
	if (!tape_tcp_try_coalesce(to, from, &stolen))
		return mptcp_skb_can_collapse(to, from) ? TAPE_R_KEPT :
							  TAPE_R_DIFFER;
	c->skb[a[1] % TAPE_SKB_SLOTS] = NULL;
	kfree_skb_partial(from, stolen);
	return TAPE_R_OK;
}

/* collapse: @from is taken into the new skb (it has no bytes), then freed. */
static void tape_collapse_one(struct tape_ctx *c, u8 slot,
			      struct sk_buff *from)
{
	c->skb[slot % TAPE_SKB_SLOTS] = NULL;
	__kfree_skb(from);
}

/*
 * collapse d s t: tcp_collapse()'s copy step on two in-sequence segments
 * s, t: a new skb in d takes s's extensions when s carries a mapping
 * (mptcp_skb_ext_move()), s is freed, and t follows only if the mappings
 * allow it (mptcp_skb_can_collapse()). Segments with bytes are refused,
 * as by every receive-path op (docs/tape.md): the copy has nothing to do.
 */
static enum tape_res tape_collapse(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *s = tape_skb(c, a[1]), *t = tape_skb(c, a[2]), *n;

	if (!s || !t)
		return TAPE_R_EMPTY;
	if (tape_skb(c, a[0]))
		return TAPE_R_BUSY;
	/* queued segments have one user */
	if (s == t || skb_shared(s) || skb_shared(t) || s->len || t->len)
		return TAPE_R_REFUSED;

	n = alloc_skb(0, GFP_ATOMIC);
	if (!n)
		return TAPE_R_NULL;
	memcpy(n->cb, s->cb, sizeof(n->cb));
	mptcp_skb_ext_move(n, s);
	c->skb[a[0] % TAPE_SKB_SLOTS] = n;
	tape_collapse_one(c, a[1], s);
	if (!mptcp_skb_can_collapse(n, t))
		return TAPE_R_DIFFER;
	tape_collapse_one(c, a[2], t);
	return TAPE_R_OK;
}

bool tape_steal_head(struct sk_buff *skb)
{
	/* rx skbs come from the head cache; a shared head is locked */
	if (skb->fclone != SKB_FCLONE_UNAVAILABLE || skb_cloned(skb) ||
	    skb_has_frag_list(skb) || skb_shinfo(skb)->nr_frags)
		return false;
#ifdef CONFIG_SKB_EXT_IN_HEAD
	/* the skb keeps its extensions: not in the head that goes */
	skb_ext_head_evict(skb);
#endif
	kfree(skb->head);
	skb->head = NULL;
	return true;
}

/*
 * kfree_skb_partial s stolen: TCP's free of a merged segment; with
 * stolen, its head was taken first (tape_steal_head()).
 */
static enum tape_res tape_kfree_skb_partial(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
	bool stolen = a[1] & 1;

	if (!skb)
		return TAPE_R_EMPTY;
	/* it frees whatever the user count: callers own the skb alone */
	if (skb_shared(skb) || skb->len)
		return TAPE_R_REFUSED;
	if (stolen && !tape_steal_head(skb))
		return TAPE_R_REFUSED;
	c->skb[a[0] % TAPE_SKB_SLOTS] = NULL;
	kfree_skb_partial(skb, stolen);
	return TAPE_R_OK;
}

static enum tape_res tape_morph(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *dst = tape_skb(c, a[0]), *src = tape_skb(c, a[1]);

	if (!dst || !src)
		return TAPE_R_EMPTY;
	/* the kernel never morphs an skb into itself */
	if (dst == src || dst->len || src->len)
		return TAPE_R_REFUSED;
	skb_morph(dst, src);
	/* dst is now a clone of src: as opaque to the cut ops as src is */
	if (tape_opaque(c, a[1]))
		c->opaque |= BIT(a[0] % TAPE_SKB_SLOTS);
	else
		c->opaque &= ~BIT(a[0] % TAPE_SKB_SLOTS);
	return TAPE_R_OK;
}

/*
 * tc_ext s chain zone: tc_skb_ext_alloc(), then the chain, as a driver
 * hands it to tc; a zone other than 0 also marks the packet as past
 * conntrack, as act_ct does.
 */
static enum tape_res tape_tc_ext(struct tape_ctx *c, const u8 *a)
{
	struct sk_buff *skb = tape_skb(c, a[0]);
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	struct tc_skb_ext *ext;
#endif

	if (!skb)
		return TAPE_R_EMPTY;
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	ext = tc_skb_ext_alloc(skb);
	if (!ext)
		return TAPE_R_NULL;
	ext->chain = a[1];
	if (a[2]) {
		ext->zone = a[2];
		ext->post_ct = 1;
	}
	return TAPE_R_OK;
#else
	return TAPE_R_UNSUPPORTED;
#endif
}

#ifndef __KERNEL__
/*
 * skb_release_head_state() (not exported by 6.1: userspace only). Its
 * callers own the skb alone, and afterwards either overwrite its header
 * or free it without the head state (__consume_stateless_skb()): the
 * slot is marked so, and only free and consume may name it again.
 */
static enum tape_res tape_release_head_state(struct tape_ctx *c, const u8 *a)
{
	unsigned int s = a[0] % TAPE_SKB_SLOTS;
	struct sk_buff *skb = c->skb[s];

	if (!skb)
		return TAPE_R_EMPTY;
	if (refcount_read(&skb->users) != 1)
		return TAPE_R_REFUSED;
	skb_release_head_state(skb);
	c->released |= BIT(s);
	return TAPE_R_OK;
}

/* The kernel module has no fault injection: its entry is NULL. */
static enum tape_res tape_fail_nth(struct tape_ctx *c __always_unused,
				   const u8 *a)
{
	fail_nth_set(a[0]);
	return TAPE_R_OK;
}
#endif

/* The operand bytes of up to TAPE_MAX_ARGS kinds, at compile time. */
#define ARGS_BYTES(a, b, c, ...)	(TAPE_ARG_BYTES(a) + TAPE_ARG_BYTES(b) + \
					 TAPE_ARG_BYTES(c))
#define ARGS(...)	.args = { __VA_ARGS__ },			\
			.bytes = ARGS_BYTES(__VA_ARGS__, TAPE_ARG_NONE,	\
					    TAPE_ARG_NONE, TAPE_ARG_NONE)
#define OP(nm, fn, ...)		{ .name = nm, .exec = fn, ARGS(__VA_ARGS__) }
/* An op the kernel module lacks: flag @gt turns it off in userspace too. */
#define USER_OP(nm, fn, gt, ...) { .name = nm, .exec = TAPE_USER_ONLY(fn), \
				   .gate = gt, ARGS(__VA_ARGS__) }

/*
 * The ops, by opcode: the one table that decoding, the trace, the text
 * form (through the addon's config()) and docs/tape.md's op table follow.
 * A new op is a line here, its handler, the model's rule
 * (lib/tape/model.ts) and its row in docs/tape.md.
 */
static const struct tape_op_desc tape_ops[] = {
	/*	   name			handler			operands */
	[0x00] = OP("alloc",		tape_alloc,		TAPE_ARG_SKB, TAPE_ARG_SIZE),
	[0x01] = OP("alloc_fclone",	tape_alloc_fclone,	TAPE_ARG_SKB, TAPE_ARG_SIZE),
	[0x02] = OP("clone",		tape_clone,		TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x03] = OP("copy",		tape_copy,		TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x04] = OP("pskb_copy",	tape_pskb_copy_op,	TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x05] = OP("free",		tape_free,		TAPE_ARG_SKB),
	[0x06] = OP("consume",		tape_consume,		TAPE_ARG_SKB),
	[0x07] = OP("get",		tape_get,		TAPE_ARG_SKB),
	[0x08] = OP("scrub",		tape_scrub,		TAPE_ARG_SKB, TAPE_ARG_BIT),
	[0x09] = OP("ext_add",		tape_ext_add,		TAPE_ARG_SKB, TAPE_ARG_EXT),
	[0x0a] = OP("ext_del",		tape_ext_del,		TAPE_ARG_SKB, TAPE_ARG_EXT),
	[0x0b] = OP("ext_find",		tape_ext_find,		TAPE_ARG_SKB, TAPE_ARG_EXT),
	[0x0c] = OP("ext_reset",	tape_ext_reset,		TAPE_ARG_SKB),
	[0x0d] = OP("ext_copy",		tape_ext_copy,		TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x0e] = OP("secpath_set",	tape_secpath_set,	TAPE_ARG_SKB),
	[0x0f] = OP("secpath_push",	tape_secpath_push_op,	TAPE_ARG_SKB, TAPE_ARG_X),
	[0x10] = OP("secpath_reset",	tape_secpath_reset,	TAPE_ARG_SKB),
	[0x11] = OP("nf_bridge_alloc",	tape_nf_bridge,		TAPE_ARG_SKB),
	[0x12] = OP("mptcp_map",	tape_mptcp_map,		TAPE_ARG_SKB, TAPE_ARG_U32),
	[0x13] = OP("xfrm_alloc",	tape_xfrm_alloc,	TAPE_ARG_X),
	[0x14] = OP("xfrm_hold",	tape_xfrm_hold,		TAPE_ARG_X),
	[0x15] = OP("xfrm_put",		tape_xfrm_put,		TAPE_ARG_X),
	[0x16] = OP("xfrm_delete",	tape_xfrm_delete,	TAPE_ARG_X),
	/*	        name		handler		gate */
	[0x17] = USER_OP("fail_nth",	tape_fail_nth,	TAPE_NO_FAULTS,
			 TAPE_ARG_BYTE),
	[0x18] = USER_OP("drv_add",	tape_drv_add,	TAPE_NO_DRIVERS,
			 TAPE_ARG_DRV, TAPE_ARG_X, TAPE_ARG_DIR),
	[0x19] = USER_OP("drv_del",	tape_drv_del,	TAPE_NO_DRIVERS,
			 TAPE_ARG_DRV, TAPE_ARG_X),
	[0x1a] = USER_OP("drv_rx",	tape_drv_rx,	TAPE_NO_DRIVERS,
			 TAPE_ARG_DRV, TAPE_ARG_SKB, TAPE_ARG_X),
	[0x1b] = USER_OP("drv_tx",	tape_drv_tx,	TAPE_NO_DRIVERS,
			 TAPE_ARG_DRV, TAPE_ARG_X),
	[0x1c] = USER_OP("mptcp_dss",	tape_mptcp_dss,	TAPE_NO_WIRE,
			 TAPE_ARG_SKB, TAPE_ARG_SKB, TAPE_ARG_BYTE),
	[0x1d] = USER_OP("tcp_opts",	tape_tcp_opts,	TAPE_NO_WIRE,
			 TAPE_ARG_SKB, TAPE_ARG_OPTLEN, TAPE_ARG_OPTS),
	[0x1e] = OP("nf_reset_ct",	tape_nf_reset_ct,	TAPE_ARG_SKB),
	[0x1f] = USER_OP("release_head_state", tape_release_head_state,
			 TAPE_NO_UNEXPORTED, TAPE_ARG_SKB),
	/*	   name			handler			operands */
	[0x20] = OP("alloc_gso",	tape_alloc_gso,		TAPE_ARG_SKB, TAPE_ARG_BYTE, TAPE_ARG_SIZE),
	[0x21] = OP("gso_segment",	tape_gso_segment,	TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x22] = OP("ip_fragment",	tape_ip_fragment,	TAPE_ARG_SKB, TAPE_ARG_SKB, TAPE_ARG_SIZE),
	[0x23] = OP("esp_offload",	tape_esp_offload,	TAPE_ARG_SKB, TAPE_ARG_X),
	[0x24] = OP("esp_xmit",		tape_esp_xmit_op,	TAPE_ARG_SKB),
	[0x28] = OP("coalesce",		tape_coalesce,		TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x29] = OP("collapse",		tape_collapse,		TAPE_ARG_SKB, TAPE_ARG_SKB,
		    TAPE_ARG_SKB),
	[0x2a] = OP("kfree_skb_partial", tape_kfree_skb_partial, TAPE_ARG_SKB,
		    TAPE_ARG_BIT),
	[0x2b] = USER_OP("napi_gro_end", tape_napi_gro_end, TAPE_NO_UNEXPORTED,
			 TAPE_ARG_SKB, TAPE_ARG_BIT),
	[0x2c] = OP("morph",		tape_morph,		TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x2d] = OP("tc_ext",		tape_tc_ext,		TAPE_ARG_SKB, TAPE_ARG_BYTE,
		    TAPE_ARG_BYTE),
	[0x2e] = USER_OP("mctp_flow",	tape_mctp_flow,	TAPE_NO_UNEXPORTED,
			 TAPE_ARG_SKB),
	[0x2f] = USER_OP("mctp_frag",	tape_mctp_frag,	TAPE_NO_UNEXPORTED,
			 TAPE_ARG_SKB, TAPE_ARG_SKB),
	[0x30] = OP("tcp_cleanup",	tape_tcp_cleanup,	TAPE_ARG_SKB),
};

#undef OP
#undef USER_OP
#undef ARGS
#undef ARGS_BYTES

const struct tape_op_desc *tape_op(unsigned int op)
{
	if (op >= ARRAY_SIZE(tape_ops) || !tape_ops[op].name)
		return NULL;
	return &tape_ops[op];
}

/*
 * Does the op name a slot whose head state was released, other than to
 * free it? Nothing but freeing may follow skb_release_head_state().
 */
static bool tape_names_released(const struct tape_ctx *c,
				const struct tape_op_desc *d, const u8 *a)
{
	unsigned int i;

	if (d->exec == tape_free || d->exec == tape_consume)
		return false;
	for (i = 0; i < TAPE_MAX_ARGS && d->args[i]; a += TAPE_ARG_BYTES(d->args[i]), i++)
		if (d->args[i] == TAPE_ARG_SKB &&
		    (c->released & BIT(a[0] % TAPE_SKB_SLOTS)))
			return true;
	return false;
}

/* Run one op: its answer, 'unsupported' where the build or a flag lacks it. */
static enum tape_res tape_exec(struct tape_ctx *c, const struct tape_op_desc *d,
			       const u8 *a)
{
	if (!d->exec || (c->flags & d->gate))
		return TAPE_R_UNSUPPORTED;
	if (c->released && tape_names_released(c, d, a))
		return TAPE_R_REFUSED;
	return d->exec(c, a);
}

/* "#N name operands", each operand printed as its kind says. */
static void tape_trace_op(struct tape_ctx *c, unsigned int n,
			  const struct tape_op_desc *d, const u8 *a)
{
	unsigned int i, k, kind, optlen = 0;

	tape_printf(c, "#%u %s", n, d->name);
	for (i = 0; i < TAPE_MAX_ARGS && d->args[i]; i++, a += TAPE_ARG_BYTES(kind)) {
		kind = d->args[i];
		switch (kind) {
		case TAPE_ARG_SKB:
			tape_printf(c, " s%u", a[0] % TAPE_SKB_SLOTS);
			break;
		case TAPE_ARG_X:
			tape_printf(c, " x%u", a[0] % TAPE_X_SLOTS);
			break;
		case TAPE_ARG_SIZE:
			tape_printf(c, " %u", a[0] * 4u);
			break;
		case TAPE_ARG_BIT:
			tape_printf(c, " %u", a[0] & 1);
			break;
		case TAPE_ARG_EXT:
			tape_printf(c, " %s", tape_ext_names[a[0] % TAPE_EXT_NUM]);
			break;
		case TAPE_ARG_BYTE:
			tape_printf(c, " %u", a[0]);
			break;
		case TAPE_ARG_U32:
			tape_printf(c, " %u", a[0] | a[1] << 8 | a[2] << 16 |
				    (u32)a[3] << 24);
			break;
		case TAPE_ARG_DRV:
			tape_printf(c, " %s", tape_drv_names[a[0] % TAPE_DRV_NUM]);
			break;
		case TAPE_ARG_DIR:
			tape_printf(c, " %s", a[0] & 1 ? "in" : "out");
			break;
		case TAPE_ARG_OPTLEN:
			optlen = tape_opts_len(a[0]);
			tape_printf(c, " %s", a[0] & TAPE_OPTS_PURE ? "pure" : "data");
			break;
		case TAPE_ARG_OPTS:
			tape_printf(c, " %s", optlen ? "" : "-");
			for (k = 0; k < optlen; k++)
				tape_printf(c, "%02x", a[k]);
			break;
		}
	}
}

/* " = word", and for a received mapping what the receiver holds. */
static void tape_trace_result(struct tape_ctx *c, enum tape_res r)
{
	tape_printf(c, " = %s%s\n", tape_res_names[r],
		    r == TAPE_R_RX || r == TAPE_R_SEGS ? c->note : "");
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
	tape_drv_release(c);
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

#if !defined(__KERNEL__) && IS_ENABLED(CONFIG_MCTP_FLOWS)
	/* the keys likewise: what is left beyond the bias, then retired */
	for (i = 0; i < c->nkeys; i++) {
		struct mctp_sk_key *key = c->keys[i];
		int left = (int)refcount_read(&key->refs) - TAPE_KEY_BIAS;

		if (left)
			tape_printf(c, "k%u %s %d\n", i + 1,
				    left > 0 ? "leaked" : "overput",
				    left > 0 ? left : -left);
		refcount_set(&key->refs, 1);
		mctp_key_unref(key);
	}
#endif
}

/* The slots that hold a packet, as a bit mask. */
static u8 tape_occupied(const struct tape_ctx *c)
{
	unsigned int i;
	u8 m = 0;

	for (i = 0; i < TAPE_SKB_SLOTS; i++)
		if (c->skb[i])
			m |= BIT(i);
	return m;
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
		const struct tape_op_desc *d = tape_op(tape[pos]);
		enum tape_res r;
		unsigned int nargs;
		u8 occupied;

		if (!d) {
			res->skipped++;
			pos++;
			continue;
		}
		nargs = d->bytes;
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
			tape_trace_op(&c, res->ops, d, tape + pos + 1);
		occupied = tape_occupied(&c);
		r = tape_exec(&c, d, tape + pos + 1);
		/*
		 * packets the driver, wire and MCTP ops make are not
		 * followed by the ops that cut packets up
		 */
		if (d->gate & (TAPE_NO_DRIVERS | TAPE_NO_WIRE |
			       TAPE_NO_UNEXPORTED))
			c.opaque |= tape_occupied(&c) & ~occupied;
		if (tape_tracing(&c))
			tape_trace_result(&c, r);
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
