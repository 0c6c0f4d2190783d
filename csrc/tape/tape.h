/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The op tape: a byte encoding of operations on numbered skb and
 * xfrm_state slots, run in one call, tracing the observable state after
 * every op. docs/tape.md is the format's reference.
 *
 * This header and tape.c, the core, use only the kernel's own API, so
 * the same source builds in userspace (against csrc/include) and as a
 * kernel module (against the real headers, tools/kernel-oracle). The
 * driver ops (tape_drv.c) and the wire ops (tape_wire.c) are userspace
 * only: the kernel module answers them 'unsupported'.
 */
#ifndef _SKBEXT_TAPE_H
#define _SKBEXT_TAPE_H

#include <linux/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define TAPE_SKB_SLOTS		8
#define TAPE_X_SLOTS		8

/*
 * The ops are one table, tape_ops[] in tape.c: opcode, name, operand
 * kinds, handler. Decoding, the trace and the text form
 * (lib/tape/format.ts, through the addon's config()) all read it, and
 * test/js/tape-table.test.ts pins docs/tape.md's op table to it. A byte
 * that names no op in it is skipped on its own.
 */

/* Operand kinds: how one operand is read from the tape and printed. */
enum tape_arg {
	TAPE_ARG_NONE,		/* ends a shorter operand list */
	TAPE_ARG_SKB,		/* an skb slot, mod TAPE_SKB_SLOTS: "s3" */
	TAPE_ARG_X,		/* a state slot, mod TAPE_X_SLOTS: "x1" */
	TAPE_ARG_SIZE,		/* a size in 4-byte units: "64" */
	TAPE_ARG_BIT,		/* bit 0 only: "1" */
	TAPE_ARG_EXT,		/* a canonical extension id, mod TAPE_EXT_NUM: "SEC_PATH" */
	TAPE_ARG_BYTE,		/* a number: "3" */
	TAPE_ARG_U32,		/* four bytes, little endian: "4660" */
	TAPE_ARG_DRV,		/* a driver, mod TAPE_DRV_NUM: "mlx5" */
	TAPE_ARG_DIR,		/* bit 0: "out" (0) or "in" (1) */
	TAPE_ARG_OPTLEN,	/* tcp_opts' words byte: "data", or "pure" with TAPE_OPTS_PURE */
	/* TAPE_TCP_OPTS bytes, the OPTLEN before saying how many count: hex, or "-" */
	TAPE_ARG_OPTS,
	TAPE_ARG_KINDS,
};

#define TAPE_MAX_ARGS		3

/* Bytes an operand of kind @k takes on the tape. */
#define TAPE_ARG_BYTES(k)	((k) == TAPE_ARG_NONE ? 0 :		\
				 (k) == TAPE_ARG_U32 ? 4 :		\
				 (k) == TAPE_ARG_OPTS ? TAPE_TCP_OPTS : 1)

/* What an op answers; tape_res_name() is the word the trace prints. */
enum tape_res {
	TAPE_R_OK,
	TAPE_R_NULL,		/* the kernel returned NULL: allocation failure */
	TAPE_R_EMPTY,		/* an operand slot is empty */
	TAPE_R_BUSY,		/* the destination slot is in use */
	TAPE_R_FOUND,
	TAPE_R_ABSENT,
	TAPE_R_FULL,
	TAPE_R_ESRCH,
	TAPE_R_REFUSED,		/* an op the kernel's users never do */
	TAPE_R_UNSUPPORTED,	/* not in this build, or turned off by a flag */
	TAPE_R_ERROR,		/* an errno the tape does not name */
	TAPE_R_OFFLOADED,	/* drivers: Rx */
	TAPE_R_PASSED,
	TAPE_R_NOT_IPSEC,
	TAPE_R_SENT,		/* drivers: Tx */
	TAPE_R_DROPPED,
	TAPE_R_NONE,		/* wire: the receiver holds no mapping */
	TAPE_R_RX,		/* wire: it holds one; the trace prints it after the word */
	TAPE_R_SEGS,		/* gso_segment, ip_fragment: the pieces, printed after the word */
	TAPE_R_DIFFER,		/* coalesce, collapse: the MPTCP mappings do not match */
	TAPE_R_KEPT,		/* coalesce, collapse: not merged for another reason */
	TAPE_R_NUM,
};

struct tape_ctx;

