/* SPDX-License-Identifier: GPL-2.0-only */
/* Page references (get_page/put_page) and page addresses. */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <linux/gfp.h>
#include <linux/bug.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

static inline void *page_address(const struct page *page)
{
	return page->addr;
}

static inline int page_ref_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

/* Taking a reference on a page nobody holds is a use after free. */
static inline void get_page(struct page *page)
{
	WARN_ON_ONCE(page_ref_count(page) <= 0);
	atomic_inc(&page->_refcount);
}

/* Drop a reference; the last one gives the page back (mm/page_alloc.c). */
static inline void put_page(struct page *page)
{
	if (atomic_dec_and_test(&page->_refcount))
		__free_page(page);
}

#endif /* _LINUX_MM_H */
