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
#define LAY_SIZE(s)	LAY("sizeof %s %zu", #s, sizeof(struct s))
#define LAY_FIELD(s, f)	LAY("field %s %s %zu %zu", #s, #f,		\
			    offsetof(struct s, f), sizeof_field(struct s, f))

/*
 * A bitfield has no offsetof: set it in a zeroed struct and see which
 * byte and bits changed.
 */
#define LAY_BITS(s, f, width) do {					\
	static struct s __z;						\
	const u8 *__p = (const u8 *)&__z;				\
	size_t __i;							\
									\
	memset(&__z, 0, sizeof(__z));					\
	__z.f = (1u << (width)) - 1;					\
	for (__i = 0; __i < sizeof(__z); __i++)				\
		if (__p[__i])						\
			LAY("bits %s %s %zu 0x%02x", #s, #f, __i, __p[__i]); \
} while (0)

static void oracle_layout(void)
{
	LAY_SIZE(sk_buff);
	LAY_SIZE(skb_shared_info);
	LAY_SIZE(sk_buff_fclones);
	LAY_SIZE(skb_ext);
	LAY_SIZE(sec_path);
	LAY_SIZE(xfrm_offload);
	LAY_SIZE(nf_bridge_info);
	LAY_SIZE(mptcp_ext);

	LAY_FIELD(sk_buff, next);
	LAY_FIELD(sk_buff, prev);
	LAY_FIELD(sk_buff, dev);
	LAY_FIELD(sk_buff, sk);
	LAY_FIELD(sk_buff, tstamp);
	LAY_FIELD(sk_buff, cb);
	LAY_FIELD(sk_buff, _skb_refdst);
	LAY_FIELD(sk_buff, destructor);
	LAY_FIELD(sk_buff, _nfct);
	LAY_FIELD(sk_buff, len);
	LAY_FIELD(sk_buff, data_len);
	LAY_FIELD(sk_buff, mac_len);
	LAY_FIELD(sk_buff, hdr_len);
	LAY_FIELD(sk_buff, queue_mapping);
	LAY_FIELD(sk_buff, __cloned_offset);
	LAY_FIELD(sk_buff, active_extensions);
	LAY_FIELD(sk_buff, headers);
	LAY_FIELD(sk_buff, __pkt_type_offset);
	LAY_FIELD(sk_buff, __pkt_vlan_present_offset);
	LAY_FIELD(sk_buff, tc_index);
	LAY_FIELD(sk_buff, csum);
	LAY_FIELD(sk_buff, csum_start);
	LAY_FIELD(sk_buff, csum_offset);
	LAY_FIELD(sk_buff, priority);
	LAY_FIELD(sk_buff, skb_iif);
	LAY_FIELD(sk_buff, hash);
	LAY_FIELD(sk_buff, vlan_proto);
	LAY_FIELD(sk_buff, vlan_tci);
	LAY_FIELD(sk_buff, napi_id);
	LAY_FIELD(sk_buff, alloc_cpu);
	LAY_FIELD(sk_buff, secmark);
	LAY_FIELD(sk_buff, mark);
	LAY_FIELD(sk_buff, inner_protocol);
	LAY_FIELD(sk_buff, inner_transport_header);
	LAY_FIELD(sk_buff, inner_network_header);
	LAY_FIELD(sk_buff, inner_mac_header);
	LAY_FIELD(sk_buff, protocol);
	LAY_FIELD(sk_buff, transport_header);
	LAY_FIELD(sk_buff, network_header);
	LAY_FIELD(sk_buff, mac_header);
	LAY_FIELD(sk_buff, tail);
	LAY_FIELD(sk_buff, end);
	LAY_FIELD(sk_buff, head);
	LAY_FIELD(sk_buff, data);
	LAY_FIELD(sk_buff, truesize);
	LAY_FIELD(sk_buff, users);
	LAY_FIELD(sk_buff, extensions);
	LAY_BITS(sk_buff, cloned, 1);
	LAY_BITS(sk_buff, fclone, 2);
	LAY_BITS(sk_buff, pp_recycle, 1);
	LAY_BITS(sk_buff, pkt_type, 3);
	LAY_BITS(sk_buff, ip_summed, 2);
	LAY_BITS(sk_buff, slow_gro, 1);
	LAY_BITS(sk_buff, csum_level, 2);
	LAY_BITS(sk_buff, ndisc_nodetype, 2);
	LAY_BITS(sk_buff, redirected, 1);
	LAY_BITS(sk_buff, scm_io_uring, 1);

	LAY_FIELD(skb_shared_info, flags);
	LAY_FIELD(skb_shared_info, nr_frags);
	LAY_FIELD(skb_shared_info, gso_size);
	LAY_FIELD(skb_shared_info, frag_list);
	LAY_FIELD(skb_shared_info, hwtstamps);
	LAY_FIELD(skb_shared_info, gso_type);
	LAY_FIELD(skb_shared_info, dataref);
	LAY_FIELD(skb_shared_info, destructor_arg);
	LAY_FIELD(skb_shared_info, frags);

	LAY_FIELD(skb_ext, refcnt);
	LAY_FIELD(skb_ext, offset);
	LAY_FIELD(skb_ext, chunks);
	LAY("field skb_ext data %zu 0", offsetof(struct skb_ext, data));

	LAY_FIELD(sec_path, len);
	LAY_FIELD(sec_path, olen);
	LAY_FIELD(sec_path, verified_cnt);
	LAY_FIELD(sec_path, xvec);
	LAY_FIELD(sec_path, ovec);

	LAY_FIELD(xfrm_offload, seq);
	LAY_FIELD(xfrm_offload, flags);
	LAY_FIELD(xfrm_offload, status);
	LAY_FIELD(xfrm_offload, orig_mac_len);
	LAY_FIELD(xfrm_offload, proto);
	LAY_FIELD(xfrm_offload, inner_ipproto);

	LAY_FIELD(nf_bridge_info, frag_max_size);
	LAY_FIELD(nf_bridge_info, physinif);
	LAY_FIELD(nf_bridge_info, physoutdev);
	LAY_FIELD(nf_bridge_info, ipv4_daddr);
	LAY_FIELD(nf_bridge_info, ipv6_daddr);
	LAY_FIELD(nf_bridge_info, neigh_header);
	LAY_BITS(nf_bridge_info, orig_proto, 8);
	LAY_BITS(nf_bridge_info, pkt_otherhost, 1);
	LAY_BITS(nf_bridge_info, sabotage_in_done, 1);

	LAY_FIELD(mptcp_ext, data_ack);
	LAY_FIELD(mptcp_ext, data_seq);
	LAY_FIELD(mptcp_ext, subflow_seq);
	LAY_FIELD(mptcp_ext, data_len);
	LAY_FIELD(mptcp_ext, csum);
	LAY_BITS(mptcp_ext, use_map, 1);
	LAY_BITS(mptcp_ext, reset_transient, 1);
	LAY_BITS(mptcp_ext, reset_reason, 4);
	LAY_BITS(mptcp_ext, infinite_map, 1);
}

static int __init oracle_init(void)
{
	tape_buf = vmalloc(ORACLE_TAPE_MAX);
	trace_buf = vmalloc(ORACLE_TRACE_MAX);
	layout_buf = vzalloc(ORACLE_LAYOUT_MAX);
	if (!tape_buf || !trace_buf || !layout_buf)
		goto nomem;

	oracle_layout();
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
