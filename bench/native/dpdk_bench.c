/*
 * dpdk_bench.c: DPDK's own rte_ring / rte_mempool figures for jmempool's benchmark scenarios.
 *
 * jmempool is a Java reference implementation of rte_ring and rte_mempool. Its JMH benchmarks
 * (R1, R2, M1, M2) are run side by side with this program so that the report can show a
 * "DPDK C" column measured on the same machine, in the same run. The scenarios therefore copy
 * the Java benchmarks' definitions exactly:
 *
 *   R1  one thread, ring of 1024 slots: enqueue_burst(n) then dequeue_burst(n),
 *       n in {1, 8, 32, 128}, sync modes SP/SC, SP/MC, MP/SC, MP/MC.
 *   R2  producer lcore + consumer lcore on one ring of 1024 slots, bursts of n in {1, 32},
 *       SP/SC and MP/MC; throughput of the pair.
 *   M1  one thread, pool of 8192 x 64 B objects, ops "ring_mp_mc": get_bulk(n) then put_bulk(n),
 *       n in {1, 8, 32, 128}; per-lcore cache of 256 ("cache256"), no cache ("nocache"), and a
 *       user-owned cache of 256 used through rte_mempool_generic_get/put ("usercache256").
 *   M2  M1's loop on both lcores at once on one shared pool with cache 256, n in {1, 32};
 *       total throughput.
 *
 * An "object" is one enqueue + one dequeue (R1, R2) or one get + one put (M1, M2).
 *
 * Output: CSV on stdout, header "scenario,variant,n,ns_per_obj,mobj_per_s,ns_min,ns_max", one
 * line per result; lines starting with '#' are comments. EAL's log is sent to stderr so that
 * stdout stays machine-readable.
 *
 * Timing: rte_rdtsc() with rte_get_tsc_hz(). Each measurement is a warm-up of W seconds, then R
 * timed runs of about T seconds each; we report the median ns/object and the min and max.
 * rte_get_tsc_hz() is cross-checked against CLOCK_MONOTONIC at start-up (see check_tsc()).
 *
 * Usage: dpdk_bench <EAL args> -- [-r RUNS] [-t SECS] [-w SECS] [R1] [R2] [M1] [M2]
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_mempool.h>
#include <rte_ring.h>
#include <rte_version.h>

/* ---- scenario parameters (fixed by the Java benchmarks' definitions) ---- */

#define RING_SLOTS      1024u   /* count passed to rte_ring_create (usable capacity 1023) */
#define POOL_OBJECTS    8192u
#define POOL_ELT_SIZE   64u
#define POOL_CACHE      256u
#define POOL_OPS        "ring_mp_mc"
#define MAX_BURST       128u
#define MAX_RUNS        101

/*
 * The timed loops run in chunks of about this many objects between two reads of the TSC: large
 * enough that the clock read (a few tens of cycles under a hypervisor) costs well under 1% even at
 * 0.2 ns per object, small enough (well under 1 ms at DPDK speeds) to end a run close to T.
 */
#define CHUNK_OBJS      65536u

static const unsigned R1_BURSTS[] = { 1, 8, 32, 128 };
static const unsigned R2_BURSTS[] = { 1, 32 };
static const unsigned M1_BURSTS[] = { 1, 8, 32, 128 };
static const unsigned M2_BURSTS[] = { 1, 32 };

/* A ring sync mode: name as printed in the CSV and the rte_ring_create flags that select it. */
struct sync_mode {
	const char *name;
	unsigned flags;
	enum rte_ring_sync_type prod, cons;  /* what the created ring must report, as a check */
};

static const struct sync_mode MODES[] = {
	{ "SP/SC", RING_F_SP_ENQ | RING_F_SC_DEQ, RTE_RING_SYNC_ST, RTE_RING_SYNC_ST },
	{ "SP/MC", RING_F_SP_ENQ,                 RTE_RING_SYNC_ST, RTE_RING_SYNC_MT },
	{ "MP/SC", RING_F_SC_DEQ,                 RTE_RING_SYNC_MT, RTE_RING_SYNC_ST },
	{ "MP/MC", 0,                             RTE_RING_SYNC_MT, RTE_RING_SYNC_MT },
};

/* ---- options ---- */

