/* SPDX-License-Identifier: GPL-2.0-only */
/* memcpy, memset, strlen: the C library's, which the kernel mirrors. */
#ifndef _LINUX_STRING_H
#define _LINUX_STRING_H

#include <string.h>

#endif /* _LINUX_STRING_H */
