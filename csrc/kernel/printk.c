// SPDX-License-Identifier: GPL-2.0-only
/* printk: format, strip the level prefix, hand the line to the sink. */
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/printk.h>

static printk_sink_t sink;
static int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;

static void printk_stderr(int level, const char *msg)
{
	(void)level;
	fputs(msg, stderr);
}

int printk(const char *fmt, ...)
{
	printk_sink_t out = __atomic_load_n(&sink, __ATOMIC_ACQUIRE);
	char buf[1024];
	const char *msg = buf;
	int level = 4;
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);

	if (buf[0] == KERN_SOH[0] && buf[1]) {
		level = buf[1] - '0';
		msg += 2;
	}
	if (level < __atomic_load_n(&console_loglevel, __ATOMIC_RELAXED))
		(out ? out : printk_stderr)(level, msg);
	return n;
}

printk_sink_t printk_set_sink(printk_sink_t new_sink)
{
	return __atomic_exchange_n(&sink, new_sink, __ATOMIC_ACQ_REL);
}

int console_loglevel_set(int level)
{
	if (level < 1 || level > 8)
		return __atomic_load_n(&console_loglevel, __ATOMIC_RELAXED);
	return __atomic_exchange_n(&console_loglevel, level, __ATOMIC_RELAXED);
}