struct tape_op_desc {
	const char *name;
	/* runs the op on operands @a; NULL where this build lacks it */
	enum tape_res (*exec)(struct tape_ctx *c, const u8 *a);
	/*
	 * The tape_run() flag that turns the op off (it answers
	 * 'unsupported', as the kernel module, which lacks it, does); 0 for
	 * the core ops, which the kernel module runs.
	 */
	unsigned int gate;
	u8 args[TAPE_MAX_ARGS];		/* enum tape_arg, TAPE_ARG_NONE-padded */
	u8 bytes;			/* operand bytes, as the kinds add up */
};

/*
 * Extension ids on the tape are numbered canonically, whatever the build
 * enables, so one tape means the same thing in every configuration.
 */
enum tape_ext_id {
	TAPE_EXT_BRIDGE_NF,
	TAPE_EXT_SEC_PATH,
	TAPE_EXT_TC,
	TAPE_EXT_MPTCP,
	TAPE_EXT_MCTP,
	TAPE_EXT_NUM,
};

/*
 * Drivers on the tape. Their numbers are enum skbext_driver's
 * (skbext/adapter.h; tape_drv.c checks it), but the kernel build, which
 * has no driver layer, still prints their names.
 */
enum tape_driver {
	TAPE_DRV_IXGBE,
	TAPE_DRV_IXGBEVF,
	TAPE_DRV_MLX5,
	TAPE_DRV_CHELSIO,
	TAPE_DRV_NETDEVSIM,
	TAPE_DRV_NUM,
};

/* Flags for tape_run(). */
#define TAPE_TRACE_STATE	0x1	/* a state line after every op */
#define TAPE_NO_FAULTS		0x2	/* skip fail_nth ops (kernel build) */
#define TAPE_NO_DRIVERS		0x4	/* drv_* ops answer 'unsupported' (as the kernel build) */
#define TAPE_NO_WIRE		0x8	/* mptcp_dss, tcp_opts likewise */
/* ops on functions 6.1 does not export (release_head_state) likewise */
#define TAPE_NO_UNEXPORTED	0x10

/* tcp_opts: bytes of raw TCP option space on the tape (MAX_TCP_OPTION_SPACE) */
#define TAPE_TCP_OPTS		40

/* mptcp_dss flags: what the sender's connection state adds to the mapping */
#define TAPE_DSS_CSUM		0x01	/* csum_reqd: checksums on */
#define TAPE_DSS_ACK		0x02	/* use_ack: a data ACK */
#define TAPE_DSS_ACK64		0x04	/* ack64: a 64-bit data ACK */
#define TAPE_DSS_FIN		0x08	/* a DATA_FIN on the mapping */
#define TAPE_DSS_IPV6		0x10	/* the segment is IPv6 */
/* tcp_opts words byte: bit 7 sends a pure ACK (no payload) */
#define TAPE_OPTS_PURE		0x80

struct tape_result {
	unsigned int ops;	/* ops run */
	unsigned int skipped;	/* bytes skipped as unknown opcodes */
	bool truncated;		/* the last op lacked operand bytes */
	bool overflow;		/* the trace buffer was too small */
	size_t trace_len;	/* bytes written to the trace buffer */
};

/*
 * Run @len bytes of @tape. Every slot still in use at the end is released
 * (skbs freed, states deleted and put), so a faithful port leaves no live
 * object behind. The trace (NUL-terminated text, one line per op) goes to
 * @trace; it is cut short, not overrun, if @trace_size is too small.
 * Returns 0, or -ENOMEM if the executor's own state cannot be allocated.
 */
int tape_run(const u8 *tape, size_t len, char *trace, size_t trace_size,
	     unsigned int flags, struct tape_result *res);

/* Whether the kernel module runs @d: the ops no flag turns off. */
static inline bool tape_op_in_kernel(const struct tape_op_desc *d)
{
	return !d->gate;
}

/* The descriptor of opcode @op, or NULL if no op has that opcode. */
const struct tape_op_desc *tape_op(unsigned int op);
/*
 * Names: of an operand kind and its size in bytes, an answer, a
 * canonical extension id, a driver. NULL (0 bytes) out of range.
 */
const char *tape_arg_name(unsigned int kind);
unsigned int tape_arg_bytes(unsigned int kind);
const char *tape_res_name(unsigned int res);
const char *tape_ext_name(unsigned int id);
const char *tape_drv_name(unsigned int drv);

#ifdef __cplusplus
}
#endif

#endif /* _SKBEXT_TAPE_H */
