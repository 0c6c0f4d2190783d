/* SPDX-License-Identifier: GPL-2.0-only */
/* ESP helpers (net/esp.h): where the ESP header of an skb starts. */
#ifndef _NET_ESP_H
#define _NET_ESP_H

#include <linux/skbuff.h>
#include <linux/ip.h>

static inline struct ip_esp_hdr *ip_esp_hdr(const struct sk_buff *skb)
{
	return (struct ip_esp_hdr *)skb_transport_header(skb);
}

struct xfrm_state;

#ifdef __cplusplus
extern "C" {
#endif
/* net/ipv4/esp4_offload.c: static in 6.1, reached through its offload ops */
struct sk_buff *esp4_gso_segment(struct sk_buff *skb,
				 netdev_features_t features);
int esp_xmit(struct xfrm_state *x, struct sk_buff *skb,
	     netdev_features_t features);
#ifdef __cplusplus
}
#endif

#endif /* _NET_ESP_H */
