// SPDX-License-Identifier: GPL-2.0-only
/*
 * The system workqueue without its worker threads (kernel/workqueue.c):
 * one pending list, run by whoever flushes. Several threads (the addon in
 * worker_threads) may queue and flush at once, so the list is locked;
 * the work itself runs unlocked, and may queue more.
 */
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/workqueue.h>

static pthread_mutex_t wq_lock = PTHREAD_MUTEX_INITIALIZER;
static struct work_struct *wq_head;
static struct work_struct **wq_tail = &wq_head;

bool schedule_work(struct work_struct *work)
{
	bool queued = false;

	pthread_mutex_lock(&wq_lock);
	if (!work->pending) {
		work->pending = true;
		work->next = NULL;
		*wq_tail = work;
		wq_tail = &work->next;
		queued = true;
	}
	pthread_mutex_unlock(&wq_lock);
	return queued;
}

/* Unlink @work if queued; called with wq_lock held. */
static bool wq_take(struct work_struct *work)
{
	struct work_struct **pp;

	if (!work->pending)
		return false;
	for (pp = &wq_head; *pp != work; pp = &(*pp)->next)
		;
	*pp = work->next;
	if (wq_tail == &work->next)
		wq_tail = pp;
	work->pending = false;
	work->next = NULL;
	return true;
}

bool flush_work(struct work_struct *work)
{
	bool taken;

	pthread_mutex_lock(&wq_lock);
	taken = wq_take(work);
	pthread_mutex_unlock(&wq_lock);
	if (taken)
		work->func(work);
	return taken;
}

unsigned int flush_scheduled_work(void)
{
	unsigned int ran = 0;

	for (;;) {
		struct work_struct *work;

		pthread_mutex_lock(&wq_lock);
		work = wq_head;
		if (work)
			wq_take(work);
		pthread_mutex_unlock(&wq_lock);
		if (!work)
			return ran;
		work->func(work);
		ran++;
	}
}
