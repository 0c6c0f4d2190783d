// SPDX-License-Identifier: GPL-2.0-only
/*
 * MCTP socket keys, reduced to their reference count: the flow extension
 * of an skb holds one (net/mctp/route.c and af_mctp.c in 6.1).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <net/mctp.h>

struct mctp_sk_key *mctp_key_alloc(mctp_eid_t local, mctp_eid_t peer,
				   u8 tag, gfp_t gfp)
{
	struct mctp_sk_key *key = kzalloc(sizeof(*key), gfp);

	if (!key)
		return NULL;

	key->peer_addr = peer;
	key->local_addr = local;
	key->tag = tag;
	refcount_set(&key->refs, 1);
	return key;
}

void mctp_key_unref(struct mctp_sk_key *key)
{
	if (!refcount_dec_and_test(&key->refs))
		return;

	kfree(key);
}
