/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Deferred work (linux/workqueue.h). There is no kworker thread here:
 * schedule_work() only queues, on the calling thread's list (a thread
 * stands for the CPU whose pool would run it), and queued work runs when
 * that thread flushes, as flush_work() would wait for it in the kernel.
 * A work item is queued and run by one thread only: the work_structs
 * that code schedules are per thread (_Thread_local). The library
 * flushes at defined points (docs/api.md, "Deferred work").
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	work_func_t		func;
	struct work_struct	*next;		/* on the pending list */
	bool			pending;
};

#define __WORK_INITIALIZER(n, f)	{ .func = (f) }
#define DECLARE_WORK(n, f)	struct work_struct n = __WORK_INITIALIZER(n, f)

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->func = func;
	work->next = NULL;
	work->pending = false;
}

/* Queue @work unless it is queued already; true if this call queued it. */
bool schedule_work(struct work_struct *work);
/* Run @work now if it is queued; true if it was. */
bool flush_work(struct work_struct *work);
/* Run everything queued, including work queued while running; the count. */
unsigned int flush_scheduled_work(void);

#endif /* _LINUX_WORKQUEUE_H */
