/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN_ON() and BUG_ON(). A warning is reported through __warn() in
 * kernel/panic.c, which counts it and hands it to a hook (tests and the
 * binding read both); it never stops the program, as in the kernel.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <stdbool.h>
#include <linux/compiler.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * @once points at the call site's "already reported" flag for the _ONCE
 * variants, NULL otherwise. Every hit is counted; a _ONCE site is only
 * printed the first time.
 */
void __warn(const char *file, int line, const char *cond, bool *once);
__noreturn void __bug(const char *file, int line, const char *cond);

/* Warnings since start-up (or the last warn_reset()). */
unsigned long warn_count(void);
/* Warnings raised by the calling thread. */
unsigned long warn_count_thread(void);
void warn_reset(void);
typedef void (*warn_hook_t)(const char *file, int line, const char *cond);
warn_hook_t warn_set_hook(warn_hook_t hook);

#ifdef __cplusplus
}
#endif

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn(__FILE__, __LINE__, #condition, NULL);		\
	unlikely(__ret_warn_on);					\
})

#define WARN_ON_ONCE(condition) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once))					\
		__warn(__FILE__, __LINE__, #condition, &__warned);	\
	unlikely(__ret_warn_once);					\
})

#define WARN(condition, msg) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__warn(__FILE__, __LINE__, msg, NULL);			\
	unlikely(__ret_warn_on);					\
})

#define WARN_ONCE(condition, msg) ({					\
	static bool __warned;						\
	int __ret_warn_once = !!(condition);				\
	if (unlikely(__ret_warn_once))					\
		__warn(__FILE__, __LINE__, msg, &__warned);		\
	unlikely(__ret_warn_once);					\
})

#define BUG()		__bug(__FILE__, __LINE__, "BUG()")
#define BUG_ON(condition)						\
	do {								\
		if (unlikely(condition))				\
			__bug(__FILE__, __LINE__, #condition);		\
	} while (0)

#endif /* _LINUX_BUG_H */
