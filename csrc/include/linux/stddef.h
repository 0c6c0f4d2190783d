/* SPDX-License-Identifier: GPL-2.0-only */
/* offsetof, sizeof_field and struct_group. */
#ifndef _LINUX_STDDEF_H
#define _LINUX_STDDEF_H

#include <stddef.h>
#include <stdbool.h>

#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

/*
 * struct_group(NAME, MEMBERS...): lay MEMBERS out once, reachable both
 * directly and as one named struct (memcpy of a whole group).
 */
#define struct_group(NAME, ...)						\
	union {								\
		struct { __VA_ARGS__ };					\
		struct { __VA_ARGS__ } NAME;				\
	}

#endif /* _LINUX_STDDEF_H */
