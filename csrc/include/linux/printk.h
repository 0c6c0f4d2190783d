/* SPDX-License-Identifier: GPL-2.0-only */
/* printk and the pr_* family, routed to one sink the harness can read. */
#ifndef _LINUX_PRINTK_H
#define _LINUX_PRINTK_H

#include <linux/compiler.h>

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"

#ifdef __cplusplus
extern "C" {
#endif
__printf(1, 2) int printk(const char *fmt, ...);
/* Where printk lines go (stderr by default); returns the previous sink. */
typedef void (*printk_sink_t)(int level, const char *msg);
printk_sink_t printk_set_sink(printk_sink_t sink);
/*
 * The console's level, as `dmesg -n` sets it: a line reaches the sink
 * only when its level is below it. Returns the previous level; a level
 * outside 1..8 leaves it as it is (0 reads it).
 */
#define CONSOLE_LOGLEVEL_DEFAULT	7
int console_loglevel_set(int level);
#ifdef __cplusplus
}
#endif

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define pr_err(fmt, ...)	printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...)	do { } while (0)

#endif /* _LINUX_PRINTK_H */
