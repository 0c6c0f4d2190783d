/* SPDX-License-Identifier: GPL-2.0-only */
/* va_list and friends, as the kernel's <linux/stdarg.h> provides them. */
#ifndef _LINUX_STDARG_H
#define _LINUX_STDARG_H

#include <stdarg.h>

#endif /* _LINUX_STDARG_H */
