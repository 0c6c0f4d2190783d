/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The op tape: a byte encoding of operations on numbered skb and
 * xfrm_state slots, run in one call, tracing the observable state after
 * every op. docs/tape.md is the format's reference.
 *
 * This header and tape.c use only the kernel's own API, so the same
 * source builds in userspace (against csrc/include) and as a kernel
 * module (against the real headers, tools/kernel-oracle).
 */
#ifndef _SKBEXT_TAPE_H
#define _SKBEXT_TAPE_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <linux/types.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define TAPE_SKB_SLOTS		8
#define TAPE_X_SLOTS		8

/* Opcodes. A byte at or above TAPE_OP_MAX is skipped on its own. */
enum tape_op {
	TAPE_OP_ALLOC,			/* s size/4 */
	TAPE_OP_ALLOC_FCLONE,		/* s size/4 */
	TAPE_OP_CLONE,			/* d s */
	TAPE_OP_COPY,			/* d s */
	TAPE_OP_PSKB_COPY,		/* d s */
	TAPE_OP_FREE,			/* s */
	TAPE_OP_CONSUME,		/* s */
	TAPE_OP_GET,			/* s */
	TAPE_OP_SCRUB,			/* s xnet */
	TAPE_OP_EXT_ADD,		/* s id */
	TAPE_OP_EXT_DEL,		/* s id */
	TAPE_OP_EXT_FIND,		/* s id */
	TAPE_OP_EXT_RESET,		/* s */
	TAPE_OP_EXT_COPY,		/* d s */
	TAPE_OP_SECPATH_SET,		/* s */
	TAPE_OP_SECPATH_PUSH,		/* s x */
	TAPE_OP_SECPATH_RESET,		/* s */
	TAPE_OP_NF_BRIDGE_ALLOC,	/* s */
	TAPE_OP_MPTCP_MAP,		/* s dsn[4] */
	TAPE_OP_XFRM_ALLOC,		/* x */
	TAPE_OP_XFRM_HOLD,		/* x */
	TAPE_OP_XFRM_PUT,		/* x */
	TAPE_OP_XFRM_DELETE,		/* x */
	TAPE_OP_FAIL_NTH,		/* n */
	TAPE_OP_DRV_ADD,		/* d x dir */
	TAPE_OP_DRV_DEL,		/* d x */
	TAPE_OP_DRV_RX,			/* d s x */
	TAPE_OP_DRV_TX,			/* d x */
	TAPE_OP_MPTCP_DSS,		/* d s flags */
	TAPE_OP_TCP_OPTS,		/* d words opts[40] */
	TAPE_OP_MAX,
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
 * Drivers on the tape, in the order of enum skbext_driver
 * (skbext/adapter.h). The kernel build has no driver layer.
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

/* The human name of an opcode and of a canonical extension id. */
const char *tape_op_name(unsigned int op);
const char *tape_ext_name(unsigned int id);
/* How many operand bytes follow opcode @op (-1 if @op is unknown). */
int tape_op_operands(unsigned int op);

#ifdef __cplusplus
}
#endif

#endif /* _SKBEXT_TAPE_H */
