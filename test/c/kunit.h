/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A KUnit-shaped harness for userspace: suites of cases, EXPECT (record
 * and go on) and ASSERT (record and end the case). The runner (kunit.c)
 * checks after every case that every slab cache is empty, that no slab
 * debug error was found, and that the case warned exactly as many times
 * as it declared with kunit_expect_warnings().
 */
#ifndef _TEST_KUNIT_H
#define _TEST_KUNIT_H

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <linux/types.h>

struct kunit {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[96];
	unsigned long warnings_expected;
	unsigned long slab_errors_expected;
	jmp_buf abort_jmp;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
};

struct kunit_suite {
	const char *name;
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
	struct kunit_suite *next;
};

#define KUNIT_CASE(test_name)	{ .run_case = test_name, .name = #test_name }

void __kunit_register_suite(struct kunit_suite *suite);

#define kunit_test_suite(suite)						\
	static void __attribute__((constructor(200)))			\
	__kunit_register_##suite(void)					\
	{								\
		__kunit_register_suite(&suite);				\
	}

/* Declare that this case is meant to warn @n more times. */
static inline void kunit_expect_warnings(struct kunit *test, unsigned long n)
{
	test->warnings_expected += n;
}

/* Declare that this case is meant to trip the slab debug checks @n times. */
static inline void kunit_expect_slab_errors(struct kunit *test, unsigned long n)
{
	test->slab_errors_expected += n;
}

/*
 * End the case as skipped, saying why (KTAP "# SKIP"): for a case the
 * build's config cannot run, e.g. an extension id it lacks.
 */
void kunit_skip(struct kunit *test, const char *reason)
	__attribute__((noreturn));

void __kunit_fail(struct kunit *test, bool assertion, const char *file,
		  int line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

#define __KUNIT_BINARY(test, assert, left, op, right) do {		\
	long long __l = (long long)(left), __r = (long long)(right);	\
	if (!(__l op __r))						\
		__kunit_fail(test, assert, __FILE__, __LINE__,		\
			     "%s " #op " %s: %lld vs %lld",		\
			     #left, #right, __l, __r);			\
} while (0)

#define __KUNIT_PTR(test, assert, left, op, right) do {		\
	const void *__l = (const void *)(left);				\
	const void *__r = (const void *)(right);			\
	if (!(__l op __r))						\
		__kunit_fail(test, assert, __FILE__, __LINE__,		\
			     "%s " #op " %s: %p vs %p",			\
			     #left, #right, __l, __r);			\
} while (0)

#define __KUNIT_BOOL(test, assert, cond, want) do {			\
	if (!!(cond) != (want))						\
		__kunit_fail(test, assert, __FILE__, __LINE__,		\
			     "%s is %s", #cond,				\
			     (want) ? "false" : "true");		\
} while (0)

#define __KUNIT_STR(test, assert, left, right) do {			\
	const char *__l = (left), *__r = (right);			\
	if (strcmp(__l, __r))						\
		__kunit_fail(test, assert, __FILE__, __LINE__,		\
			     "%s == %s: \"%s\" vs \"%s\"",		\
			     #left, #right, __l, __r);			\
} while (0)

#define __KUNIT_MEM(test, assert, left, right, n) do {			\
	if (memcmp((left), (right), (n)))				\
		__kunit_fail(test, assert, __FILE__, __LINE__,		\
			     "%s and %s differ in their first %zu bytes",	\
			     #left, #right, (size_t)(n));		\
} while (0)

#define KUNIT_EXPECT_EQ(t, l, r)	__KUNIT_BINARY(t, false, l, ==, r)
#define KUNIT_EXPECT_NE(t, l, r)	__KUNIT_BINARY(t, false, l, !=, r)
#define KUNIT_EXPECT_LT(t, l, r)	__KUNIT_BINARY(t, false, l, <, r)
#define KUNIT_EXPECT_LE(t, l, r)	__KUNIT_BINARY(t, false, l, <=, r)
#define KUNIT_EXPECT_GT(t, l, r)	__KUNIT_BINARY(t, false, l, >, r)
#define KUNIT_EXPECT_GE(t, l, r)	__KUNIT_BINARY(t, false, l, >=, r)
#define KUNIT_EXPECT_TRUE(t, c)		__KUNIT_BOOL(t, false, c, true)
#define KUNIT_EXPECT_FALSE(t, c)	__KUNIT_BOOL(t, false, c, false)
#define KUNIT_EXPECT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, false, l, ==, r)
#define KUNIT_EXPECT_PTR_NE(t, l, r)	__KUNIT_PTR(t, false, l, !=, r)
#define KUNIT_EXPECT_NULL(t, p)		__KUNIT_PTR(t, false, p, ==, NULL)
#define KUNIT_EXPECT_NOT_NULL(t, p)	__KUNIT_PTR(t, false, p, !=, NULL)
#define KUNIT_EXPECT_STREQ(t, l, r)	__KUNIT_STR(t, false, l, r)
#define KUNIT_EXPECT_MEMEQ(t, l, r, n)	__KUNIT_MEM(t, false, l, r, n)

#define KUNIT_ASSERT_EQ(t, l, r)	__KUNIT_BINARY(t, true, l, ==, r)
#define KUNIT_ASSERT_NE(t, l, r)	__KUNIT_BINARY(t, true, l, !=, r)
#define KUNIT_ASSERT_LT(t, l, r)	__KUNIT_BINARY(t, true, l, <, r)
#define KUNIT_ASSERT_LE(t, l, r)	__KUNIT_BINARY(t, true, l, <=, r)
#define KUNIT_ASSERT_GT(t, l, r)	__KUNIT_BINARY(t, true, l, >, r)
#define KUNIT_ASSERT_GE(t, l, r)	__KUNIT_BINARY(t, true, l, >=, r)
#define KUNIT_ASSERT_TRUE(t, c)		__KUNIT_BOOL(t, true, c, true)
#define KUNIT_ASSERT_FALSE(t, c)	__KUNIT_BOOL(t, true, c, false)
#define KUNIT_ASSERT_PTR_EQ(t, l, r)	__KUNIT_PTR(t, true, l, ==, r)
#define KUNIT_ASSERT_NULL(t, p)		__KUNIT_PTR(t, true, p, ==, NULL)
#define KUNIT_ASSERT_NOT_NULL(t, p)	__KUNIT_PTR(t, true, p, !=, NULL)

#endif /* _TEST_KUNIT_H */
