/* SPDX-License-Identifier: GPL-2.0-only */
/* Compiler attributes and access helpers, as the kernel spells them. */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <sys/cdefs.h>	/* glibc defines __always_inline too */
#include <linux/kconfig.h>

#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)

#ifndef __always_inline
#define __always_inline		inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __packed		__attribute__((__packed__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __cold			__attribute__((__cold__))
#define __noreturn		__attribute__((__noreturn__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __weak			__attribute__((__weak__))
#define __read_mostly
#define __init
#define __exit
#define __rcu
#define __user
#define __force
#define __bitwise
#define __percpu
#define fallthrough		__attribute__((__fallthrough__))

#define barrier()		__asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, val)						\
	do {								\
		*(volatile __typeof__(x) *)&(x) = (val);		\
	} while (0)

#endif /* _LINUX_COMPILER_H */
