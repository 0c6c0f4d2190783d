/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Loads and stores at any alignment. Option fields inside a TCP header
 * sit at odd offsets; going through a packed struct keeps UBSan's
 * alignment check quiet and compiles to one unaligned move on x86_64.
 */
#ifndef _ASM_UNALIGNED_H
#define _ASM_UNALIGNED_H

#include <linux/types.h>
#include <asm/byteorder.h>

/* a packed wrapper tells the compiler the access may be misaligned */
#define __get_unaligned_t(type, ptr) ({					\
	const struct __packed { type x; } *__pptr = (const void *)(ptr); \
	__pptr->x;							\
})

#define __put_unaligned_t(type, val, ptr) do {				\
	struct __packed { type x; } *__pptr = (void *)(ptr);		\
	__pptr->x = (val);						\
} while (0)

#define get_unaligned(ptr)	__get_unaligned_t(__typeof__(*(ptr)), (ptr))
#define put_unaligned(val, ptr)	__put_unaligned_t(__typeof__(*(ptr)), (val), (ptr))

static inline u16 get_unaligned_be16(const void *p)
{
	return be16_to_cpu(get_unaligned((const __be16 *)p));
}

static inline u32 get_unaligned_be32(const void *p)
{
	return be32_to_cpu(get_unaligned((const __be32 *)p));
}

static inline u64 get_unaligned_be64(const void *p)
{
	return be64_to_cpu(get_unaligned((const __be64 *)p));
}

static inline void put_unaligned_be16(u16 val, void *p)
{
	put_unaligned(cpu_to_be16(val), (__be16 *)p);
}

static inline void put_unaligned_be32(u32 val, void *p)
{
	put_unaligned(cpu_to_be32(val), (__be32 *)p);
}

static inline void put_unaligned_be64(u64 val, void *p)
{
	put_unaligned(cpu_to_be64(val), (__be64 *)p);
}

#endif /* _ASM_UNALIGNED_H */
