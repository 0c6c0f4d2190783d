// SPDX-License-Identifier: GPL-2.0-only
/*
 * The oracle's layout list (csrc/include/skbext/layout_fields.h) compiled
 * against this build's headers, for `skbext layout` and the oracle.
 */
#include <stdarg.h>
#include <stdio.h>
#include <pthread.h>
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <skbext/api.h>
#include <net/xfrm.h>
#include <net/mptcp.h>

static void (*layout_line)(void *arg, const char *text);
static void *layout_arg;

static __printf(1, 2) void layout_emit(const char *fmt, ...)
{
	char buf[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	layout_line(layout_arg, buf);
}

#define LAY(fmt, ...)	layout_emit(fmt, ##__VA_ARGS__)
#include <skbext/layout_fields.h>

void skbext_layout_lines(void (*line)(void *arg, const char *text), void *arg)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&lock);
	layout_line = line;
	layout_arg = arg;
	skbext_layout();
	pthread_mutex_unlock(&lock);
}
