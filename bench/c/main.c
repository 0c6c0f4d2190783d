// SPDX-License-Identifier: GPL-2.0-only
/*
 * skbext_bench: every design x workload in one run, pinned to one CPU,
 * warmed, the median of several runs; or one cell, for valgrind:
 *
 *   skbext_bench [--json] [--quick] [--iters N] [--runs R] [--cpu C]
 *                [--design D[,D..]] [--workload W[,W..]] [--list]
 *
 * Figures are ns per packet (or per clone) with the loop-only baseline
 * taken off. For instruction counts run a single cell under
 *   valgrind --tool=callgrind --toggle-collect=bench_measure ...
 * so that only the timed loop is counted (tools/bench.js does).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <skbext/slabinfo.h>
#include "bench.h"
#include "ext_common.h"

void bench_extcache_stats(unsigned long *hits, unsigned long *misses);
void bench_headroom_stats(unsigned long *carved, unsigned long *slab);

#define MAX_RUNS	31

struct cell_result {
	bool applies;
	double ns_raw;			/* median, per packet, loop included */
	double runs[MAX_RUNS];
	unsigned int nruns;
	unsigned long ops;
};

struct opts {
	unsigned long iters;
	unsigned int runs;
	int cpu;
	bool json;
	bool list;
	const char *designs;
	const char *workloads;
};

/*
 * The timed loop; callgrind counts only what runs inside it. Warming up
 * goes through bench_warm(), the same loop under another name, so that
 * it is not counted.
 */
__attribute__((__noinline__, __noclone__)) void bench_measure(bench_op_fn op,
						      struct bench_ctx *ctx,
						      unsigned long n);
__attribute__((__noinline__, __noclone__)) void bench_measure(bench_op_fn op,
						      struct bench_ctx *ctx,
						      unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		op(ctx);
}

__attribute__((__noinline__, __noclone__)) void bench_warm(bench_op_fn op,
						   struct bench_ctx *ctx,
						   unsigned long n);
__attribute__((__noinline__, __noclone__)) void bench_warm(bench_op_fn op,
						   struct bench_ctx *ctx,
						   unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		op(ctx);
	barrier();
}

/*
 * The thread's CPU time, not the wall clock: on a machine shared with
 * compilers a run that was descheduled half the time would otherwise
 * read twice as slow. What another process does to the caches still
 * shows; the median over runs is there for that.
 */
static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static bool in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	if (!list || !strcmp(list, "all"))
		return true;
	while ((p = strstr(p, name))) {
		bool start = p == list || p[-1] == ',';
		bool end = p[n] == '\0' || p[n] == ',';

		if (start && end)
			return true;
		p += n;
	}
	return false;
}

/*
 * One run of one cell: set up, warm, time, tear down. main() goes round
 * the cells once per run, so a burst of noise from another process
 * lands on one run of many cells rather than on every run of one.
 */
static void run_cell_once(const struct bench_design *d, enum bench_workload w,
			  const struct opts *o, struct cell_result *r)
{
	const struct bench_workload_info *wi = &bench_workloads[w];
	struct bench_ctx ctx = { .d = d };
	bench_op_fn op = d->direct[w] ? d->direct[w] : wi->op;
	unsigned long ops = o->iters / wi->pkts, warm;
	double t0;

	if (r->nruns == 0) {
		r->applies = w == W_LOOP || w == W_KMEM ||
			     bench_workload_applies(d, w);
	}
	if (!r->applies)
		return;
	if (!ops)
		ops = 1;
	warm = ops / 4 ? ops / 4 : 1;
	r->ops = ops;

	wi->setup(&ctx);
	bench_warm(op, &ctx, warm);
	t0 = now_ns();
	bench_measure(op, &ctx, ops);
	r->runs[r->nruns++] = (now_ns() - t0) / ((double)ops * wi->pkts);
	wi->teardown(&ctx);
}

static void finish_cell(struct cell_result *r)
{
	double sorted[MAX_RUNS];

	if (!r->applies || !r->nruns)
		return;
	memcpy(sorted, r->runs, sizeof(double) * r->nruns);
	qsort(sorted, r->nruns, sizeof(double), cmp_double);
	r->ns_raw = sorted[r->nruns / 2];
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		fprintf(stderr, "skbext_bench: cannot pin to CPU %d, running unpinned\n",
			cpu);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: skbext_bench [--json] [--quick] [--iters N] [--runs R] [--cpu C]\n"
		"                    [--design D[,D..]] [--workload W[,W..]] [--list]\n");
	exit(2);
}

