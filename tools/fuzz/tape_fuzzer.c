// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: raw bytes as an op tape. A finding is anything the
 * kernel's own debug options would flag: a sanitizer report, a WARN, a
 * write to a freed object, or an object still live once the tape has
 * released its slots (kmemleak).
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/slabinfo.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include "../../csrc/tape/tape.h"

static char trace[1 << 16];

static int report_live(const struct slabinfo *info, void *arg)
{
	(void)arg;
	if (info->active_objs)
		fprintf(stderr, "leak: %s has %ld live objects\n",
			info->name, info->active_objs);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	slab_debug_set(true);
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	unsigned long warns = warn_count();
	unsigned long errs = slab_debug_errors();
	struct tape_result res;

	tape_run(data, size, trace, sizeof(trace), TAPE_TRACE_STATE, &res);
	slab_quarantine_flush();

	if (slab_live_objects() || warn_count() != warns ||
	    slab_debug_errors() != errs) {
		fputs(trace, stderr);
		slabinfo_for_each(report_live, NULL);
		fprintf(stderr, "warnings: %lu, slab errors: %lu\n",
			warn_count() - warns, slab_debug_errors() - errs);
		abort();
	}
	return 0;
}
