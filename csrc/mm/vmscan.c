// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shrinker list of mm/vmscan.c and drop_slab(): the one reclaim the
 * userspace build has. Registration happens at init (constructors), before
 * any thread but the first runs, so the list needs no lock to be read.
 */
#include <linux/kernel.h>
#include <linux/shrinker.h>

static struct shrinker *shrinker_list;

int register_shrinker(struct shrinker *shrinker, const char *fmt, ...)
{
	/* the name is for debugfs, which this build does not have */
	shrinker->name = fmt;
	if (!shrinker->seeks)
		shrinker->seeks = DEFAULT_SEEKS;
	shrinker->next = shrinker_list;
	shrinker_list = shrinker;
	return 0;
}

void unregister_shrinker(struct shrinker *shrinker)
{
	struct shrinker **p;

	for (p = &shrinker_list; *p; p = &(*p)->next) {
		if (*p == shrinker) {
			*p = shrinker->next;
			return;
		}
	}
}

/* Ask one shrinker for everything it counts, a batch at a time. */
static void shrink_one(struct shrinker *s)
{
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	unsigned long have = s->count_objects(s, &sc);
	unsigned long freed;

	while (have && have != SHRINK_EMPTY) {
		sc.nr_to_scan = have;
		sc.nr_scanned = have;
		freed = s->scan_objects(s, &sc);
		if (freed == SHRINK_STOP || !freed)
			return;
		have = s->count_objects(s, &sc);
	}
}

void drop_slab(void)
{
	struct shrinker *s;

	for (s = shrinker_list; s; s = s->next)
		shrink_one(s);
}
