/* SPDX-License-Identifier: GPL-2.0-only */
/* IS_ENABLED() and friends over generated/autoconf.h. */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#include <generated/autoconf.h>

/*
 * Every option here is either defined to 1 or absent (no modules in
 * userspace), so IS_ENABLED() only has to tell those two apart.
 */
#define __ARG_PLACEHOLDER_1 0,
#define __take_second_arg(__ignored, val, ...) val
#define __is_defined(x)			___is_defined(x)
#define ___is_defined(val)		____is_defined(__ARG_PLACEHOLDER_##val)
#define ____is_defined(arg1_or_junk)	__take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option)	__is_defined(option)
#define IS_MODULE(option)	0
#define IS_ENABLED(option)	IS_BUILTIN(option)

#endif /* _LINUX_KCONFIG_H */