enum { SC_R1, SC_R2, SC_M1, SC_M2, SC_COUNT };
static const char *const SCENARIO_NAMES[SC_COUNT] = { "R1", "R2", "M1", "M2" };

static struct {
	int runs;            /* R: timed runs per measurement */
	double secs;         /* T: length of one timed run */
	double warm_secs;    /* W: warm-up before the timed runs */
	bool selected[SC_COUNT];
} opt = { 3, 0.5, 0.1, { false } };

static uint64_t tsc_hz;
static unsigned worker_lcore = RTE_MAX_LCORE;   /* second lcore for R2 / M2 */

/* ---- helpers ---- */

/* Setup and correctness failures end the program with a message: a figure from a half-working
 * setup would be worse than none. Not used for anything expected (e.g. a full ring in R2). */
static __rte_noreturn void
fail(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("dpdk_bench: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static double
mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts ns[0..runs) and prints the CSV line: median, its inverse in Mobj/s, min, max. */
static void
report(const char *scenario, const char *variant, unsigned n, double *ns, int runs)
{
	double median;

	qsort(ns, runs, sizeof(ns[0]), cmp_double);
	median = (runs % 2) ? ns[runs / 2] : (ns[runs / 2 - 1] + ns[runs / 2]) / 2;
	/* 3 decimals: the fastest figures are ~0.3 ns, where 2 decimals would round by up to 2%. */
	printf("%s,%s,%u,%.3f,%.1f,%.3f,%.3f\n", scenario, variant, n,
	       median, 1e3 / median, ns[0], ns[runs - 1]);
	fflush(stdout);   /* the main job may be watching progress */
}

/*
 * rte_get_tsc_hz() may come from CPUID or from a short calibration, and under a hypervisor either
 * can be off. Every figure is divided by it, so compare it once with CLOCK_MONOTONIC.
 */
static void
check_tsc(void)
{
	double t0 = mono_secs(), t1;
	uint64_t c0 = rte_rdtsc(), c1;
	double measured, diff;

	do {
		t1 = mono_secs();
	} while (t1 - t0 < 0.05);
	c1 = rte_rdtsc();
	measured = (c1 - c0) / (t1 - t0);
	diff = (measured - (double)tsc_hz) / (double)tsc_hz * 100;
	printf("# timing: rte_rdtsc, rte_get_tsc_hz=%" PRIu64 " (CLOCK_MONOTONIC check: %+.2f%%)\n",
	       tsc_hz, diff);
	if (diff > 2 || diff < -2)
		fprintf(stderr, "dpdk_bench: warning: rte_get_tsc_hz() is %.1f%% off "
			"CLOCK_MONOTONIC; figures are skewed by as much\n", diff);
}

/* CPU time of the whole machine and of this process, to tell how much others ran meanwhile. */
struct cpu_sample {
	double wall, self, busy, steal;  /* seconds */
};

static void
cpu_sample(struct cpu_sample *s)
{
	unsigned long long user = 0, nice = 0, sys = 0, idle = 0, iowait = 0, irq = 0, softirq = 0,
			   steal = 0;
	double tick = (double)sysconf(_SC_CLK_TCK);
	struct rusage ru;
	FILE *f;

	s->wall = mono_secs();
	getrusage(RUSAGE_SELF, &ru);
	s->self = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 +
		  ru.ru_stime.tv_sec + ru.ru_stime.tv_usec * 1e-6;
	f = fopen("/proc/stat", "r");
	if (f != NULL) {
		if (fscanf(f, "cpu %llu %llu %llu %llu %llu %llu %llu %llu", &user, &nice, &sys,
			   &idle, &iowait, &irq, &softirq, &steal) != 8)
			user = nice = sys = irq = softirq = steal = 0;
		fclose(f);
	}
	s->busy = (user + nice + sys + irq + softirq) / tick;
	s->steal = steal / tick;
}

static void
print_machine_info(int eal_argc, char **eal_argv)
{
	char line[256], model[256] = "unknown", date[64];
	time_t now = time(NULL);
	FILE *f = fopen("/proc/cpuinfo", "r");
	int i;

	if (f != NULL) {
		while (fgets(line, sizeof(line), f) != NULL) {
			if (strncmp(line, "model name", 10) == 0 && strchr(line, ':') != NULL) {
				snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
				model[strcspn(model, "\n")] = '\0';
				break;
			}
		}
		fclose(f);
	}
	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	printf("# dpdk_bench (jmempool bench/native), %s\n", date);
	printf("# cpu: %s, %ld online CPUs, lcores used: %u\n", model,
	       sysconf(_SC_NPROCESSORS_ONLN), rte_lcore_count());
	printf("# dpdk: %s\n", rte_version());
	printf("# eal args:");
	for (i = 1; i < eal_argc; i++)
		printf(" %s", eal_argv[i]);
	printf("\n# runs=%d secs=%.3g warmup=%.3g; ns_per_obj is the median over runs, "
	       "mobj_per_s = 1000/ns_per_obj, ns_min/ns_max the extremes\n",
	       opt.runs, opt.secs, opt.warm_secs);
}

/* ---- measurement drivers ---- */

/*
 * A chunk function runs about CHUNK_OBJS objects of one scenario and returns how many it did.
 * The drivers call it through a pointer once per chunk, so the indirect call is amortised over
 * tens of thousands of ring or pool operations, while the hot loop inside stays a plain loop.
 */
typedef uint64_t (*chunk_fn)(void *ctx);

/* One timed run: chunks until `secs` have passed; returns ns per object. */
static double
timed_run(chunk_fn fn, void *ctx, double secs)
{
	uint64_t limit = (uint64_t)(secs * tsc_hz), objs = 0;
	uint64_t t0 = rte_rdtsc(), t;

	do {
		objs += fn(ctx);
		t = rte_rdtsc();
	} while (t - t0 < limit);
	return (double)(t - t0) * 1e9 / tsc_hz / objs;
}

/* Single-thread scenarios (R1, M1): warm-up, then opt.runs timed runs into ns[]. */
static void
measure_single(chunk_fn fn, void *ctx, double *ns)
{
	int r;

	timed_run(fn, ctx, opt.warm_secs);
	for (r = 0; r < opt.runs; r++)
		ns[r] = timed_run(fn, ctx, opt.secs);
}

/*
 * Two-lcore scenarios (R2, M2). The worker lcore runs its chunk function in a loop from before
 * the warm-up until after the last run, publishing its running object count after each chunk;
 * the main lcore runs its own chunk function and times the runs. Keeping the worker busy the
 * whole time means that every timed run sees the steady state, not a start or a drain.
 */
struct worker_ctl {
	chunk_fn fn;
	void *ctx;
	volatile bool started __rte_cache_aligned;
	volatile bool stop __rte_cache_aligned;      /* also read by R2's producer when full */
	volatile uint64_t objs __rte_cache_aligned;  /* written only by the worker */
};

static int
worker_main(void *arg)
{
	struct worker_ctl *w = arg;
	uint64_t objs = 0;

	__atomic_store_n(&w->started, true, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&w->stop, __ATOMIC_ACQUIRE)) {
		objs += w->fn(w->ctx);
		__atomic_store_n(&w->objs, objs, __ATOMIC_RELAXED);
	}
	return 0;
}

/*
 * add_worker: whether the worker's objects count towards the total. For R2 they do not (an
 * object is one enqueue plus one dequeue, so the consumer's count is the pair's count); for M2
 * they do (each lcore gets and puts its own objects).
 */
static void
measure_pair(chunk_fn main_fn, void *main_ctx, struct worker_ctl *w, bool add_worker, double *ns)
{
	int r, ret;

	w->started = false;
	w->stop = false;
	w->objs = 0;
	ret = rte_eal_remote_launch(worker_main, w, worker_lcore);
	if (ret != 0)
		fail("rte_eal_remote_launch on lcore %u: %s", worker_lcore, strerror(-ret));
	while (!__atomic_load_n(&w->started, __ATOMIC_ACQUIRE))
		rte_pause();

	timed_run(main_fn, main_ctx, opt.warm_secs);
	for (r = 0; r < opt.runs; r++) {
		uint64_t limit = (uint64_t)(opt.secs * tsc_hz), objs = 0, wobjs0, t0, t;

		wobjs0 = __atomic_load_n(&w->objs, __ATOMIC_RELAXED);
		t0 = rte_rdtsc();
		do {
			objs += main_fn(main_ctx);
			t = rte_rdtsc();
		} while (t - t0 < limit);
		/* The worker's count moves in chunks: at most one chunk off at each end, which is
		 * well under 1% of a run of T = 0.5 s at these rates. */
		if (add_worker)
			objs += __atomic_load_n(&w->objs, __ATOMIC_RELAXED) - wobjs0;
		ns[r] = (double)(t - t0) * 1e9 / tsc_hz / objs;
	}

	__atomic_store_n(&w->stop, true, __ATOMIC_RELEASE);
	ret = rte_eal_wait_lcore(worker_lcore);
	if (ret != 0)
		fail("worker lcore %u returned %d", worker_lcore, ret);
}

static unsigned
chunk_iters(unsigned n)
{
	return (CHUNK_OBJS + n - 1) / n;
}

/* ---- rings ---- */

struct ring_ctx {
	struct rte_ring *r;
	unsigned n;
	const volatile bool *stop;    /* R2 producer/consumer: give up a full/empty spin */
	void *src[MAX_BURST];         /* what gets enqueued */
	void *dst[MAX_BURST];         /* where dequeues land */
} __rte_cache_aligned;            /* one per lcore: keep them off each other's cache lines */

static struct rte_ring *
make_ring(const char *name, const struct sync_mode *m)
{
	struct rte_ring *r = rte_ring_create(name, RING_SLOTS, (int)rte_socket_id(), m->flags);

	if (r == NULL)
		fail("rte_ring_create(%s, %u, %s): %s", name, RING_SLOTS, m->name,
		     rte_strerror(rte_errno));
	/* The burst calls pick their algorithm from these fields at run time: make sure the
	 * flags gave the mode we are about to print. */
	if (rte_ring_get_prod_sync_type(r) != m->prod || rte_ring_get_cons_sync_type(r) != m->cons)
		fail("ring %s: sync types %d/%d, expected %s", name, rte_ring_get_prod_sync_type(r),
		     rte_ring_get_cons_sync_type(r), m->name);
	return r;
}

static void
ring_ctx_init(struct ring_ctx *c, struct rte_ring *r, unsigned n, const volatile bool *stop)
{
	unsigned i;

	memset(c, 0, sizeof(*c));
	c->r = r;
	c->n = n;
	c->stop = stop;
	/* Ring entries are opaque pointers; any non-NULL values will do. */
	for (i = 0; i < MAX_BURST; i++)
		c->src[i] = (void *)(uintptr_t)(0x1000 + 64 * i);
}

/* R1: the ring is empty at the start of every iteration, so each burst must go through whole. */
static uint64_t
r1_chunk(void *arg)
{
	struct ring_ctx *c = arg;
	struct rte_ring *r = c->r;
	unsigned n = c->n, iters = chunk_iters(n), i;

	for (i = 0; i < iters; i++) {
		if (unlikely(rte_ring_enqueue_burst(r, c->src, n, NULL) != n))
			fail("R1: short enqueue on an empty ring");
		if (unlikely(rte_ring_dequeue_burst(r, c->dst, n, NULL) != n))
			fail("R1: short dequeue after a full enqueue");
	}
	return (uint64_t)iters * n;
}

/* R2 producer (worker lcore): enqueue bursts of up to n; a full ring just means "try again",
 * except that once the main lcore has finished, nobody will empty it, so then return. */
static uint64_t
r2_produce_chunk(void *arg)
{
	struct ring_ctx *c = arg;
	uint64_t done = 0;

	while (done < CHUNK_OBJS) {
		unsigned k = rte_ring_enqueue_burst(c->r, c->src, c->n, NULL);

		if (k == 0 && __atomic_load_n(c->stop, __ATOMIC_RELAXED))
			break;
		done += k;
	}
	return done;
}

/* R2 consumer (main lcore): dequeue bursts of up to n; the count of objects dequeued is the
 * pair's throughput. The producer runs until after the last timed run, so no stop check. */
static uint64_t
r2_consume_chunk(void *arg)
{
	struct ring_ctx *c = arg;
	uint64_t done = 0;

	while (done < CHUNK_OBJS)
		done += rte_ring_dequeue_burst(c->r, c->dst, c->n, NULL);
	return done;
}

static void
run_r1(void)
{
	static struct ring_ctx ctx;
	double ns[MAX_RUNS];
	size_t m, b;

	for (m = 0; m < RTE_DIM(MODES); m++) {
		for (b = 0; b < RTE_DIM(R1_BURSTS); b++) {
			struct rte_ring *r = make_ring("r1", &MODES[m]);

			ring_ctx_init(&ctx, r, R1_BURSTS[b], NULL);
			measure_single(r1_chunk, &ctx, ns);
			report("R1", MODES[m].name, R1_BURSTS[b], ns, opt.runs);
			rte_ring_free(r);
		}
	}
}

static void
run_r2(void)
{
	static struct ring_ctx prod, cons;
	static struct worker_ctl w;
	/* The Java R2 benchmarks compare single- and multi-producer/consumer rings. */
	static const struct sync_mode *const r2_modes[] = { &MODES[0], &MODES[3] };
	double ns[MAX_RUNS];
	size_t m, b;

	for (m = 0; m < RTE_DIM(r2_modes); m++) {
		for (b = 0; b < RTE_DIM(R2_BURSTS); b++) {
			struct rte_ring *r = make_ring("r2", r2_modes[m]);

			ring_ctx_init(&prod, r, R2_BURSTS[b], &w.stop);
			ring_ctx_init(&cons, r, R2_BURSTS[b], &w.stop);
			w.fn = r2_produce_chunk;
			w.ctx = &prod;
			measure_pair(r2_consume_chunk, &cons, &w, false, ns);
			report("R2", r2_modes[m]->name, R2_BURSTS[b], ns, opt.runs);
			rte_ring_free(r);
		}
	}
}

/* ---- mempools ---- */

struct pool_ctx {
	struct rte_mempool *mp;
	struct rte_mempool_cache *cache;   /* user-owned cache, or NULL for the lcore's default */
	unsigned n;
	void *objs[MAX_BURST];
} __rte_cache_aligned;

/*
 * Build the pool step by step instead of with rte_mempool_create() so that the ops are named
 * explicitly: rte_mempool_create() would pick "ring_mp_mc" from flags 0 too, but only implicitly.
 */
static struct rte_mempool *
make_pool(const char *name, unsigned cache_size)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, POOL_OBJECTS, POOL_ELT_SIZE, cache_size, 0,
				      (int)rte_socket_id(), 0);
	if (mp == NULL)
		fail("rte_mempool_create_empty(%s): %s", name, rte_strerror(rte_errno));
	ret = rte_mempool_set_ops_byname(mp, POOL_OPS, NULL);
	if (ret != 0)
		fail("rte_mempool_set_ops_byname(%s): %s", POOL_OPS, strerror(-ret));
	ret = rte_mempool_populate_default(mp);
	if (ret < 0)
		fail("rte_mempool_populate_default(%s): %s", name, strerror(-ret));
	if (rte_mempool_avail_count(mp) != POOL_OBJECTS)
		fail("pool %s holds %u objects, expected %u", name, rte_mempool_avail_count(mp),
		     POOL_OBJECTS);
	return mp;
}

