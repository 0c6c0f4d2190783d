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

#endif /* _NET_ESP_H */
