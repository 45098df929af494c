package io.jmempool.bench;

import io.jmempool.ring.Ring;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;
import org.jctools.queues.SpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * R1: one thread enqueues a burst of {@code n} into a queue of 1024 slots and dequeues it again. Scores are ns per
 * invocation; divide by {@code n} for ns per object (one enqueue plus one dequeue). The reporting harness does.
 *
 * <p>Each peer is the one built for the same mode: JCTools {@code Spsc}/{@code Spmc}/{@code Mpsc}/{@code Mpmc}
 * array queues, Agrona {@code OneToOne}/{@code ManyToOne}/{@code ManyToMany} (Agrona has no SPMC queue, so SP/MC uses
 * ManyToMany), and {@code ArrayBlockingQueue} for all. The peers queue boxed {@code Long}s that are allocated once in
 * set-up, so no one allocates in the measured loop. Agrona 2.x needs {@code jdk.internal.misc} exported to it; the
 * fork's JVM arguments do that for every benchmark of the class, ours included (our code does not use it).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class R1Ring {
    static final int CAPACITY = 1024;

    @Param({"1", "8", "32", "128"})
    public int n;

    @Param({"SP/SC", "MP/MC", "SP/MC", "MP/SC"})
    public String mode;

    private Ring ring;
    private Ring sharedRing;
    private long[] buf;

    private MessagePassingQueue<Long> jctools;
    private Queue<Long> agrona;
    private ArrayBlockingQueue<Long> abq;
    private Long[] items;
    private final Filler filler = new Filler();
    private final Drainer drainer = new Drainer();

    static int flags(String mode) {
        return switch (mode) {
            case "SP/SC" -> Ring.SP_ENQ | Ring.SC_DEQ;
            case "MP/MC" -> 0;
            case "SP/MC" -> Ring.SP_ENQ;
            case "MP/SC" -> Ring.SC_DEQ;
            default -> throw new IllegalArgumentException("mode = " + mode);
        };
    }

    @Setup(Level.Trial)
    public void setUp() {
        ring = Ring.builder("r1").count(CAPACITY).flags(flags(mode)).specialized(true).create();
        sharedRing = Ring.builder("r1-shared").count(CAPACITY).flags(flags(mode)).specialized(false).create();
        buf = new long[n];
        for (int i = 0; i < n; i++) {
            buf[i] = i + 1;
        }
        items = new Long[n];
        for (int i = 0; i < n; i++) {
            items[i] = (long) (i + 1000); // outside the Long cache, like real objects
        }
        filler.items = items;
        jctools = switch (mode) {
            case "SP/SC" -> new SpscArrayQueue<>(CAPACITY);
            case "MP/MC" -> new MpmcArrayQueue<>(CAPACITY);
            case "SP/MC" -> new SpmcArrayQueue<>(CAPACITY);
            default -> new MpscArrayQueue<>(CAPACITY);
        };
        agrona = switch (mode) {
            case "SP/SC" -> new OneToOneConcurrentArrayQueue<>(CAPACITY);
            case "MP/SC" -> new ManyToOneConcurrentArrayQueue<>(CAPACITY);
            default -> new ManyToManyConcurrentArrayQueue<>(CAPACITY);
        };
        abq = new ArrayBlockingQueue<>(CAPACITY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
        sharedRing.close();
    }

    /** Our ring, specialised: a burst of n in, the same out. */
    @Benchmark
    public int jmempool() {
        ring.enqueueBurst(buf, 0, n);
        return ring.dequeueBurst(buf, 0, n);
    }

    /** Our ring in the shared class (specialisation off): the cost of the segment not being a JIT constant. */
    @Benchmark
    public int jmempoolShared() {
        sharedRing.enqueueBurst(buf, 0, n);
        return sharedRing.dequeueBurst(buf, 0, n);
    }

    /** JCTools, one element at a time: offer n, then poll n. */
    @Benchmark
    public void jctoolsLoop(Blackhole bh) {
        MessagePassingQueue<Long> q = jctools;
        Long[] it = items;
        for (int i = 0; i < n; i++) {
            q.offer(it[i]);
        }
        for (int i = 0; i < n; i++) {
            bh.consume(q.poll());
        }
    }

    /** JCTools' batch calls: fill(supplier, n), then drain(consumer, n). */
    @Benchmark
    public int jctoolsFillDrain() {
        filler.next = 0;
        jctools.fill(filler, n);
        return jctools.drain(drainer, n);
    }

    /** Agrona, one element at a time. */
    @Benchmark
    public void agronaLoop(Blackhole bh) {
        Queue<Long> q = agrona;
        Long[] it = items;
        for (int i = 0; i < n; i++) {
            q.offer(it[i]);
        }
        for (int i = 0; i < n; i++) {
            bh.consume(q.poll());
        }
    }

    /** The JDK's ArrayBlockingQueue, one element at a time. */
    @Benchmark
    public void arrayBlockingQueue(Blackhole bh) {
        ArrayBlockingQueue<Long> q = abq;
        Long[] it = items;
        for (int i = 0; i < n; i++) {
            q.offer(it[i]);
        }
        for (int i = 0; i < n; i++) {
            bh.consume(q.poll());
        }
    }

    static final class Filler implements MessagePassingQueue.Supplier<Long> {
        Long[] items;
        int next;

        @Override
        public Long get() {
            return items[next++];
        }
    }

    static final class Drainer implements MessagePassingQueue.Consumer<Long> {
        long sum;

        @Override
        public void accept(Long e) {
            sum += e;
        }
    }
}
