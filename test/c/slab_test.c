// SPDX-License-Identifier: GPL-2.0-only
/* The userspace slab, fail-nth, refcount_t and WARN reporting. */
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <skbext/slabinfo.h>
#include <linux/fault-inject.h>
#include <linux/refcount.h>
#include "kunit.h"

static struct kmem_cache *test_cache;

static int slab_suite_init(struct kunit *test)
{
	(void)test;
	test_cache = kmem_cache_create("kunit_test_cache", 40, 0,
				       SLAB_HWCACHE_ALIGN, NULL);
	return test_cache ? 0 : -1;
}

static void slab_suite_exit(struct kunit *test)
{
	(void)test;
	kmem_cache_destroy(test_cache);
	test_cache = NULL;
}

static void cache_counts_allocs_frees_and_live(struct kunit *test)
{
	struct slabinfo info;
	void *a = kmem_cache_alloc(test_cache, GFP_KERNEL);
	void *b = kmem_cache_alloc(test_cache, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_TRUE(test, slabinfo_get("kunit_test_cache", &info));
	KUNIT_EXPECT_EQ(test, info.active_objs, 2);
	KUNIT_EXPECT_EQ(test, info.allocs, 2);
	KUNIT_EXPECT_EQ(test, info.size, 64);	/* cache-line aligned */
	kmem_cache_free(test_cache, a);
	kmem_cache_free(test_cache, b);
	slabinfo_get("kunit_test_cache", &info);
	KUNIT_EXPECT_EQ(test, info.active_objs, 0);
	KUNIT_EXPECT_EQ(test, info.frees, 2);
}

static void objects_are_carved_from_shared_slabs(struct kunit *test)
{
	void *objs[100];
	struct slabinfo info;
	int i;

	for (i = 0; i < 100; i++) {
		objs[i] = kmem_cache_alloc(test_cache, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	slabinfo_get("kunit_test_cache", &info);
	KUNIT_EXPECT_EQ(test, info.num_slabs, 1);
	KUNIT_EXPECT_GE(test, info.num_objs, 100);
	KUNIT_EXPECT_EQ(test, (char *)objs[1] - (char *)objs[0], 64);
	for (i = 0; i < 100; i++)
		kmem_cache_free(test_cache, objs[i]);
}

static void freelist_is_lifo_without_debug(struct kunit *test)
{
	void *a, *b;

	slab_debug_set(false);
	a = kmem_cache_alloc(test_cache, GFP_KERNEL);
	kmem_cache_free(test_cache, a);
	b = kmem_cache_alloc(test_cache, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	kmem_cache_free(test_cache, b);
	slab_debug_set(true);
}

static void zalloc_zeroes_a_poisoned_object(struct kunit *test)
{
	unsigned char *p = kmem_cache_zalloc(test_cache, GFP_KERNEL);
	unsigned char zero[40] = { 0 };

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_MEMEQ(test, p, zero, 40);
	kmem_cache_free(test_cache, p);
}

static void kmalloc_rounds_to_size_classes(struct kunit *test)
{
	void *p = kmalloc(100, GFP_KERNEL);
	void *big = kmalloc(20000, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, ksize(p), 128);
	KUNIT_EXPECT_EQ(test, kmalloc_size_roundup(100), 128);
	KUNIT_EXPECT_EQ(test, kmalloc_size_roundup(1500), 2048);
	KUNIT_EXPECT_GE(test, ksize(big), 20000);
	KUNIT_EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(p);
	kfree(big);
	kfree(NULL);
	kfree(ZERO_SIZE_PTR);
}

static void fail_nth_fails_exactly_the_nth_allocation(struct kunit *test)
{
	struct slabinfo info;
	void *a, *b, *c;
	unsigned long failed;

	slabinfo_get("kunit_test_cache", &info);
	failed = info.failed;
	fail_nth_set(2);
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 2);
	a = kmem_cache_alloc(test_cache, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 1);
	b = kmem_cache_alloc(test_cache, GFP_KERNEL);
	c = kmem_cache_alloc(test_cache, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, a);
	KUNIT_EXPECT_NULL(test, b);
	KUNIT_EXPECT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 0);
	slabinfo_get("kunit_test_cache", &info);
	KUNIT_EXPECT_EQ(test, info.failed, failed + 1);
	kmem_cache_free(test_cache, a);
	kmem_cache_free(test_cache, c);
}

static void *alloc_in_thread(void *arg)
{
	void *p = kmem_cache_alloc(arg, GFP_KERNEL);

	kmem_cache_free(arg, p);
	return p;
}

static void fail_nth_belongs_to_one_thread(struct kunit *test)
{
	pthread_t t;
	void *got;

	fail_nth_set(1);
	pthread_create(&t, NULL, alloc_in_thread, test_cache);
	pthread_join(t, &got);
	KUNIT_EXPECT_NOT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, fail_nth_get(), 1);
	fail_nth_set(0);
}

static void *churn(void *arg)
{
	void *objs[64];
	int round, i;

	for (round = 0; round < 200; round++) {
		for (i = 0; i < 64; i++)
			objs[i] = kmem_cache_alloc(arg, GFP_KERNEL);
		for (i = 0; i < 64; i++)
			kmem_cache_free(arg, objs[i]);
	}
	return NULL;
}

static void concurrent_threads_keep_counts_consistent(struct kunit *test)
{
	pthread_t t[4];
	struct slabinfo info;
	int i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, churn, test_cache);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	slabinfo_get("kunit_test_cache", &info);
	KUNIT_EXPECT_EQ(test, info.active_objs, 0);
	KUNIT_EXPECT_EQ(test, info.allocs, 4 * 200 * 64);
	KUNIT_EXPECT_EQ(test, info.frees, info.allocs);
}