static void
pool_ctx_init(struct pool_ctx *c, struct rte_mempool *mp, struct rte_mempool_cache *cache,
	      unsigned n)
{
	memset(c, 0, sizeof(*c));
	c->mp = mp;
	c->cache = cache;
	c->n = n;
}

/* M1/M2 with the pool's own cache (per-lcore default cache, or none when cache_size is 0).
 * The pool holds far more than both lcores' caches plus a burst, so a get must never fail. */
static uint64_t
pool_chunk(void *arg)
{
	struct pool_ctx *c = arg;
	struct rte_mempool *mp = c->mp;
	unsigned n = c->n, iters = chunk_iters(n), i;

	for (i = 0; i < iters; i++) {
		if (unlikely(rte_mempool_get_bulk(mp, c->objs, n) != 0))
			fail("rte_mempool_get_bulk(%u) failed on a non-empty pool", n);
		rte_mempool_put_bulk(mp, c->objs, n);
	}
	return (uint64_t)iters * n;
}

/* M1 usercache256: the same loop through a cache the caller owns (as a non-EAL thread would). */
static uint64_t
pool_user_cache_chunk(void *arg)
{
	struct pool_ctx *c = arg;
	struct rte_mempool *mp = c->mp;
	struct rte_mempool_cache *cache = c->cache;
	unsigned n = c->n, iters = chunk_iters(n), i;

	for (i = 0; i < iters; i++) {
		if (unlikely(rte_mempool_generic_get(mp, c->objs, n, cache) != 0))
			fail("rte_mempool_generic_get(%u) failed on a non-empty pool", n);
		rte_mempool_generic_put(mp, c->objs, n, cache);
	}
	return (uint64_t)iters * n;
}

