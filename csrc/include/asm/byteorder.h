/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte order for a little-endian host (x86_64, the fidelity target):
 * cpu_to_be*() and friends, and the htons() family the network code uses.
 */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

#include <linux/types.h>

#ifndef __LITTLE_ENDIAN
#define __LITTLE_ENDIAN 1234
#endif
#ifndef __LITTLE_ENDIAN_BITFIELD
#define __LITTLE_ENDIAN_BITFIELD
#endif

static inline __be16 cpu_to_be16(u16 v) { return (__be16)__builtin_bswap16(v); }
static inline __be32 cpu_to_be32(u32 v) { return (__be32)__builtin_bswap32(v); }
static inline __be64 cpu_to_be64(u64 v) { return (__be64)__builtin_bswap64(v); }
static inline u16 be16_to_cpu(__be16 v) { return __builtin_bswap16(v); }
static inline u32 be32_to_cpu(__be32 v) { return __builtin_bswap32(v); }
static inline u64 be64_to_cpu(__be64 v) { return __builtin_bswap64(v); }
static inline __le16 cpu_to_le16(u16 v) { return (__le16)v; }
static inline __le32 cpu_to_le32(u32 v) { return (__le32)v; }
static inline u16 le16_to_cpu(__le16 v) { return v; }
static inline u32 le32_to_cpu(__le32 v) { return v; }

#define htons(x)	cpu_to_be16(x)
#define ntohs(x)	be16_to_cpu(x)
#define htonl(x)	cpu_to_be32(x)
#define ntohl(x)	be32_to_cpu(x)

#endif /* _ASM_X86_BYTEORDER_H */
