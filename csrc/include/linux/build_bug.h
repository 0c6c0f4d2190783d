/* SPDX-License-Identifier: GPL-2.0-only */
/* Compile-time assertions. */
#ifndef _LINUX_BUILD_BUG_H
#define _LINUX_BUILD_BUG_H

#ifdef __cplusplus
#define static_assert_msg(cond, msg)	static_assert(cond, msg)
#else
#define static_assert_msg(cond, msg)	_Static_assert(cond, msg)
#endif

/* A true @cond stops the build; usable at file and at block scope. */
#define BUILD_BUG_ON(cond)	static_assert_msg(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_MSG(cond, msg)	static_assert_msg(!(cond), msg)

#ifndef __cplusplus
/* C11 spells it _Static_assert; the kernel's name reads better. */
#define static_assert(cond, msg)	_Static_assert(cond, msg)
#endif

#endif /* _LINUX_BUILD_BUG_H */
