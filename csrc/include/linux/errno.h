/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Error numbers. The kernel's values are the uapi ones, which the system's
 * <linux/errno.h> already provides (and glibc's <errno.h> includes it by
 * this very name), so this header only passes through to it.
 */
#ifndef _SKBEXT_LINUX_ERRNO_H
#define _SKBEXT_LINUX_ERRNO_H

#include_next <linux/errno.h>

#endif /* _SKBEXT_LINUX_ERRNO_H */
