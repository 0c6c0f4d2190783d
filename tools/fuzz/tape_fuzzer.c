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
#include <linux/printk.h>
#include "../../csrc/tape/tape.h"
#include "../tape/leak_check.h"

static char trace[1 << 16];

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
	if (leak_check_failed(warns, errs)) {
		fputs(trace, stderr);
		abort();
	}
	return 0;
}
