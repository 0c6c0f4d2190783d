/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Initcalls. The kernel runs them in levels at boot; here each level is a
 * constructor priority, so they run in the same order when the library is
 * loaded, before main() or the addon's init.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#define __define_initcall(fn, prio)					\
	static void __attribute__((constructor(prio)))			\
	__initcall_##fn(void)						\
	{								\
		(void)fn();						\
	}

#define core_initcall(fn)	__define_initcall(fn, 110)
#define subsys_initcall(fn)	__define_initcall(fn, 120)
#define device_initcall(fn)	__define_initcall(fn, 130)
#define module_init(fn)		__define_initcall(fn, 130)

#endif /* _LINUX_INIT_H */
