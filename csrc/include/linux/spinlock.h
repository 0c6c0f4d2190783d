/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks (linux/spinlock.h) as a test-and-set loop. There are no
 * softirqs here, so the _bh forms are the plain ones.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

typedef struct {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ 0 }
#define DEFINE_SPINLOCK(name)	spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock(spinlock_t *lock)
{
	while (__atomic_test_and_set(&lock->locked, __ATOMIC_ACQUIRE))
		;
}

static inline void spin_unlock(spinlock_t *lock)
{
	__atomic_clear(&lock->locked, __ATOMIC_RELEASE);
}

#define spin_lock_bh(lock)	spin_lock(lock)
#define spin_unlock_bh(lock)	spin_unlock(lock)

#endif /* _LINUX_SPINLOCK_H */
