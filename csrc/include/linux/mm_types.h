/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct page, as much of it as skb page frags use: a reference count
 * and where the page's bytes are. Pages come from mm/page_alloc.c.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/atomic.h>

struct page {
	/* get_page() and put_page() count here; the last put frees */
	atomic_t	_refcount;
	/* the page's PAGE_SIZE bytes (page_address()) */
	void		*addr;
};

#endif /* _LINUX_MM_TYPES_H */
