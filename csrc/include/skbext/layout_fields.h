/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fields whose offset and size the oracle compares, in one list that
 * the kernel module (oracle_main.c) and the userspace dump (layout_dump.c)
 * both compile, each against its own headers. The includer defines
 * LAY(fmt, ...), which prints one line.
 */
#ifndef _SKBEXT_LAYOUT_FIELDS_H
#define _SKBEXT_LAYOUT_FIELDS_H

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

/*
 * The extension block as the build fills it, measured on a real skb, as
 * the kernel keeps its chunk sizes private (skb_ext_type_len[] in
 * skbuff.c): the header's chunks, the bytes of a chunk, each id's chunks,
 * and the offsets of mptcp, bridge and sec_path added in that order.
 * The data of each new id is zeroed, as its kernel users do, so the free
 * puts nothing.
 */
static int lay_ext_add(struct sk_buff *skb, enum skb_ext_id id,
		       unsigned int *off, unsigned int *chunks)
{
	u8 *p = (u8 *)skb_ext_add(skb, id);
	size_t chunk_bytes;

	if (!p)
		return -1;
	*off = skb->extensions->offset[id];
	*chunks = skb->extensions->chunks;
	chunk_bytes = (size_t)(p - (u8 *)skb->extensions) / *off;
	memset(p, 0, (*chunks - *off) * chunk_bytes);
	return (int)chunk_bytes;
}

static void lay_ext_one(const char *name, enum skb_ext_id id)
{
	struct sk_buff *skb = alloc_skb(0, GFP_KERNEL);
	unsigned int off, chunks;
	int bytes;

	if (!skb)
		return;
	bytes = lay_ext_add(skb, id, &off, &chunks);
	if (bytes > 0) {
		LAY("ext %s offset %u chunks %u chunk_bytes %d", name, off,
		    chunks - off, bytes);
	}
	kfree_skb(skb);
}

static void skbext_layout_ext(void)
{
	struct sk_buff *skb;
	unsigned int o[3], c[3];

#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER)
	lay_ext_one("BRIDGE_NF", SKB_EXT_BRIDGE_NF);
#endif
#ifdef CONFIG_XFRM
	lay_ext_one("SEC_PATH", SKB_EXT_SEC_PATH);
#endif
#if IS_ENABLED(CONFIG_NET_TC_SKB_EXT)
	lay_ext_one("TC", TC_SKB_EXT);
#endif
#if IS_ENABLED(CONFIG_MPTCP)
	lay_ext_one("MPTCP", SKB_EXT_MPTCP);
#endif
#if IS_ENABLED(CONFIG_MCTP_FLOWS)
	lay_ext_one("MCTP", SKB_EXT_MCTP);
#endif
#if IS_ENABLED(CONFIG_BRIDGE_NETFILTER) && defined(CONFIG_XFRM) && \
	IS_ENABLED(CONFIG_MPTCP)
	skb = alloc_skb(0, GFP_KERNEL);
	if (!skb)
		return;
	if (lay_ext_add(skb, SKB_EXT_MPTCP, &o[0], &c[0]) > 0 &&
	    lay_ext_add(skb, SKB_EXT_BRIDGE_NF, &o[1], &c[1]) > 0 &&
	    lay_ext_add(skb, SKB_EXT_SEC_PATH, &o[2], &c[2]) > 0)
		LAY("ext_order MPTCP,BRIDGE_NF,SEC_PATH offsets %u %u %u chunks %u",
		    o[0], o[1], o[2], c[2]);
	kfree_skb(skb);
#endif
}

