// SPDX-License-Identifier: GPL-2.0-only
/*
 * skbext_insn_ops: the port's own extension paths (net/core/skbuff.c as
 * built in skbcore, the library every test links), one loop per op, for
 * the instruction guard (tools/insn-guard.js). Each loop runs inside
 * insn_measure(), which the guard counts alone under
 *   valgrind --tool=callgrind --toggle-collect=insn_measure
 *            --dump-after=insn_measure
 * so each dump is one workload's instructions; the JSON on stdout lists
 * the workloads in the order they ran and how many ops each made.
 *
 *   skbext_insn_ops [--iters N] [--json]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/skbuff.h>
#include <skbext/slabinfo.h>
#include <net/xfrm.h>

struct insn_ctx {
	struct sk_buff *parent;	/* an skb with a block, for clone/copy/cow */
	struct sk_buff *skb;	/* an skb without one, for the add paths */
};

typedef void (*insn_op_fn)(struct insn_ctx *c);

static void insn_fail(const char *what)
{
	fprintf(stderr, "skbext_insn_ops: %s failed\n", what);
	exit(2);
}

static void op_alloc_free(struct insn_ctx *c)
{
	struct sk_buff *skb = alloc_skb(256, GFP_ATOMIC);

	(void)c;
	if (!skb)
		insn_fail("alloc_skb");
	kfree_skb(skb);
}

/* the first id: a new block from skbuff_ext_cache, then dropped */
static void op_ext_add_reset(struct insn_ctx *c)
{
	if (!skb_ext_add(c->skb, SKB_EXT_BRIDGE_NF))
		insn_fail("skb_ext_add");
	skb_ext_reset(c->skb);
}

static void op_secpath_set_reset(struct insn_ctx *c)
{
	if (!secpath_set(c->skb))
		insn_fail("secpath_set");
	skb_ext_reset(c->skb);
}

/* a clone shares the block: one more reference, dropped with the clone */
static void op_clone_free(struct insn_ctx *c)
{
	struct sk_buff *n = skb_clone(c->parent, GFP_ATOMIC);

	if (!n)
		insn_fail("skb_clone");
	kfree_skb(n);
}

/* a write to the clone's shared block copies it first */
static void op_clone_cow_free(struct insn_ctx *c)
{
	struct sk_buff *n = skb_clone(c->parent, GFP_ATOMIC);

	if (!n)
		insn_fail("skb_clone");
	if (!skb_ext_add(n, SKB_EXT_SEC_PATH))
		insn_fail("skb_ext_add on a clone");
	kfree_skb(n);
}

static void op_copy_free(struct insn_ctx *c)
{
	struct sk_buff *n = skb_copy(c->parent, GFP_ATOMIC);

	if (!n)
		insn_fail("skb_copy");
	kfree_skb(n);
}

static const struct {
	const char *name;
	insn_op_fn op;
} insn_workloads[] = {
	{ "alloc_free", op_alloc_free },
	{ "ext_add_reset", op_ext_add_reset },
	{ "secpath_set_reset", op_secpath_set_reset },
	{ "clone_free", op_clone_free },
	{ "clone_cow_free", op_clone_cow_free },
	{ "copy_free", op_copy_free },
};

__attribute__((__noinline__, __noclone__)) void insn_measure(insn_op_fn op,
							      struct insn_ctx *c,
							      unsigned long n);
__attribute__((__noinline__, __noclone__)) void insn_measure(insn_op_fn op,
							      struct insn_ctx *c,
							      unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		op(c);
}

int main(int argc, char **argv)
{
	unsigned long iters = 2048, i;
	struct insn_ctx c;
	bool json = false;
	int a;

	for (a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "--json")) {
			json = true;
		} else if (!strcmp(argv[a], "--iters") && a + 1 < argc) {
			iters = strtoul(argv[++a], NULL, 0);
		} else {
			fprintf(stderr, "usage: skbext_insn_ops [--iters N] [--json]\n");
			return 2;
		}
	}
	if (!iters)
		iters = 1;
	/* the fast path, as the benchmarks measure it: no poison, no quarantine */
	slab_debug_set(false);
	c.skb = alloc_skb(256, GFP_ATOMIC);
	c.parent = alloc_skb(256, GFP_ATOMIC);
	if (!c.skb || !c.parent)
		insn_fail("alloc_skb");
	skb_put(c.parent, 128);
	if (!skb_ext_add(c.parent, SKB_EXT_BRIDGE_NF) || !secpath_set(c.parent))
		insn_fail("the parent's extensions");

	if (json)
		printf("{\"tool\":\"skbext_insn_ops\",\"iters\":%lu,\"cells\":[", iters);
	for (i = 0; i < ARRAY_SIZE(insn_workloads); i++) {
		/* warm outside the count: the slab's first pages come from malloc */
		insn_workloads[i].op(&c);
		insn_measure(insn_workloads[i].op, &c, iters);
		if (json)
			printf("%s{\"design\":\"port\",\"workload\":\"%s\",\"applies\":true,\"ops\":%lu}",
			       i ? "," : "", insn_workloads[i].name, iters);
	}
	if (json)
		printf("]}\n");
	kfree_skb(c.parent);
	kfree_skb(c.skb);
	return 0;
}
