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
