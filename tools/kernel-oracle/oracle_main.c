// SPDX-License-Identifier: GPL-2.0-only
/*
 * skbext_oracle: runs op tapes inside the real kernel with the same
 * executor source the addon uses (csrc/tape/tape.c, copied beside this
 * file at build time), and reports the kernel's own struct layout.
 *
 *   /sys/kernel/debug/skbext/tape    write a tape; it runs on close
 *   /sys/kernel/debug/skbext/trace   read the trace of the last tape
 *   /sys/kernel/debug/skbext/layout  offsetof/sizeof of the ext structs
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/vmalloc.h>
#include <linux/mutex.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>

#include "tape.h"

#define ORACLE_TAPE_MAX		(64 * 1024)
#define ORACLE_TRACE_MAX	(4 * 1024 * 1024)
#define ORACLE_LAYOUT_MAX	(32 * 1024)

static struct dentry *oracle_dir;
static DEFINE_MUTEX(oracle_lock);
static u8 *tape_buf;
static size_t tape_len;
static char *trace_buf;
static size_t trace_len;
static char *layout_buf;
static size_t layout_len;

static ssize_t tape_write(struct file *file, const char __user *ubuf,
			  size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&oracle_lock);
	if (*ppos == 0)
		tape_len = 0;
	ret = simple_write_to_buffer(tape_buf, ORACLE_TAPE_MAX, ppos, ubuf,
				     count);
	if (ret > 0)
		tape_len = max_t(size_t, tape_len, *ppos);
	mutex_unlock(&oracle_lock);
	return ret;
}

static int tape_release(struct inode *inode, struct file *file)
{
	struct tape_result res;

	if (!(file->f_mode & FMODE_WRITE))
		return 0;

	mutex_lock(&oracle_lock);
	tape_run(tape_buf, tape_len, trace_buf, ORACLE_TRACE_MAX,
		 TAPE_TRACE_STATE | TAPE_NO_FAULTS, &res);
	trace_len = res.trace_len;
	mutex_unlock(&oracle_lock);
	return 0;
}

static const struct file_operations tape_fops = {
	.owner		= THIS_MODULE,
	.write		= tape_write,
	.release	= tape_release,
	.llseek		= no_llseek,
};

static ssize_t trace_read(struct file *file, char __user *ubuf, size_t count,
			  loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&oracle_lock);
	ret = simple_read_from_buffer(ubuf, count, ppos, trace_buf, trace_len);
	mutex_unlock(&oracle_lock);
	return ret;
}

static const struct file_operations trace_fops = {
	.owner	= THIS_MODULE,
	.read	= trace_read,
	.llseek	= default_llseek,
};

static ssize_t layout_read(struct file *file, char __user *ubuf, size_t count,
			   loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, layout_buf,
				       layout_len);
}

static const struct file_operations layout_fops = {
	.owner	= THIS_MODULE,
	.read	= layout_read,
	.llseek	= default_llseek,
};

#define LAY(fmt, ...)							\
	(layout_len += scnprintf(layout_buf + layout_len,		\
				 ORACLE_LAYOUT_MAX - layout_len,	\
				 fmt "\n", ##__VA_ARGS__))
#include "layout_fields.h"

static int __init oracle_init(void)
{
	tape_buf = vmalloc(ORACLE_TAPE_MAX);
	trace_buf = vmalloc(ORACLE_TRACE_MAX);
	layout_buf = vzalloc(ORACLE_LAYOUT_MAX);
	if (!tape_buf || !trace_buf || !layout_buf)
		goto nomem;

	skbext_layout();
	oracle_dir = debugfs_create_dir("skbext", NULL);
	debugfs_create_file("tape", 0200, oracle_dir, NULL, &tape_fops);
	debugfs_create_file("trace", 0400, oracle_dir, NULL, &trace_fops);
	debugfs_create_file("layout", 0400, oracle_dir, NULL, &layout_fops);
	return 0;

nomem:
	vfree(tape_buf);
	vfree(trace_buf);
	vfree(layout_buf);
	return -ENOMEM;
}

static void __exit oracle_exit(void)
{
	debugfs_remove_recursive(oracle_dir);
	vfree(tape_buf);
	vfree(trace_buf);
	vfree(layout_buf);
}

module_init(oracle_init);
module_exit(oracle_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("skbext: op tapes and layout, traced in the real kernel");
