/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fixed-size chained hash tables (linux/hashtable.h) over hlist chains,
 * with the kernel's hash_32() so entries land in the buckets they would
 * land in there. Single-threaded here: the _rcu variants are the plain
 * ones, which is what they reduce to without concurrent readers.
 */
#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

#include <linux/types.h>
#include <linux/kernel.h>

struct hlist_head {
	struct hlist_node *first;
};

static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

static inline bool hlist_unhashed(const struct hlist_node *h)
{
	return !h->pprev;
}

static inline bool hlist_empty(const struct hlist_head *h)
{
	return !READ_ONCE(h->first);
}

static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	if (first)
		first->pprev = &n->next;
	h->first = n;
	n->pprev = &h->first;
}

/* Unlinks and re-initialises, so a second delete is harmless. */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (hlist_unhashed(n))
		return;
	*n->pprev = n->next;
	if (n->next)
		n->next->pprev = n->pprev;
	INIT_HLIST_NODE(n);
}

#define GOLDEN_RATIO_32 0x61C88647

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return (val * GOLDEN_RATIO_32) >> (32 - bits);
}

#define DECLARE_HASHTABLE(name, bits)	struct hlist_head name[1 << (bits)]
#define HASH_SIZE(name)			(ARRAY_SIZE(name))
#define HASH_BITS(name)			(__builtin_ctz(HASH_SIZE(name)))
#define hash_min(val, bits)		hash_32((u32)(val), bits)

#define hash_init(table)	memset(table, 0, sizeof(table))

#define hash_add(table, node, key) \
	hlist_add_head(node, &(table)[hash_min(key, HASH_BITS(table))])
#define hash_add_rcu(table, node, key)	hash_add(table, node, key)

static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}
#define hash_del_rcu(node)	hash_del(node)

#define hlist_entry_safe(ptr, type, member) ({			\
	struct hlist_node *____ptr = (ptr);			\
	____ptr ? container_of(____ptr, type, member) : NULL;	\
})

#define hlist_for_each_entry(pos, head, member)				\
	for (pos = hlist_entry_safe((head)->first, __typeof__(*(pos)), member); \
	     pos;							\
	     pos = hlist_entry_safe((pos)->member.next, __typeof__(*(pos)), member))

#define hash_for_each_possible(table, obj, member, key)			\
	hlist_for_each_entry(obj, &(table)[hash_min(key, HASH_BITS(table))], member)
#define hash_for_each_possible_rcu(table, obj, member, key) \
	hash_for_each_possible(table, obj, member, key)

#define rcu_read_lock()		do { } while (0)
#define rcu_read_unlock()	do { } while (0)

#endif /* _LINUX_HASHTABLE_H */
