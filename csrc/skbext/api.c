// SPDX-License-Identifier: GPL-2.0-only
/* The composite steps of skbext/api.h. */
#include <linux/kernel.h>
#include <skbext/api.h>

void *skbext_ext_add_zeroed(struct sk_buff *skb, enum skb_ext_id id)
{
	bool had = skb_ext_exist(skb, id);
	void *p = skb_ext_add(skb, id);

	if (p && !had)
		memset(p, 0, skb_ext_type_chunks(id) * 8);
	return p;
}

void *skbext_ext_for_write(struct sk_buff *skb, enum skb_ext_id id,
			   bool *gone)
{
	*gone = !skb_ext_exist(skb, id);
	if (*gone)
		return NULL;
	/* an id already present comes back as it is, in a private block */
	return skb_ext_add(skb, id);
}

enum skbext_ext_ptr skbext_ext_ptr_state(const struct sk_buff *skb)
{
	if (skb->active_extensions)
		return SKBEXT_EXT_LIVE;
	return skb->extensions ? SKBEXT_EXT_STALE : SKBEXT_EXT_NULL;
}

bool skbext_ext_offsets(const struct sk_buff *skb, u8 offset[SKB_EXT_NUM],
			unsigned int *chunks)
{
	unsigned int id;

	if (!skb->active_extensions)
		return false;
	for (id = 0; id < SKB_EXT_NUM; id++)
		offset[id] = skb_ext_exist(skb, (enum skb_ext_id)id) ?
			     skb->extensions->offset[id] : 0;
	*chunks = skb->extensions->chunks;
	return true;
}

unsigned int skbext_ext_hdr_chunks(void)
{
	return DIV_ROUND_UP(offsetof(struct skb_ext, data), SKB_EXT_ALIGN_VALUE);
}

struct xfrm_state *skbext_state_new(const struct skbext_state_params *p)
{
	struct xfrm_state *x = xfrm_state_alloc(NULL);

	if (!x)
		return NULL;
	x->id.spi = p->spi;
	x->id.proto = p->proto;
	x->id.daddr = p->daddr;
	x->props.family = p->family;
	x->props.mode = p->mode;
	x->props.reqid = p->reqid;
	x->props.saddr = p->saddr;
	x->xso.dir = p->dir & 3;
	x->km.state = XFRM_STATE_VALID;
	return x;
}

void skbext_state_pin(struct xfrm_state *x)
{
	refcount_add(SKBEXT_STATE_PIN, &x->refcnt);
}

int skbext_state_refcnt(const struct xfrm_state *x)
{
	return (int)refcount_read(&x->refcnt) - SKBEXT_STATE_PIN;
}

bool skbext_state_unpin(struct xfrm_state *x)
{
	int left = skbext_state_refcnt(x);

	if (left > 0) {
		/* others still hold it: only the pin goes */
		if (WARN_ON(refcount_sub_and_test(SKBEXT_STATE_PIN, &x->refcnt)))
			__xfrm_state_destroy(x, false);
		return false;
	}
	WARN_ONCE(left < 0, "refcount_t: underflow; use-after-free.");
	refcount_set(&x->refcnt, 1);
	xfrm_state_put(x);
	return true;
}
