/* SPDX-License-Identifier: GPL-2.0-only */
/* Cache line size of x86_64. */
#ifndef _LINUX_CACHE_H
#define _LINUX_CACHE_H

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define ____cacheline_aligned	__attribute__((__aligned__(SMP_CACHE_BYTES)))

#endif /* _LINUX_CACHE_H */