static void
run_m1(void)
{
	static struct pool_ctx ctx;
	double ns[MAX_RUNS];
	struct rte_mempool *mp;
	size_t b;

	/* Say once what an object costs in memory, since the Java pools are compared on it. */
	mp = make_pool("m1", POOL_CACHE);
	printf("# M1/M2 pool: %u objects x %u B, %u B each with header and trailer, ops %s\n",
	       POOL_OBJECTS, POOL_ELT_SIZE, mp->header_size + mp->elt_size + mp->trailer_size,
	       mp->ops_index >= 0 ? rte_mempool_get_ops(mp->ops_index)->name : "?");
	rte_mempool_free(mp);

	/* A fresh pool per measurement: no state (cache contents, ring positions) carries over. */
	for (b = 0; b < RTE_DIM(M1_BURSTS); b++) {
		mp = make_pool("m1", POOL_CACHE);
		pool_ctx_init(&ctx, mp, NULL, M1_BURSTS[b]);
		measure_single(pool_chunk, &ctx, ns);
		report("M1", "cache256", M1_BURSTS[b], ns, opt.runs);
		rte_mempool_free(mp);
	}
	for (b = 0; b < RTE_DIM(M1_BURSTS); b++) {
		mp = make_pool("m1", 0);
		pool_ctx_init(&ctx, mp, NULL, M1_BURSTS[b]);
		measure_single(pool_chunk, &ctx, ns);
		report("M1", "nocache", M1_BURSTS[b], ns, opt.runs);
		rte_mempool_free(mp);
	}
	/* The pool itself has no cache here, so the user cache is the only one in play. */
	for (b = 0; b < RTE_DIM(M1_BURSTS); b++) {
		struct rte_mempool_cache *cache;

		mp = make_pool("m1", 0);
		cache = rte_mempool_cache_create(POOL_CACHE, (int)rte_socket_id());
		if (cache == NULL)
			fail("rte_mempool_cache_create(%u): %s", POOL_CACHE, rte_strerror(rte_errno));
		pool_ctx_init(&ctx, mp, cache, M1_BURSTS[b]);
		measure_single(pool_user_cache_chunk, &ctx, ns);
		report("M1", "usercache256", M1_BURSTS[b], ns, opt.runs);
		/* Objects still in the user cache belong to the pool: hand them back first. */
		rte_mempool_cache_flush(cache, mp);
		rte_mempool_cache_free(cache);
		if (rte_mempool_avail_count(mp) != POOL_OBJECTS)
			fail("usercache256: %u objects back in the pool, expected %u",
			     rte_mempool_avail_count(mp), POOL_OBJECTS);
		rte_mempool_free(mp);
	}
}

