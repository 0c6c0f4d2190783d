// SPDX-License-Identifier: GPL-2.0-only
/*
 * Warnings and bugs (kernel/panic.c). A warning is counted and reported
 * and the program goes on, as a kernel without panic_on_warn does; a BUG
 * stops it. The hook lets the test runner and the binding see warnings.
 */
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/printk.h>

static unsigned long warnings;
/* The warnings of this thread (a fuzzer job's own, see mm/slub.c). */
static _Thread_local unsigned long thread_warnings;
static warn_hook_t warn_hook;

void __warn(const char *file, int line, const char *cond, bool *once)
{
	warn_hook_t hook = __atomic_load_n(&warn_hook, __ATOMIC_ACQUIRE);

	__atomic_fetch_add(&warnings, 1, __ATOMIC_RELAXED);
	thread_warnings++;
	if (!once || !__atomic_exchange_n(once, true, __ATOMIC_RELAXED))
		pr_warn("WARNING: at %s:%d %s\n", file, line, cond);
	if (hook)
		hook(file, line, cond);
}

void __bug(const char *file, int line, const char *cond)
{
	pr_err("kernel BUG at %s:%d! (%s)\n", file, line, cond);
	abort();
}

unsigned long warn_count(void)
{
	return __atomic_load_n(&warnings, __ATOMIC_RELAXED);
}

unsigned long warn_count_thread(void)
{
	return thread_warnings;
}

void warn_reset(void)
{
	__atomic_store_n(&warnings, 0, __ATOMIC_RELAXED);
}

warn_hook_t warn_set_hook(warn_hook_t hook)
{
	return __atomic_exchange_n(&warn_hook, hook, __ATOMIC_ACQ_REL);
}
