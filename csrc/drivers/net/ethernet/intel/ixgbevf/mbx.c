// SPDX-License-Identifier: GPL-2.0-only
/*
 * The VF side of the PF mailbox (drivers/net/ethernet/intel/ixgbevf/mbx.c),
 * reduced to what the IPsec requests need: a write is logged as the PF
 * would receive it, and the PF's answer to an IPsec add or delete is
 * produced the way ixgbe_ipsec_vf_add_sa()/_del_sa() and
 * ixgbe_rcv_msg_from_vf() produce it. Knobs in struct ixgbevf_mbx make
 * the write fail or the PF refuse.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include "ixgbevf.h"

static void ixgbevf_mbx_pf_answer(struct ixgbevf_mbx *mbx, const u32 *msg)
{
	const struct sa_mbx_msg *sam = (const struct sa_mbx_msg *)&msg[1];
	u32 op = msg[0] & 0xffff;
	bool *used;
	int i;

	/* a refused request comes back with word 1 as it was sent */
	mbx->reply[0] = op;
	mbx->reply[1] = msg[1];

	if (mbx->pf_nack) {
		mbx->reply[0] |= IXGBE_VT_MSGTYPE_FAILURE;
		return;
	}

	switch (op) {
	case IXGBE_VF_IPSEC_ADD:
		used = sam->dir == 1 ? mbx->pf_rx_used : mbx->pf_tx_used;
		for (i = 0; i < IXGBE_IPSEC_MAX_SA_COUNT; i++)
			if (!used[i])
				break;
		if (i == IXGBE_IPSEC_MAX_SA_COUNT) {
			mbx->reply[0] |= IXGBE_VT_MSGTYPE_FAILURE;
			return;
		}
		used[i] = true;
		/* the PF answers with its own offload_handle */
		mbx->reply[1] = sam->dir == 1 ? (u32)i :
				(u32)(i + IXGBE_IPSEC_BASE_TX_INDEX);
		break;
	case IXGBE_VF_IPSEC_DEL:
		if (msg[1] < IXGBE_IPSEC_BASE_TX_INDEX)
			mbx->pf_rx_used[msg[1]] = false;
		else if (msg[1] < 2 * IXGBE_IPSEC_MAX_SA_COUNT)
			mbx->pf_tx_used[msg[1] - IXGBE_IPSEC_BASE_TX_INDEX] = false;
		break;
	default:
		mbx->reply[0] |= IXGBE_VT_MSGTYPE_FAILURE;
		return;
	}
	mbx->reply[0] |= IXGBE_VT_MSGTYPE_SUCCESS;
}

/* Returns 0, or IXGBE_ERR_MBX when the write is made to fail. */
s32 ixgbevf_write_mbx(struct ixgbe_hw *hw, u32 *msg, u16 size)
{
	struct ixgbevf_mbx *mbx = &hw->mbx;
	struct ixgbevf_mbx_msg *m;

	if (mbx->fail_write || size > IXGBE_VFMAILBOX_SIZE)
		return IXGBE_ERR_MBX;

	m = &mbx->log[mbx->writes % IXGBEVF_MBX_LOG];
	memset(m, 0, sizeof(*m));
	memcpy(m->msg, msg, size * sizeof(u32));
	m->size = size;
	mbx->writes++;

	ixgbevf_mbx_pf_answer(mbx, msg);
	return 0;
}

/* Reads the PF's answer to the last write into @msg. */
s32 ixgbevf_poll_mbx(struct ixgbe_hw *hw, u32 *msg, u16 size)
{
	if (size > 2)
		size = 2;
	memcpy(msg, hw->mbx.reply, size * sizeof(u32));
	return 0;
}
