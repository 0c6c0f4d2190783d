// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test runner: every registered suite, every case, KTAP output. After
 * each case it checks what the kernel's debug options would: every slab
 * cache is empty (kmemleak), no write after free or double free was found
 * (slub_debug, KASAN), and the case warned exactly as often as it said it
 * would. Any of these fails the case.
 *
 *   kunit_tests [GLOB]   run the cases whose "suite.case" matches GLOB
 *   kunit_tests --list   list them
 */
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <skbext/slabinfo.h>
#include <linux/workqueue.h>
#include <linux/fault-inject.h>
#include <linux/printk.h>
#include "kunit.h"

static struct kunit_suite *suites, **suites_tail = &suites;
static struct kunit *current_test;
static char log_buf[64 * 1024];
static size_t log_len;
static bool verbose;

void __kunit_register_suite(struct kunit_suite *suite)
{
	suite->next = NULL;
	*suites_tail = suite;
	suites_tail = &suite->next;
}

static void kunit_log(const char *fmt, ...)
{
	va_list args;
	int n;

	if (log_len >= sizeof(log_buf) - 1)
		return;
	va_start(args, fmt);
	n = vsnprintf(log_buf + log_len, sizeof(log_buf) - log_len, fmt, args);
	va_end(args);
	if (n > 0)
		log_len = min(log_len + n, sizeof(log_buf) - 1);
}

void __kunit_fail(struct kunit *test, bool assertion, const char *file,
		  int line, const char *fmt, ...)
{
	char msg[512];
	va_list args;

	va_start(args, fmt);
	vsnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	kunit_log("    # %s:%d: %s %s\n", file, line,
		  assertion ? "ASSERTION FAILED:" : "EXPECTATION FAILED:", msg);
	test->failed = true;
	if (assertion)
		longjmp(test->abort_jmp, 1);
}

/* Kernel messages go to the case's log, shown when the case fails. */
static void kunit_printk(int level, const char *msg)
{
	(void)level;
	if (verbose)
		fputs(msg, stderr);
	kunit_log("    # dmesg: %s", msg);
}

static int report_live(const struct slabinfo *info, void *arg)
{
	(void)arg;
	if (info->active_objs)
		kunit_log("    # leak: %s has %ld live objects\n", info->name,
			  info->active_objs);
	return 0;
}

void kunit_skip(struct kunit *test, const char *reason)
{
	test->skipped = true;
	snprintf(test->skip_reason, sizeof(test->skip_reason), "%s", reason);
	longjmp(test->abort_jmp, 1);
}

static bool run_case(struct kunit_suite *suite, struct kunit_case *c,
		     struct kunit *result)
{
	struct kunit test = { .name = c->name };
	unsigned long warns = warn_count();
	unsigned long errs = slab_debug_errors();
	long live;

	log_len = 0;
	log_buf[0] = '\0';
	current_test = &test;
	if (!setjmp(test.abort_jmp)) {
		if (suite->init && suite->init(&test)) {
			kunit_log("    # suite init failed\n");
			test.failed = true;
		} else {
			c->run_case(&test);
		}
	}
	if (suite->exit)
		suite->exit(&test);

	fail_nth_set(0);
	/* states whose last put came in the case are freed by the GC work */
	flush_scheduled_work();
	slab_quarantine_flush();
	live = slab_live_objects();
	if (live) {
		slabinfo_for_each(report_live, NULL);
		test.failed = true;
	}
	if (slab_debug_errors() - errs != test.slab_errors_expected) {
		kunit_log("    # slab debug errors: %lu, expected %lu\n",
			  slab_debug_errors() - errs, test.slab_errors_expected);
		test.failed = true;
	}
	if (warn_count() - warns != test.warnings_expected) {
		kunit_log("    # warnings: %lu, expected %lu\n",
			  warn_count() - warns, test.warnings_expected);
		test.failed = true;
	}
	current_test = NULL;
	*result = test;
	return !test.failed;
}

int main(int argc, char **argv)
{
	const char *glob = argc > 1 ? argv[1] : "*";
	bool list = !strcmp(glob, "--list");
	unsigned int passed = 0, failed = 0, skipped = 0, n = 0;
	struct kunit_suite *suite;

	verbose = getenv("KUNIT_VERBOSE") != NULL;
	slab_debug_set(true);
	printk_set_sink(kunit_printk);

	printf("KTAP version 1\n");
	for (suite = suites; suite; suite = suite->next) {
		struct kunit_case *c;
		struct kunit result;

		for (c = suite->test_cases; c->run_case; c++) {
			char full[256];

			snprintf(full, sizeof(full), "%s.%s", suite->name,
				 c->name);
			if (fnmatch(list ? "*" : glob, full, 0))
				continue;
			n++;
			if (list) {
				printf("%s\n", full);
				continue;
			}
			if (run_case(suite, c, &result) && result.skipped) {
				printf("ok %u %s # SKIP %s\n", n, full,
				       result.skip_reason);
				skipped++;
			} else if (!result.failed) {
				printf("ok %u %s\n", n, full);
				passed++;
			} else {
				fputs(log_buf, stdout);
				printf("not ok %u %s\n", n, full);
				failed++;
			}
			fflush(stdout);
		}
	}
	if (list)
		return 0;
	printf("1..%u\n", n);
	printf("# kunit: %u passed, %u failed, %u skipped\n", passed, failed,
	       skipped);
	return failed ? 1 : 0;
}