static void
run_m2(void)
{
	static struct pool_ctx main_ctx, worker_ctx;
	static struct worker_ctl w;
	double ns[MAX_RUNS];
	size_t b;

	for (b = 0; b < RTE_DIM(M2_BURSTS); b++) {
		/* Each lcore gets and puts through its own default cache of the shared pool. */
		struct rte_mempool *mp = make_pool("m2", POOL_CACHE);

		pool_ctx_init(&main_ctx, mp, NULL, M2_BURSTS[b]);
		pool_ctx_init(&worker_ctx, mp, NULL, M2_BURSTS[b]);
		w.fn = pool_chunk;
		w.ctx = &worker_ctx;
		measure_pair(pool_chunk, &main_ctx, &w, true, ns);
		report("M2", "cache256", M2_BURSTS[b], ns, opt.runs);
		rte_mempool_free(mp);
	}
}

/* ---- command line ---- */

static __rte_noreturn void
usage(const char *prog, int code)
{
	fprintf(code ? stderr : stdout,
		"usage: %s <EAL args> -- [-r RUNS] [-t SECS] [-w SECS] [R1] [R2] [M1] [M2]\n"
		"  -r RUNS  timed runs per measurement, median reported (default 3, max %d)\n"
		"  -t SECS  length of one timed run (default 0.5)\n"
		"  -w SECS  warm-up before the timed runs (default 0.1)\n"
		"  scenarios: any of R1 R2 M1 M2 (default all)\n",
		prog, MAX_RUNS);
	exit(code);
}

