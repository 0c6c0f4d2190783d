// SPDX-License-Identifier: GPL-2.0-only
/*
 * Pages for skb frags. The kernel's buddy allocator is out of scope: a
 * page here is one object of the "pages" slab cache, its struct page in
 * front of its PAGE_SIZE bytes, so that fault injection (fail_nth) and
 * the leak check at the end of every test count pages like any other
 * allocation.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/slab.h>

static struct kmem_cache *page_cache;

/* The bytes start one cache line in, after the struct page. */
#define PAGE_META	64
static_assert(sizeof(struct page) <= PAGE_META, "struct page outgrew its room");

/**
 * alloc_pages - allocate a page with one reference
 * @gfp_mask: allocation flags (__GFP_ZERO clears the bytes)
 * @order: must be 0: the port has no higher-order pages
 *
 * Returns the page, or NULL when the allocation fails.
 */
struct page *alloc_pages(gfp_t gfp_mask, unsigned int order)
{
	struct page *page;
	char *obj;

	if (WARN_ON_ONCE(order))
		return NULL;
	obj = kmem_cache_alloc(page_cache, gfp_mask & ~__GFP_ZERO);
	if (!obj)
		return NULL;
	page = (struct page *)obj;
	page->addr = obj + PAGE_META;
	if (gfp_mask & __GFP_ZERO)
		memset(page->addr, 0, PAGE_SIZE);
	atomic_set(&page->_refcount, 1);
	return page;
}

/**
 * __free_pages - give a page back
 * @page: a page whose last reference is gone (put_page() calls this)
 * @order: 0
 */
void __free_pages(struct page *page, unsigned int order)
{
	(void)order;
	/* a page still referenced is not free: the holders would read poison */
	if (WARN_ON_ONCE(page_ref_count(page) > 0))
		return;
	kmem_cache_free(page_cache, page);
}

static int page_alloc_init(void)
{
	page_cache = kmem_cache_create("pages", PAGE_META + PAGE_SIZE, 0,
				       SLAB_HWCACHE_ALIGN | SLAB_PANIC, NULL);
	return 0;
}
__define_initcall(page_alloc_init, 105);
