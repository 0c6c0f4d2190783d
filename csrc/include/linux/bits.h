/* SPDX-License-Identifier: GPL-2.0-only */
/* Single-bit masks (include/linux/bits.h). */
#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))

#endif /* _LINUX_BITS_H */
