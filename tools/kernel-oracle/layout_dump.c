// SPDX-License-Identifier: GPL-2.0-only
/*
 * layout_dump: the port's side of the layout comparison. Built against
 * csrc/include with the extension ids Debian's kernel has (no TC, no
 * MCTP), it prints the same lines the oracle module prints from the real
 * headers.
 */
#include <stdio.h>
#include <linux/kernel.h>
#include <linux/skbuff.h>
#include <net/xfrm.h>
#include <net/mptcp.h>

#define LAY(fmt, ...)	printf(fmt "\n", ##__VA_ARGS__)

#include <skbext/layout_fields.h>

int main(void)
{
	skbext_layout();
	return 0;
}