static double
parse_secs(const char *prog, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !(v > 0) || v > 3600)
		usage(prog, 2);
	return v;
}

static void
parse_args(int argc, char **argv)
{
	bool any = false;
	int i, s;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(argv[0], 0);
		} else if (strcmp(a, "-r") == 0 && i + 1 < argc) {
			char *end;
			long v = strtol(argv[++i], &end, 10);

			if (*end != '\0' || v < 1 || v > MAX_RUNS)
				usage(argv[0], 2);
			opt.runs = (int)v;
		} else if (strcmp(a, "-t") == 0 && i + 1 < argc) {
			opt.secs = parse_secs(argv[0], argv[++i]);
		} else if (strcmp(a, "-w") == 0 && i + 1 < argc) {
			opt.warm_secs = parse_secs(argv[0], argv[++i]);
		} else {
			for (s = 0; s < SC_COUNT; s++)
				if (strcasecmp(a, SCENARIO_NAMES[s]) == 0)
					break;
			if (s == SC_COUNT) {
				fprintf(stderr, "dpdk_bench: unknown argument '%s'\n", a);
				usage(argv[0], 2);
			}
			opt.selected[s] = true;
			any = true;
		}
	}
	if (!any)
		for (s = 0; s < SC_COUNT; s++)
			opt.selected[s] = true;
}

