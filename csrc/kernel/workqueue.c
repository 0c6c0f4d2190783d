// SPDX-License-Identifier: GPL-2.0-only
/*
 * The system workqueue without its worker threads (kernel/workqueue.c).
 * schedule_work() queues on the CPU it runs on, and that CPU's worker
 * runs the item; here a thread stands for a CPU, so each thread has its
 * own pending list and runs it when it flushes. Work therefore never runs
 * on a thread other than the one that queued it: the addon's instances in
 * worker_threads each own their devices and states, and one thread's GC
 * must not free another's states through a device that thread is using.
 */
#include <linux/kernel.h>
#include <linux/workqueue.h>

static _Thread_local struct work_struct *wq_head;
static _Thread_local struct work_struct *wq_last;

bool schedule_work(struct work_struct *work)
{
	if (work->pending)
		return false;
	work->pending = true;
	work->next = NULL;
	if (wq_last)
		wq_last->next = work;
	else
		wq_head = work;
	wq_last = work;
	return true;
}

/* Unlink @work from this thread's pending list. */
static void wq_unlink(struct work_struct *work)
{
	struct work_struct *prev = NULL, *w;

	for (w = wq_head; w != work; w = w->next)
		prev = w;
	if (prev)
		prev->next = work->next;
	else
		wq_head = work->next;
	if (wq_last == work)
		wq_last = prev;
	work->pending = false;
	work->next = NULL;
}

bool flush_work(struct work_struct *work)
{
	if (!work->pending)
		return false;
	wq_unlink(work);
	work->func(work);
	return true;
}

unsigned int flush_scheduled_work(void)
{
	unsigned int ran = 0;

	/* work that queues more work is run too, in order */
	while (wq_head) {
		struct work_struct *work = wq_head;

		wq_unlink(work);
		work->func(work);
		ran++;
	}
	return ran;
}
