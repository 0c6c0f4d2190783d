/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Internet checksum (RFC 1071): 32-bit partial sums of 16-bit words,
 * folded and complemented at the end. As in the kernel, a partial sum is
 * taken over words loaded in CPU order, so a folded result stored as it is
 * lands in network order. Generic C in place of x86's assembly.
 */
#ifndef _NET_CHECKSUM_H
#define _NET_CHECKSUM_H

#include <string.h>
#include <linux/types.h>
#include <linux/in6.h>
#include <asm/byteorder.h>

static inline __wsum csum_add(__wsum csum, __wsum addend)
{
	u32 res = csum + addend;

	return res + (res < addend);
}

static inline __wsum csum_sub(__wsum csum, __wsum addend)
{
	return csum_add(csum, ~addend);
}

static inline __sum16 csum_fold(__wsum csum)
{
	u32 sum = csum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

static inline __wsum csum_unfold(__sum16 n)
{
	return (__wsum)n;
}

static inline __wsum csum_shift(__wsum sum, int offset)
{
	/* a block starting at an odd offset has its bytes swapped */
	if (offset & 1)
		return (__wsum)((sum >> 8) | (sum << 24));
	return sum;
}

static inline __wsum csum_block_add(__wsum csum, __wsum csum2, int offset)
{
	return csum_add(csum, csum_shift(csum2, offset));
}

/* Sum of @len bytes at @buff, added to @sum; @buff may be unaligned. */
static inline __wsum csum_partial(const void *buff, int len, __wsum sum)
{
	const unsigned char *p = (const unsigned char *)buff;
	u64 acc = sum;
	u16 w;

	while (len >= 2) {
		memcpy(&w, p, 2);
		acc += w;
		p += 2;
		len -= 2;
	}
	/* a trailing byte is the first byte of a zero-padded word */
	if (len)
		acc += *p;

	acc = (acc & 0xffffffff) + (acc >> 32);
	acc = (acc & 0xffffffff) + (acc >> 32);
	return (__wsum)acc;
}

static inline __wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr,
					__u32 len, __u8 proto, __wsum sum)
{
	struct {
		__be32 saddr, daddr;
		u8 zero, proto;
		__be16 len;
	} __packed ph = {
		.saddr = saddr, .daddr = daddr, .proto = proto,
		.len = cpu_to_be16((u16)len),
	};

	return csum_partial(&ph, sizeof(ph), sum);
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr,
					__u32 len, __u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

static inline __sum16 csum_ipv6_magic(const struct in6_addr *saddr,
				      const struct in6_addr *daddr,
				      __u32 len, __u8 proto, __wsum csum)
{
	struct {
		struct in6_addr saddr, daddr;
		__be32 len;
		u8 zero[3];
		u8 proto;
	} __packed ph;

	memset(&ph, 0, sizeof(ph));
	ph.saddr = *saddr;
	ph.daddr = *daddr;
	ph.len = cpu_to_be32(len);
	ph.proto = proto;
	return csum_fold(csum_partial(&ph, sizeof(ph), csum));
}

#endif /* _NET_CHECKSUM_H */
