/* SPDX-License-Identifier: GPL-2.0-only */
/* PF_KEY algorithm numbers (uapi/linux/pfkeyv2.h) kept in xfrm_state props. */
#ifndef _LINUX_PFKEYV2_H
#define _LINUX_PFKEYV2_H

#define SADB_AALG_NONE			0
#define SADB_AALG_SHA1HMAC		3
#define SADB_EALG_NONE			0
#define SADB_EALG_NULL			11
#define SADB_X_EALG_AESCBC		12
#define SADB_X_EALG_AES_GCM_ICV8	18
#define SADB_X_EALG_AES_GCM_ICV12	19
#define SADB_X_EALG_AES_GCM_ICV16	20
#define SADB_X_CALG_NONE		0
#define SADB_X_CALG_DEFLATE		2

#endif /* _LINUX_PFKEYV2_H */