static void skbext_layout(void)
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
	LAY_FIELD(sk_buff, dev_scratch);
	LAY_FIELD(sk_buff, rbnode);
	LAY_FIELD(sk_buff, list);
	LAY_FIELD(sk_buff, ll_node);
	LAY_FIELD(sk_buff, sk);
	LAY_FIELD(sk_buff, tstamp);
	LAY_FIELD(sk_buff, skb_mstamp_ns);
	LAY_FIELD(sk_buff, cb);
	LAY_FIELD(sk_buff, _skb_refdst);
	LAY_FIELD(sk_buff, destructor);
	LAY_FIELD(sk_buff, tcp_tsorted_anchor);
	LAY_FIELD(sk_buff, _sk_redir);
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
	LAY_FIELD(sk_buff, sender_cpu);
	LAY_FIELD(sk_buff, alloc_cpu);
	LAY_FIELD(sk_buff, secmark);
	LAY_FIELD(sk_buff, mark);
	LAY_FIELD(sk_buff, reserved_tailroom);
	LAY_FIELD(sk_buff, inner_protocol);
	LAY_FIELD(sk_buff, inner_ipproto);
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
	LAY_BITS(sk_buff, nohdr, 1);
	LAY_BITS(sk_buff, fclone, 2);
	LAY_BITS(sk_buff, peeked, 1);
	LAY_BITS(sk_buff, head_frag, 1);
	LAY_BITS(sk_buff, pfmemalloc, 1);
	LAY_BITS(sk_buff, pp_recycle, 1);
	LAY_BITS(sk_buff, pkt_type, 3);
	LAY_BITS(sk_buff, ignore_df, 1);
	LAY_BITS(sk_buff, nf_trace, 1);
	LAY_BITS(sk_buff, ip_summed, 2);
	LAY_BITS(sk_buff, ooo_okay, 1);
	LAY_BITS(sk_buff, l4_hash, 1);
	LAY_BITS(sk_buff, sw_hash, 1);
	LAY_BITS(sk_buff, wifi_acked_valid, 1);
	LAY_BITS(sk_buff, wifi_acked, 1);
	LAY_BITS(sk_buff, no_fcs, 1);
	LAY_BITS(sk_buff, encapsulation, 1);
	LAY_BITS(sk_buff, encap_hdr_csum, 1);
	LAY_BITS(sk_buff, csum_valid, 1);
	LAY_BITS(sk_buff, vlan_present, 1);
	LAY_BITS(sk_buff, csum_complete_sw, 1);
	LAY_BITS(sk_buff, csum_level, 2);
	LAY_BITS(sk_buff, dst_pending_confirm, 1);
	LAY_BITS(sk_buff, mono_delivery_time, 1);
	LAY_BITS(sk_buff, tc_skip_classify, 1);
	LAY_BITS(sk_buff, tc_at_ingress, 1);
	LAY_BITS(sk_buff, ndisc_nodetype, 2);
	LAY_BITS(sk_buff, ipvs_property, 1);
	LAY_BITS(sk_buff, inner_protocol_type, 1);
	LAY_BITS(sk_buff, remcsum_offload, 1);
	LAY_BITS(sk_buff, offload_fwd_mark, 1);
	LAY_BITS(sk_buff, offload_l3_fwd_mark, 1);
	LAY_BITS(sk_buff, redirected, 1);
	LAY_BITS(sk_buff, from_ingress, 1);
	LAY_BITS(sk_buff, nf_skip_egress, 1);
	LAY_BITS(sk_buff, decrypted, 1);
	LAY_BITS(sk_buff, slow_gro, 1);
	LAY_BITS(sk_buff, csum_not_inet, 1);
	LAY_BITS(sk_buff, scm_io_uring, 1);

	LAY_FIELD(skb_shared_info, flags);
	LAY_FIELD(skb_shared_info, meta_len);
	LAY_FIELD(skb_shared_info, nr_frags);
	LAY_FIELD(skb_shared_info, tx_flags);
	LAY_FIELD(skb_shared_info, gso_size);
	LAY_FIELD(skb_shared_info, gso_segs);
	LAY_FIELD(skb_shared_info, frag_list);
	LAY_FIELD(skb_shared_info, hwtstamps);
	LAY_FIELD(skb_shared_info, gso_type);
	LAY_FIELD(skb_shared_info, tskey);
	LAY_FIELD(skb_shared_info, dataref);
	LAY_FIELD(skb_shared_info, xdp_frags_size);
	LAY_FIELD(skb_shared_info, destructor_arg);
	LAY_FIELD(skb_shared_info, frags);

	LAY_FIELD(skb_ext, refcnt);
	LAY_FIELD(skb_ext, offset);
	LAY_FIELD(skb_ext, chunks);
	LAY("field skb_ext data %zu 0", offsetof(struct skb_ext, data));
	skbext_layout_ext();

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
	LAY_BITS(nf_bridge_info, in_prerouting, 1);
	LAY_BITS(nf_bridge_info, bridged_dnat, 1);
	LAY_BITS(nf_bridge_info, sabotage_in_done, 1);

	LAY_FIELD(mptcp_ext, data_ack);
	LAY_FIELD(mptcp_ext, data_ack32);
	LAY_FIELD(mptcp_ext, data_seq);
	LAY_FIELD(mptcp_ext, subflow_seq);
	LAY_FIELD(mptcp_ext, data_len);
	LAY_FIELD(mptcp_ext, csum);
	LAY_BITS(mptcp_ext, use_map, 1);
	LAY_BITS(mptcp_ext, dsn64, 1);
	LAY_BITS(mptcp_ext, data_fin, 1);
	LAY_BITS(mptcp_ext, use_ack, 1);
	LAY_BITS(mptcp_ext, ack64, 1);
	LAY_BITS(mptcp_ext, mpc_map, 1);
	LAY_BITS(mptcp_ext, frozen, 1);
	LAY_BITS(mptcp_ext, reset_transient, 1);
	LAY_BITS(mptcp_ext, reset_reason, 4);
	LAY_BITS(mptcp_ext, csum_reqd, 1);
	LAY_BITS(mptcp_ext, infinite_map, 1);
}

#endif /* _SKBEXT_LAYOUT_FIELDS_H */