static void parse(int argc, char **argv, struct opts *o)
{
	int i;

	o->iters = 200000;
	o->runs = 5;
	o->cpu = (int)sysconf(_SC_NPROCESSORS_ONLN) - 1;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--json")) {
			o->json = true;
		} else if (!strcmp(a, "--list")) {
			o->list = true;
		} else if (!strcmp(a, "--quick")) {
			o->iters = 20000;
			o->runs = 5;
		} else if (!strcmp(a, "--iters") && v) {
			o->iters = strtoul(v, NULL, 0);
			i++;
		} else if (!strcmp(a, "--runs") && v) {
			o->runs = strtoul(v, NULL, 0);
			i++;
		} else if (!strcmp(a, "--cpu") && v) {
			o->cpu = atoi(v);
			i++;
		} else if (!strcmp(a, "--design") && v) {
			o->designs = v;
			i++;
		} else if (!strcmp(a, "--workload") && v) {
			o->workloads = v;
			i++;
		} else {
			usage();
		}
	}
	if (o->runs < 1)
		o->runs = 1;
	if (o->runs > MAX_RUNS)
		o->runs = MAX_RUNS;
	if (o->iters < 1)
		o->iters = 1;
}

static void layout_of(const struct bench_design *d, struct bench_layout *l)
{
	memset(l, 0, sizeof(*l));
	d->layout(l);
}

static void print_json_layout(const struct bench_design *d)
{
	struct bench_layout l;
	int i;

	layout_of(d, &l);
	printf("{\"name\":\"%s\",\"title\":\"%s\",\"skb_size\":%u,\"skb_stride\":%u,"
	       "\"cache_lines\":%u,\"headroom_bytes\":%u,\"note\":\"%s\",\"meta_bytes\":[",
	       d->name, d->title, l.skb_size, l.skb_stride,
	       DIV_ROUND_UP(l.skb_size, L1_CACHE_BYTES), l.headroom_bytes,
	       l.note ? l.note : "");
	for (i = 0; i < 4; i++)
		printf(i ? ",%d" : "%d", l.meta_bytes[i]);
	printf("],\"bytes_per_skb\":[");
	for (i = 0; i < 4; i++) {
		if (l.meta_bytes[i] < 0)
			printf(i ? ",null" : "null");
		else
			printf(i ? ",%u" : "%u", l.skb_stride + l.meta_bytes[i]);
	}
	printf("]}");
}

static void print_cell_json(const char *design, enum bench_workload w,
			    const struct cell_result *r, double loop,
			    bool *first)
{
	const struct bench_workload_info *wi = &bench_workloads[w];
	unsigned int i;

	printf("%s\n  {\"design\":\"%s\",\"workload\":\"%s\",\"applies\":%s",
	       *first ? "" : ",", design, wi->name,
	       r->applies ? "true" : "false");
	*first = false;
	if (!r->applies) {
		printf(",\"ns\":null}");
		return;
	}
	printf(",\"ns\":%.3f,\"ns_raw\":%.3f,\"ops\":%lu,\"pkts\":%u,\"runs\":[",
	       r->ns_raw - loop / wi->pkts, r->ns_raw, r->ops, wi->pkts);
	for (i = 0; i < r->nruns; i++)
		printf(i ? ",%.3f" : "%.3f", r->runs[i]);
	printf("]}");
}

