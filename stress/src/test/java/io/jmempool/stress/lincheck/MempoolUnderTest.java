package io.jmempool.stress.lincheck;

import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import io.jmempool.internal.TestHooks;
import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Lcore;
import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;
import io.jmempool.ring.Ring;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.datastructures.ThreadIdGen;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The mempool as a Lincheck test subject: two workers, each a Lincheck thread with its own lcore id (so its own
 * default cache) and its own user-owned cache, get and put objects through both, against {@link MempoolBagSpec}
 * (checked by {@link MempoolBagVerifier}). One pool per test class, put back into the same state before every
 * invocation (Lincheck has no tear-down, and a pool per invocation is two shared arenas to create and close).
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li><b>Linearizability</b> to the bag with caches: every result (objects moved, and the caller's cache length
 *       afterwards) is one the specification allows in some order that respects real time, which includes "a get
 *       fails while the other worker's caches hold objects" and excludes a get that fails although its own cache
 *       and the backend could serve it.</li>
 *   <li><b>No object handed out twice</b>: an ownership table, indexed by the handle's object index; a get that
 *       returns an object already out throws, and any exception fails the verifier.</li>
 *   <li><b>Conservation at quiescence</b> ({@link #objectsAreConserved()}, after the post part, when nothing is in
 *       flight): backend + every cache + what the workers hold == n, and {@code availCount()} and
 *       {@code commonPoolCount()} say what DPDK's counting rules say.</li>
 * </ul>
 *
 * <h2>Scenarios</h2>
 * Lincheck generates only a dozen scenarios per run (with a fixed seed), so the start state is chosen to make every
 * step of both cache algorithms likely within nine operations: each worker starts holding objects and with a user
 * cache that is full or nearly empty, the backend holds one object, k runs from 1 to 4 ({@link MempoolBagSpec} has
 * the numbers). A test checks after each model-checking run that flushes, refills, bypasses, direct puts and failed
 * gets with a rollback all happened, and a get failed while the other worker's caches held objects ({@link Step}).
 *
 * <h2>Workers and threads</h2>
 * Lincheck runs the init and post parts on the thread of parallel thread 1, so worker 0 is Lincheck's threads 0
 * (init), 1 and 3 (post), and worker 1 is thread 2: {@link ThreadIdGen} passes the number, {@link #worker} maps it.
 * Each operation checks that its worker keeps one OS thread and that the two workers hold different lcore ids; if a
 * Lincheck version changed how it runs the parts, the check would fail rather than pass with shared caches. Failing
 * scenarios are not minimised: ThreadIdGen's numbers are fixed when a scenario is generated, and minimisation moves
 * operations between parts.
 *
 * <h2>Visibility to the model checker</h2>
 * The backend is an MP/MC ring in off-heap memory: {@link LincheckRuns#modelChecking()} declares {@code Mem} atomic,
 * so every access to it is a point where threads can switch, and the pool's backend ring must be the shared class
 * (run with {@code -Djmempool.ring.specialize=false}, as stress/pom.xml does; the fixture refuses a specialised one).
 * The caches are on-heap and seen as they are. The bookkeeping ({@link Worker}) is declared ignored, so the model
 * checker spends its switches in the pool, not in the test.
 */
@Param(name = "t", gen = ThreadIdGen.class)
@Param(name = "k", gen = IntGen.class, conf = "1:4")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // model checking first: see stress/pom.xml
public abstract class MempoolUnderTest {
    static final int THREADS = LincheckRuns.THREADS;
    /** The backend ring's indices start here, so scenarios cross the 2^32 wrap. */
    static final int START = -5;

    /**
     * The steps of the cache algorithms, as spec/MempoolCache.tla and the Mempool comments name them (PUT_FLUSH is
     * PutFlushHalf or PutFlushAll, GET_REFILL GetRefill or GetRefillFull), and the situation DPDK documents: a get
     * that fails while the other worker's caches hold objects.
     */
    enum Step {
        GET_HIT, GET_REFILL, GET_BYPASS, GET_FAIL, GET_ROLLBACK, PUT_APPEND, PUT_FLUSH, PUT_DIRECT, CACHE_FLUSH,
        GET_FAILS_WHILE_OTHER_CACHES_HOLD
    }

    private static final Map<Class<?>, Fixture> FIXTURES = new ConcurrentHashMap<>();

    private final Fixture fixture;
    private final Mempool pool;
    private final Ring backend;
    final Worker[] workers = new Worker[2];

    protected MempoolUnderTest(Class<? extends MempoolBagSpec> spec) {
        fixture = FIXTURES.computeIfAbsent(getClass(), c -> new Fixture(newSpec(spec), c.getSimpleName()
                .replace("MempoolLincheckTest", "")));
        pool = fixture.reset(this);
        backend = fixture.ring;
    }

    /** Worker 0 runs Lincheck's init part, parallel thread 1 and the post part; worker 1 parallel thread 2. */
    static int worker(int threadId, int threads) {
        return threadId >= 1 && threadId <= threads ? threadId - 1 : 0;
    }

    private Worker enter(int threadId) {
        return workers[worker(threadId, THREADS)].enter(workers);
    }

    // ----------------------------------------------------------------------------------------------------------
    // The checks each policy's subclass runs

    @Test
    @Order(1)
    void linearizableToTheBagUnderModelChecking() {
        modelCheckReachingEveryStep(getClass());
    }

    @Test
    @Order(2)
    void linearizableToTheBagUnderStress() {
        stress(getClass()).check(getClass());
    }

    // ----------------------------------------------------------------------------------------------------------
    // Operations: through the worker's default cache (get, put and their bulk forms, flush) and its user cache

    @Operation(params = "t")
    public Outcome get(int t) {
        Worker w = enter(t);
        int before = w.defaultLength();
        long h = pool.get();
        return w.got(h == Mempool.NULL_HANDLE ? null : new long[] {h}, 1, before, w.defaultLength());
    }

    @Operation(params = {"t", "k"})
    public Outcome getBulk(int t, int k) {
        Worker w = enter(t);
        int before = w.defaultLength();
        long[] objs = new long[k];
        boolean ok = pool.getBulk(objs, 0, k);
        return w.got(ok ? objs : null, k, before, w.defaultLength());
    }

    @Operation(params = {"t", "k"})
    public Outcome userGet(int t, int k) {
        Worker w = enter(t);
        int before = w.user.length();
        long[] objs = new long[k];
        boolean ok = pool.genericGet(objs, 0, k, w.user);
        return w.got(ok ? objs : null, k, before, w.user.length());
    }

    @Operation(params = "t")
    public Outcome put(int t) {
        Worker w = enter(t);
        int before = w.defaultLength();
        long[] objs = w.give(1);
        if (objs.length == 1) {
            pool.put(objs[0]);
        }
        return w.put(objs.length, before, w.defaultLength());
    }

    @Operation(params = {"t", "k"})
    public Outcome putBulk(int t, int k) {
        Worker w = enter(t);
        int before = w.defaultLength();
        long[] objs = w.give(k);
        if (objs.length > 0) {
            pool.putBulk(objs, 0, objs.length);
        }
        return w.put(objs.length, before, w.defaultLength());
    }

    @Operation(params = {"t", "k"})
    public Outcome userPut(int t, int k) {
        Worker w = enter(t);
        int before = w.user.length();
        long[] objs = w.give(k);
        if (objs.length > 0) {
            pool.genericPut(objs, 0, objs.length, w.user);
        }
        return w.put(objs.length, before, w.user.length());
    }

    /** {@code cacheFlush(null)}: the worker's default cache, all of it, to the backend (scenario 33's remedy). */
    @Operation(params = "t")
    public Outcome flush(int t) {
        Worker w = enter(t);
        int before = w.defaultLength();
        pool.cacheFlush(null);
        return w.flushed(before, w.defaultLength());
    }

    /**
     * Runs after the post part, when nothing is in flight: the bag is conserved, and the pool counts it as DPDK does
     * (default caches counted, user caches not; the backend alone as the common pool).
     */
    @Validate
    public void objectsAreConserved() {
        if (!Boolean.parseBoolean(System.getProperty("mempool.lincheck.validate", "true"))) {
            return;
        }
        int inBackend = backend.count();
        int defaults = 0;
        int users = 0;
        int held = 0;
        for (Worker w : workers) {
            defaults += w.defaultLength();
            users += w.user.length();
            held += w.held;
        }
        int n = fixture.spec.size();
        if (inBackend + defaults + users + held != n) {
            throw new IllegalStateException("objects not conserved: backend " + inBackend + " + default caches "
                    + defaults + " + user caches " + users + " + held " + held + " != n = " + n);
        }
        int avail = Math.min(n, inBackend + defaults);
        if (pool.availCount() != avail || pool.commonPoolCount() != Math.min(n, inBackend)) {
            throw new IllegalStateException("availCount " + pool.availCount() + ", commonPoolCount "
                    + pool.commonPoolCount() + ": expected " + avail + " and " + Math.min(n, inBackend) + " (backend "
                    + inBackend + ", default caches " + defaults + ")");
        }
    }

    // ----------------------------------------------------------------------------------------------------------
    // Options and coverage

    /**
     * Model checking of a mempool test class: {@link LincheckRuns#modelChecking()} with the bag specification, its
     * verifier, and no minimisation (see the class comment).
     *
     * @param test a subclass with a public static {@code SPEC}
     * @return the options
     */
    public static ModelCheckingOptions modelChecking(Class<?> test) {
        return LincheckRuns.modelChecking().sequentialSpecification(specOf(test))
                .verifier(MempoolBagVerifier.class).minimizeFailedScenario(false).addGuarantee(ignoreBookkeeping());
    }

    /**
     * Stress of a mempool test class, as {@link #modelChecking(Class)}.
     *
     * @param test a subclass with a public static {@code SPEC}
     * @return the options
     */
    public static StressOptions stress(Class<?> test) {
        return LincheckRuns.stress().sequentialSpecification(specOf(test)).verifier(MempoolBagVerifier.class)
                .minimizeFailedScenario(false);
    }

    private static org.jetbrains.lincheck.datastructures.ManagedStrategyGuarantee ignoreBookkeeping() {
        return forClasses(Worker.class.getName()).allMethods().ignore();
    }

    private static Class<?> specOf(Class<?> test) {
        try {
            return (Class<?>) test.getField("SPEC").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(test + " declares no public static SPEC", e);
        }
    }

    private static MempoolBagSpec newSpec(Class<? extends MempoolBagSpec> spec) {
        try {
            return spec.getDeclaredConstructor().newInstance();
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException
                 | NoSuchMethodException e) {
            throw new IllegalStateException("cannot create " + spec, e);
        }
    }

    /**
     * Model checking, then a check that the scenarios reached every step of the cache algorithm: a run that never
     * flushes, refills or rolls back a get cannot fail on a bug there. Lincheck's scenarios come from a fixed seed,
     * so which steps a run reaches is reproducible; the steps reached are printed for the record.
     *
     * @param test the test class
     */
    static void modelCheckReachingEveryStep(Class<?> test) {
        takeStepsReached(test); // forget other runs
        modelChecking(test).check(test);
        Set<Step> reached = takeStepsReached(test);
        Set<Step> missed = EnumSet.complementOf(EnumSet.copyOf(reached));
        int invocations = FIXTURES.get(test).lastInvocations;
        System.out.println(test.getSimpleName() + ": model checking ran " + invocations
                + " invocations and reached " + reached);
        int scenarios = Integer.getInteger("lincheck.mc.iterations", 12);
        if (invocations <= 2 * scenarios) {
            // Seen with Lincheck 3.7 after a stress run of a mempool test in the same JVM: one invocation per
            // scenario, which means no thread switch was explored. stress/pom.xml gives each test class its own JVM.
            throw new AssertionError(test.getSimpleName() + ": model checking ran only " + invocations
                    + " invocations for " + scenarios + " scenarios, so it explored no interleaving; was a Lincheck "
                    + "stress run of a mempool test made in this JVM before it?");
        }
        if (!missed.isEmpty()) {
            throw new AssertionError(test.getSimpleName() + ": the scenarios never reached " + missed
                    + "; change the start state in MempoolBagSpec or the budget");
        }
    }

    /**
     * The cache steps the invocations of {@code test} have reached since the last call, then forgets them. The last
     * invocation's steps count once the next test instance is made, or at this call.
     *
     * @param test the test class
     * @return the steps reached
     */
    static Set<Step> takeStepsReached(Class<?> test) {
        Fixture f = FIXTURES.get(test);
        return f == null ? EnumSet.noneOf(Step.class) : f.takeSteps();
    }

    // ----------------------------------------------------------------------------------------------------------

    /**
     * One worker's side of an invocation: its thread, caches, the objects it holds, and the steps it took. Declared
     * ignored to the model checker (see {@link #modelChecking(Class)}): none of this is the pool.
     */
    static final class Worker {
        final int index;
        final Mempool pool;
        final MempoolCache user;
        final boolean[] out;
        final int cacheSize;
        final MempoolBagSpec spec;
        final long[] holding;
        int held;
        Thread thread;
        Worker other;
        int lcore = -1;
        MempoolCache defaultCache;
        int steps;

        Worker(int index, Mempool pool, MempoolCache user, boolean[] out, MempoolBagSpec spec) {
            this.index = index;
            this.pool = pool;
            this.user = user;
            this.out = out;
            this.spec = spec;
            this.cacheSize = spec.cacheSize;
            this.holding = new long[out.length];
        }

        /** Called first by every operation: ties the worker to one thread and that thread to an lcore id. */
        Worker enter(Worker[] all) {
            Thread me = Thread.currentThread();
            if (thread == null) {
                thread = me;
                lcore = Lcore.register();
                defaultCache = pool.defaultCache(); // this lcore's, created on first use
            } else if (thread != me) {
                throw new IllegalStateException("worker " + index + " ran on " + thread.getName() + " and now on "
                        + me.getName() + ": Lincheck no longer runs the init and post parts on parallel thread 1");
            }
            other = all[1 - index];
            if (other.thread == me || other.lcore == lcore && other.thread != null) {
                throw new IllegalStateException("workers 0 and 1 share a thread or an lcore id (" + lcore + ")");
            }
            return this;
        }

        /** The default cache's length; 0 before the worker's first operation, which may be none at all. */
        int defaultLength() {
            return defaultCache == null ? 0 : defaultCache.length();
        }

        /** Records a get: the objects (null if it failed) enter the ownership table and the worker's holding. */
        Outcome got(long[] objs, int k, int before, int after) {
            if (objs != null) {
                for (long h : objs) {
                    int i = (int) h;
                    if (out[i]) {
                        throw new IllegalStateException("object " + i + " handed out twice");
                    }
                    out[i] = true;
                    holding[held++] = h;
                }
            }
            if (objs == null) {
                step(before > 0 ? Step.GET_ROLLBACK : Step.GET_FAIL);
                if (other.user.length() + other.defaultLength() > 0) { // a racy read, for the tally only
                    step(Step.GET_FAILS_WHILE_OTHER_CACHES_HOLD);
                }
            } else if (k <= before) {
                step(Step.GET_HIT);
            } else if (after > 0) {
                step(Step.GET_REFILL); // a bypass leaves the cache empty
            } else if (spec.policy != CachePolicy.V26_07 || k - before != cacheSize >>> 1) {
                step(Step.GET_BYPASS); // else a refill of exactly the rest: empty either way, not counted
            }
            return new Outcome(objs == null ? 0 : k, spec.lengths ? after : -1);
        }

        /** Takes up to k objects from the holding, last got first, and releases them in the ownership table. */
        long[] give(int k) {
            int m = Math.min(k, held);
            long[] objs = new long[m];
            for (int j = 0; j < m; j++) {
                long h = holding[--held];
                out[(int) h] = false; // before the put: once put, another worker may get it
                objs[j] = h;
            }
            return objs;
        }

        Outcome put(int m, int before, int after) {
            if (m > 0) {
                step(putStep(before, m)); // the worker's own cache decides, so the step follows from its length
            }
            return new Outcome(m, spec.lengths ? after : -1);
        }

        Outcome flushed(int before, int after) {
            if (before > 0) {
                step(Step.CACHE_FLUSH);
            }
            return spec.lengths ? new Outcome(before, after) : new Outcome(-1, -1);
        }

        private Step putStep(int len, int m) {
            if (spec.policy == CachePolicy.V26_07) {
                return len + m <= cacheSize ? Step.PUT_APPEND : m <= cacheSize >>> 1 ? Step.PUT_FLUSH : Step.PUT_DIRECT;
            }
            int threshold = cacheSize * 3 / 2;
            return m > threshold ? Step.PUT_DIRECT : len + m <= threshold ? Step.PUT_APPEND : Step.PUT_FLUSH;
        }

        private void step(Step s) {
            steps |= 1 << s.ordinal();
        }
    }

    /** The pool of one test class and what resets it; used only between invocations, on Lincheck's main thread. */
    private static final class Fixture {
        final MempoolBagSpec spec;
        final String name;
        Mempool pool;
        Ring ring;
        MempoolCache[] users;
        MempoolUnderTest last;
        private int steps;
        private int invocations;
        int lastInvocations;

        Fixture(MempoolBagSpec spec, String name) {
            this.spec = spec;
            this.name = "lincheck-" + name;
            build();
        }

        private void build() {
            pool = Mempool.builder(name).size(spec.size()).elementSize(8).cacheSize(spec.cacheSize)
                    .cachePolicy(spec.policy).create(null, null);
            ring = Ring.lookup("MP_" + name).orElseThrow();
            if (ring.isSpecialized()) {
                pool.close();
                throw new IllegalStateException("the pool's backend ring is a hidden class, which Lincheck does not "
                        + "see: run with -Djmempool.ring.specialize=false");
            }
            users = new MempoolCache[] {MempoolCache.create(spec.cacheSize), MempoolCache.create(spec.cacheSize)};
        }

        synchronized Set<Step> takeSteps() {
            if (last != null) {
                fold(last);
            }
            lastInvocations = invocations;
            invocations = 0;
            Set<Step> reached = EnumSet.noneOf(Step.class);
            for (Step s : Step.values()) {
                if ((steps & 1 << s.ordinal()) != 0) {
                    reached.add(s);
                }
            }
            steps = 0;
            return reached;
        }

        private void fold(MempoolUnderTest t) {
            for (Worker w : t.workers) {
                steps |= w.steps;
                w.steps = 0;
            }
        }

        /**
         * Gathers every object back (from the previous invocation's caches and holdings, through no cache), restarts
         * the backend ring's indices at {@link #START}, and lays out the specification's start state: each worker's
         * holding and user cache, the rest in the backend, in index order. A pool that lost or gained objects (a
         * mutant) is closed and built again, so that the run that found it can be replayed.
         */
        synchronized Mempool reset(MempoolUnderTest next) {
            MempoolUnderTest prev = last;
            last = next;
            invocations++;
            int n = spec.size();
            long[] all = new long[n];
            if (prev != null) {
                fold(prev);
            }
            if (!gather(prev, all)) {
                pool.close();
                build();
                if (!gather(null, all)) {
                    throw new IllegalStateException("a new pool does not hold its " + n + " objects");
                }
            }
            Arrays.sort(all); // handles are tag << 32 | index
            TestHooks.startIndicesAt(ring, START);
            boolean[] out = new boolean[n];
            int at = 0;
            for (int w = 0; w < 2; w++) {
                Worker worker = new Worker(w, pool, users[w], out, spec);
                for (int j = 0; j < spec.initialHeld(w); j++) {
                    long h = all[at++];
                    out[(int) h] = true;
                    worker.holding[worker.held++] = h;
                }
                pool.genericPut(all, at, spec.initialUser(w), users[w]);
                at += spec.initialUser(w);
                next.workers[w] = worker;
            }
            pool.genericPut(all, at, n - at, null);
            return pool;
        }

        /** Returns everything to the backend and takes all n out through no cache; false if the count is off. */
        private boolean gather(MempoolUnderTest prev, long[] all) {
            try {
                if (prev != null) {
                    for (Worker w : prev.workers) {
                        if (w.defaultCache != null) {
                            pool.cacheFlush(w.defaultCache);
                        }
                        pool.genericPut(w.holding, 0, w.held, null);
                    }
                }
                for (MempoolCache u : users) {
                    pool.cacheFlush(u);
                }
                return pool.genericGet(all, 0, all.length, null) && ring.count() == 0 && pool.availCount() == 0;
            } catch (RuntimeException e) {
                return false; // a double put, a foreign handle: the previous invocation broke the pool
            }
        }
    }
}
