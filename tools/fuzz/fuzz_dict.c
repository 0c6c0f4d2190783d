// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prints a libFuzzer dictionary from the tables themselves, so that it
 * never drifts from them:
 *   fuzz_dict tape    every opcode of tape_ops[] (csrc/tape/tape.c), alone
 *                     and with slot 0 and each extension id or driver
 *   fuzz_dict mptcp   the TCP option kinds around MPTCP, each MPTCP subtype
 *                     after kind 30, and every DSS flag set with the
 *                     length RFC 8684 gives it (net/mptcp/protocol.h)
 * .clusterfuzzlite/build.sh writes them to $OUT/<fuzzer>.dict;
 * test/js/fuzz-dict.test.ts checks them against the addon's tables.
 */
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <net/tcp.h>
#include "../../csrc/net/mptcp/protocol.h"
#include "../../csrc/tape/tape.h"

static void entry(const char *name, const u8 *b, unsigned int n)
{
	unsigned int i;

	printf("%s=\"", name);
	for (i = 0; i < n; i++)
		printf("\\x%02x", b[i]);
	printf("\"\n");
}

static void tape_dict(void)
{
	char name[96];
	unsigned int op, v;

	printf("# tape opcodes: tape_ops[] of csrc/tape/tape.c\n");
	for (op = 0; op < 256; op++) {
		const struct tape_op_desc *d = tape_op(op);
		u8 b[3] = { (u8)op, 0, 0 };

		if (!d)
			continue;
		snprintf(name, sizeof(name), "op_%s", d->name);
		entry(name, b, 1);
		/* an op on slot 0 with each canonical extension id or driver */
		if (d->args[0] == TAPE_ARG_SKB && d->args[1] == TAPE_ARG_EXT) {
			for (v = 0; v < TAPE_EXT_NUM; v++) {
				b[2] = (u8)v;
				snprintf(name, sizeof(name), "op_%s_s0_%s",
					 d->name, tape_ext_name(v));
				entry(name, b, 3);
			}
		}
		if (d->args[0] == TAPE_ARG_DRV) {
			for (v = 0; v < TAPE_DRV_NUM; v++) {
				b[1] = (u8)v;
				snprintf(name, sizeof(name), "op_%s_%s",
					 d->name, tape_drv_name(v));
				entry(name, b, 2);
			}
		}
	}
}

/* The DSS length for a flag set, as RFC 8684 3.3 lays the option out. */
static unsigned int dss_len(unsigned int flags, bool csum)
{
	unsigned int len = TCPOLEN_MPTCP_DSS_BASE;

	if (flags & MPTCP_DSS_HAS_ACK)
		len += flags & MPTCP_DSS_ACK64 ? TCPOLEN_MPTCP_DSS_ACK64 :
						 TCPOLEN_MPTCP_DSS_ACK32;
	if (flags & MPTCP_DSS_HAS_MAP) {
		len += flags & MPTCP_DSS_DSN64 ? TCPOLEN_MPTCP_DSS_MAP64 :
						 TCPOLEN_MPTCP_DSS_MAP32;
		if (csum)
			len += TCPOLEN_MPTCP_DSS_CHECKSUM;
	}
	return len;
}

static void mptcp_dict(void)
{
	static const struct { const char *name; u8 kind; } kinds[] = {
		{ "eol", TCPOPT_EOL }, { "nop", TCPOPT_NOP },
		{ "mss", TCPOPT_MSS }, { "window", TCPOPT_WINDOW },
		{ "sack_perm", TCPOPT_SACK_PERM }, { "sack", TCPOPT_SACK },
		{ "timestamp", TCPOPT_TIMESTAMP }, { "md5sig", TCPOPT_MD5SIG },
		{ "mptcp", TCPOPT_MPTCP }, { "fastopen", TCPOPT_FASTOPEN },
		{ "exp", TCPOPT_EXP },
	};
	static const struct { const char *name; u8 sub; } subs[] = {
		{ "mp_capable", MPTCPOPT_MP_CAPABLE },
		{ "mp_join", MPTCPOPT_MP_JOIN }, { "dss", MPTCPOPT_DSS },
		{ "add_addr", MPTCPOPT_ADD_ADDR },
		{ "rm_addr", MPTCPOPT_RM_ADDR }, { "mp_prio", MPTCPOPT_MP_PRIO },
		{ "mp_fail", MPTCPOPT_MP_FAIL },
		{ "mp_fastclose", MPTCPOPT_MP_FASTCLOSE },
		{ "rst", MPTCPOPT_RST },
	};
	char name[64];
	unsigned int i, f, c;

	printf("# TCP option kinds (include/net/tcp.h)\n");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		snprintf(name, sizeof(name), "kind_%s", kinds[i].name);
		entry(name, &kinds[i].kind, 1);
	}
	printf("# kind 30, the shortest length, each subtype in the high nibble\n");
	for (i = 0; i < ARRAY_SIZE(subs); i++) {
		u8 b[3] = { TCPOPT_MPTCP, TCPOLEN_MPTCP_DSS_BASE,
			    (u8)(subs[i].sub << 4) };

		snprintf(name, sizeof(name), "mptcp_%s", subs[i].name);
		entry(name, b, 3);
	}
	printf("# DSS: kind, length, subtype, flags, for every flag set\n");
	for (f = 0; f <= MPTCP_DSS_FLAG_MASK; f++) {
		for (c = 0; c < 2; c++) {
			u8 b[4] = { TCPOPT_MPTCP, (u8)dss_len(f, c),
				    MPTCPOPT_DSS << 4, (u8)f };

			if (c && !(f & MPTCP_DSS_HAS_MAP))
				continue;
			snprintf(name, sizeof(name), "dss_%02x%s", f,
				 c ? "_csum" : "");
			entry(name, b, 4);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "tape"))
		tape_dict();
	else if (argc == 2 && !strcmp(argv[1], "mptcp"))
		mptcp_dict();
	else {
		fprintf(stderr, "usage: fuzz_dict tape|mptcp\n");
		return 2;
	}
	return 0;
}