static void poison_catches_a_write_after_free(struct kunit *test)
{
	char *p = kmem_cache_alloc(test_cache, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	kmem_cache_free(test_cache, p);
	p[5] = 'x';
	kunit_expect_slab_errors(test, 1);
	slab_quarantine_flush();
}

static void double_free_is_reported_not_repeated(struct kunit *test)
{
	void *p = kmem_cache_alloc(test_cache, GFP_KERNEL);
	struct slabinfo info;

	kmem_cache_free(test_cache, p);
	kmem_cache_free(test_cache, p);
	kunit_expect_slab_errors(test, 1);
	slabinfo_get("kunit_test_cache", &info);
	KUNIT_EXPECT_EQ(test, info.double_frees, 1);
	KUNIT_EXPECT_EQ(test, info.frees, 1);
}

static void free_into_the_wrong_cache_warns_and_is_ignored(struct kunit *test)
{
	void *p = kmalloc(40, GFP_KERNEL);

	kunit_expect_warnings(test, 1);
	kmem_cache_free(test_cache, p);
	kfree(p);
}

static void refcount_counts_up_and_down(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(1);

	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 2);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_TRUE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_FALSE(test, refcount_inc_not_zero(&r));
	KUNIT_EXPECT_EQ(test, refcount_read(&r), 0);
}

static void refcount_inc_from_zero_warns_and_saturates(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(0);

	kunit_expect_warnings(test, 1);
	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
}

static void refcount_underflow_warns_and_saturates(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(0);

	kunit_expect_warnings(test, 1);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
	/* saturated stays saturated, and says so again */
	kunit_expect_warnings(test, 1);
	KUNIT_EXPECT_FALSE(test, refcount_dec_and_test(&r));
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
}

static void refcount_overflow_saturates_instead_of_wrapping(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(INT_MAX);

	kunit_expect_warnings(test, 1);
	refcount_inc(&r);
	KUNIT_EXPECT_EQ(test, (int)refcount_read(&r), REFCOUNT_SATURATED);
}

static void refcount_dec_to_zero_warns_about_a_leak(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(1);

	kunit_expect_warnings(test, 1);
	refcount_dec(&r);
}

static void warn_on_once_counts_every_hit(struct kunit *test)
{
	int i;

	kunit_expect_warnings(test, 3);
	for (i = 0; i < 3; i++)
		WARN_ON_ONCE(i >= 0);
	KUNIT_EXPECT_FALSE(test, WARN_ON(0));
}

static struct kunit_case slab_cases[] = {
	KUNIT_CASE(cache_counts_allocs_frees_and_live),
	KUNIT_CASE(objects_are_carved_from_shared_slabs),
	KUNIT_CASE(freelist_is_lifo_without_debug),
	KUNIT_CASE(zalloc_zeroes_a_poisoned_object),
	KUNIT_CASE(kmalloc_rounds_to_size_classes),
	KUNIT_CASE(fail_nth_fails_exactly_the_nth_allocation),
	KUNIT_CASE(fail_nth_belongs_to_one_thread),
	KUNIT_CASE(concurrent_threads_keep_counts_consistent),
	KUNIT_CASE(poison_catches_a_write_after_free),
	KUNIT_CASE(double_free_is_reported_not_repeated),
	KUNIT_CASE(free_into_the_wrong_cache_warns_and_is_ignored),
	KUNIT_CASE(refcount_counts_up_and_down),
	KUNIT_CASE(refcount_inc_from_zero_warns_and_saturates),
	KUNIT_CASE(refcount_underflow_warns_and_saturates),
	KUNIT_CASE(refcount_overflow_saturates_instead_of_wrapping),
	KUNIT_CASE(refcount_dec_to_zero_warns_about_a_leak),
	KUNIT_CASE(warn_on_once_counts_every_hit),
	{}
};

static struct kunit_suite slab_suite = {
	.name = "slab",
	.init = slab_suite_init,
	.exit = slab_suite_exit,
	.test_cases = slab_cases,
};
kunit_test_suite(slab_suite);
