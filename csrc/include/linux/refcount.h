/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refcount_t: an atomic_t that refuses to wrap. An increment from zero,
 * an overflow or an underflow warns and parks the counter at
 * REFCOUNT_SATURATED, where it stays: the object leaks instead of being
 * freed while still in use.
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <limits.h>
#include <linux/atomic.h>
#include <linux/bug.h>

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)	{ .refs = ATOMIC_INIT(n), }
#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

#ifdef __cplusplus
extern "C" {
#endif
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);
#ifdef __cplusplus
}
#endif

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}

/*
 * A count is in trouble once it is negative: saturated, or wrapped past
 * INT_MAX. The sum is taken unsigned (the kernel builds with
 * -fno-strict-overflow; plain C would call the wrap undefined).
 */
static inline bool refcount_bad_sum(int old, int delta)
{
	return old < 0 || (int)((unsigned int)old + (unsigned int)delta) < 0;
}

/* Add @i unless the count is 0 (the object is already on its way out). */
static inline __must_check bool __refcount_add_not_zero(int i, refcount_t *r,
							int *oldp)
{
	int seen = atomic_read(&r->refs);

	while (seen != 0) {
		int want = (int)((unsigned int)seen + (unsigned int)i);

		if (atomic_try_cmpxchg_relaxed(&r->refs, &seen, want))
			break;
	}
	if (oldp)
		*oldp = seen;
	if (unlikely(refcount_bad_sum(seen, i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);
	return seen != 0;
}

static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_add_not_zero(1, r, NULL);
}

/* Add @i; adding to 0 is a use after free, and both faults saturate. */
static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int was = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = was;
	if (unlikely(was == 0))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(refcount_bad_sum(was, i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline void refcount_inc(refcount_t *r)
{
	refcount_add(1, r);
}

/*
 * Take @i away; true when that was the last of it. The release order on
 * the way down and the acquire on the last one let the caller free what
 * the count protected.
 */
static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r,
							int *oldp)
{
	int was = atomic_fetch_sub_release(i, &r->refs);

	if (oldp)
		*oldp = was;
	if (was == i) {
		smp_acquire__after_ctrl_dep();
		return true;
	}
	if (unlikely(refcount_bad_sum(was, -i)))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);
	return false;
}

static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return refcount_sub_and_test(1, r);
}

/* A decrement that must not be the last: reaching 0 here leaks. */
static inline void refcount_dec(refcount_t *r)
{
	int was = atomic_fetch_sub_release(1, &r->refs);

	if (unlikely(was <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

#endif /* _LINUX_REFCOUNT_H */
