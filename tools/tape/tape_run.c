// SPDX-License-Identifier: GPL-2.0-only
/*
 * tape_run: run one tape file (raw bytes) through the executor and print
 * its trace, then check what the kernel's debug options would. Used by the
 * tests to compare the executor with the TypeScript model, and by hand:
 *
 *   tape_run [--no-faults] [--no-drivers] [--no-wire] [--no-internal] FILE
 *       trace on stdout; exit 1 on a leak, warning or slab debug error
 *       (reported on stderr). --no-faults answers fail_nth ops
 *       'unsupported', --no-drivers the drv_* ops, --no-wire the
 *       mptcp_dss and tcp_opts ops and --no-internal the ops on
 *       functions 6.1 keeps static (napi_gro_end, mctp_*), as the
 *       kernel build does.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include "../../csrc/tape/tape.h"
#include "leak_check.h"

#define TAPE_MAX	(64 * 1024)
#define TRACE_MAX	(8 * 1024 * 1024)

int main(int argc, char **argv)
{
	static u8 tape[TAPE_MAX];
	unsigned int flags = TAPE_TRACE_STATE;
	unsigned long warns, errs;
	struct tape_result res;
	char *trace;
	size_t len;
	FILE *f;

	while (argc > 2) {
		if (!strcmp(argv[1], "--no-faults"))
			flags |= TAPE_NO_FAULTS;
		else if (!strcmp(argv[1], "--no-drivers"))
			flags |= TAPE_NO_DRIVERS;
		else if (!strcmp(argv[1], "--no-wire"))
			flags |= TAPE_NO_WIRE;
		else if (!strcmp(argv[1], "--no-internal"))
			flags |= TAPE_NO_INTERNAL;
		else
			break;
		argv++;
		argc--;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: tape_run [--no-faults] [--no-drivers] [--no-wire] [--no-internal] FILE\n");
		return 2;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	len = fread(tape, 1, sizeof(tape), f);
	fclose(f);

	trace = malloc(TRACE_MAX);
	if (!trace)
		return 2;
	slab_debug_set(true);
	warns = warn_count();
	errs = slab_debug_errors();
	tape_run(tape, len, trace, TRACE_MAX, flags, &res);
	fputs(trace, stdout);
	free(trace);

	return leak_check_failed(warns, errs) ? 1 : 0;
}
