/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The check that ends a run of tape_run and of the libFuzzer targets, as
 * the kernel's debug options would make it (kmemleak, slub_debug=P,
 * WARN): the quarantine is flushed, then every live object, and every
 * WARN and slab debug error since the run began, is reported on stderr.
 */
#ifndef _SKBEXT_LEAK_CHECK_H
#define _SKBEXT_LEAK_CHECK_H

#include <stdio.h>
#include <skbext/slabinfo.h>
#include <linux/bug.h>

static inline int leak_check_report_live(const struct slabinfo *info,
					 void *arg)
{
	(void)arg;
	if (info->active_objs)
		fprintf(stderr, "leak: %s has %ld live objects\n", info->name,
			info->active_objs);
	return 0;
}

/*
 * @warns and @errs: warn_count() and slab_debug_errors() when the run
 * began. Returns true, having said why, if the run left anything behind.
 */
static inline bool leak_check_failed(unsigned long warns, unsigned long errs)
{
	slab_quarantine_flush();
	if (!slab_live_objects() && warn_count() == warns &&
	    slab_debug_errors() == errs)
		return false;

	slabinfo_for_each(leak_check_report_live, NULL);
	fprintf(stderr, "warnings: %lu, slab debug errors: %lu\n",
		warn_count() - warns, slab_debug_errors() - errs);
	return true;
}

#endif /* _SKBEXT_LEAK_CHECK_H */