int main(int argc, char **argv)
{
	static struct cell_result res[16][W_NR];
	struct cell_result loop, kmem;
	unsigned long a, b, c, e;
	struct opts o = { 0 };
	unsigned int di, w, run;
	bool first = true;

	parse(argc, argv, &o);
	BUG_ON(bench_ndesigns > ARRAY_SIZE(res));
	/* Benchmarks measure the fast path: no poison, no quarantine. */
	slab_debug_set(false);
	bench_xfrm_init();
	for (di = 0; di < bench_ndesigns; di++)
		if (bench_designs[di]->init)
			bench_designs[di]->init();
	BUG_ON(BENCH_EXT_BYTES != bench_cache_stride("skbuff_ext_cache") &&
	       BENCH_EXT_BYTES != kmem_cache_size(skbuff_ext_cache));

	if (o.list) {
		for (di = 0; di < bench_ndesigns; di++)
			printf("design %s\t%s\n", bench_designs[di]->name,
			       bench_designs[di]->title);
		for (w = 0; w < W_NR; w++)
			printf("workload %s\t%s\n", bench_workloads[w].name,
			       bench_workloads[w].title);
		return 0;
	}
	pin(o.cpu);

	/* The references every design is measured against, then the cells. */
	memset(&loop, 0, sizeof(loop));
	memset(&kmem, 0, sizeof(kmem));
	for (run = 0; run < o.runs; run++) {
		if (in_list(o.workloads, "loop") || !o.workloads)
			run_cell_once(&design_ext, W_LOOP, &o, &loop);
		if (in_list(o.workloads, "kmem") || !o.workloads)
			run_cell_once(&design_ext, W_KMEM, &o, &kmem);
		for (di = 0; di < bench_ndesigns; di++) {
			const struct bench_design *d = bench_designs[di];

			if (!in_list(o.designs, d->name))
				continue;
			for (w = W_ALLOC_FREE; w < W_NR; w++)
				if (in_list(o.workloads, bench_workloads[w].name))
					run_cell_once(d, w, &o, &res[di][w]);
		}
	}
	finish_cell(&loop);
	finish_cell(&kmem);
	for (di = 0; di < bench_ndesigns; di++)
		for (w = 0; w < W_NR; w++)
			finish_cell(&res[di][w]);

	bench_extcache_stats(&a, &b);
	bench_headroom_stats(&c, &e);
	if (slab_debug_enabled() || slab_debug_errors())
		fprintf(stderr, "skbext_bench: slab debug was on or found errors\n");

	if (o.json) {
		printf("{\"tool\":\"skbext_bench\",\"version\":1,\"cpu\":%d,"
		       "\"iters\":%lu,\"runs\":%u,\"slab_debug\":%s,"
		       "\"ext_block_bytes\":%u,\"ext_block_stride\":%u,"
		       "\"port_sizeof_sk_buff\":%zu,\"port_design\":\"%s\","
		       "\"extcache\":{\"hits\":%lu,\"misses\":%lu},"
		       "\"headroom\":{\"carved\":%lu,\"slab\":%lu},\n",
		       o.cpu, o.iters, o.runs,
		       slab_debug_enabled() ? "true" : "false",
		       kmem_cache_size(skbuff_ext_cache),
		       bench_cache_stride("skbuff_ext_cache"),
		       sizeof(struct sk_buff), SKBEXT_DESIGN_NAME, a, b, c, e);
		printf("\"loop_ns\":%.3f,\"kmem_ns\":%.3f,\n",
		       loop.applies ? loop.ns_raw : 0.0,
		       kmem.applies ? kmem.ns_raw - loop.ns_raw : 0.0);
		printf("\"workloads\":[");
		for (w = 0; w < W_NR; w++)
			printf("%s{\"name\":\"%s\",\"title\":\"%s\",\"pkts\":%u}",
			       w ? "," : "", bench_workloads[w].name,
			       bench_workloads[w].title, bench_workloads[w].pkts);
		printf("],\n\"designs\":[");
		for (di = 0; di < bench_ndesigns; di++) {
			printf(di ? ",\n " : "\n ");
			print_json_layout(bench_designs[di]);
		}
		printf("],\n\"cells\":[");
		for (di = 0; di < bench_ndesigns; di++) {
			const struct bench_design *d = bench_designs[di];

			if (!in_list(o.designs, d->name))
				continue;
			for (w = W_ALLOC_FREE; w < W_NR; w++)
				if (in_list(o.workloads, bench_workloads[w].name))
					print_cell_json(d->name, w, &res[di][w],
							loop.ns_raw, &first);
		}
		printf("]}\n");
		return 0;
	}

	printf("skbext_bench: CPU %d, %lu packets x %u runs, median ns/packet, loop %.2f ns taken off\n",
	       o.cpu, o.iters, o.runs, loop.ns_raw);
	if (kmem.applies)
		printf("bare kmem_cache_alloc+free (%u-byte skb_ext object): %.2f ns\n",
		       kmem_cache_size(skbuff_ext_cache), kmem.ns_raw - loop.ns_raw);
	printf("%-14s", "workload");
	for (di = 0; di < bench_ndesigns; di++)
		if (in_list(o.designs, bench_designs[di]->name))
			printf("%11s", bench_designs[di]->name);
	printf("\n");
	for (w = W_ALLOC_FREE; w < W_NR; w++) {
		if (!in_list(o.workloads, bench_workloads[w].name))
			continue;
		printf("%-14s", bench_workloads[w].name);
		for (di = 0; di < bench_ndesigns; di++) {
			const struct cell_result *r = &res[di][w];

			if (!in_list(o.designs, bench_designs[di]->name))
				continue;
			if (r->applies)
				printf("%11.2f", r->ns_raw -
				       loop.ns_raw / bench_workloads[w].pkts);
			else
				printf("%11s", "n/a");
		}
		printf("\n");
	}
	return 0;
}