int
main(int argc, char **argv)
{
	struct cpu_sample c0, c1;
	double other, steal;
	int eal_argc, ret;

	/* Linux EAL logs to stdout by default; stdout is reserved for the CSV. */
	if (rte_openlog_stream(stderr) != 0)
		fprintf(stderr, "dpdk_bench: warning: could not send EAL log to stderr\n");

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		fail("rte_eal_init: %s", rte_strerror(rte_errno));
	eal_argc = ret;
	/* rte_eal_init leaves the program name just before the application's arguments. */
	parse_args(argc - ret, argv + ret);

	if (opt.selected[SC_R2] || opt.selected[SC_M2]) {
		worker_lcore = rte_get_next_lcore(-1, 1, 0);
		if (worker_lcore >= RTE_MAX_LCORE)
			fail("R2 and M2 need two lcores (EAL -l 0-1); got %u", rte_lcore_count());
	}

	tsc_hz = rte_get_tsc_hz();
	if (tsc_hz == 0)
		fail("rte_get_tsc_hz() returned 0");
	print_machine_info(eal_argc, argv);
	check_tsc();
	printf("scenario,variant,n,ns_per_obj,mobj_per_s,ns_min,ns_max\n");
	fflush(stdout);

	cpu_sample(&c0);
	if (opt.selected[SC_R1])
		run_r1();
	if (opt.selected[SC_R2])
		run_r2();
	if (opt.selected[SC_M1])
		run_m1();
	if (opt.selected[SC_M2])
		run_m2();
	cpu_sample(&c1);

	/* A noise indicator: the CPU time that other processes took while we measured, as a share
	 * of all CPUs, and the time the hypervisor took away (steal). */
	other = (c1.busy - c0.busy) - (c1.self - c0.self);
	steal = c1.steal - c0.steal;
	printf("# done in %.1f s; other processes used %.0f%% of the %ld CPUs, steal %.0f%%\n",
	       c1.wall - c0.wall,
	       other > 0 ? 100 * other / ((c1.wall - c0.wall) * sysconf(_SC_NPROCESSORS_ONLN)) : 0,
	       sysconf(_SC_NPROCESSORS_ONLN),
	       100 * steal / ((c1.wall - c0.wall) * sysconf(_SC_NPROCESSORS_ONLN)));

	ret = rte_eal_cleanup();
	if (ret != 0)
		fail("rte_eal_cleanup: %s", strerror(-ret));
	return 0;
}
