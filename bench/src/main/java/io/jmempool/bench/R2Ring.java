package io.jmempool.bench;

import io.jmempool.ring.Ring;

import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;
import org.agrona.concurrent.OneToOneConcurrentArrayQueue;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.SpscArrayQueue;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
 * R2: one producer thread and one consumer thread on a queue of 1024 slots, each moving bursts of up to {@code n}.
 * Each benchmark is a JMH group of one producer and one consumer; the consumer counts the objects it actually
 * dequeued in the {@link Moved#objects} counter, reported per microsecond, i.e. millions of objects per second moved
 * by the pair (the report converts it to ns per object). The group's primary score counts calls, futile ones
 * included, and means nothing here.
 *
 * <p>Neither side blocks: a producer that finds the queue full and a consumer that finds it empty return at once and
 * try again, as DPDK's lcores do. Peers as in {@link R1Ring}: JCTools {@code SpscArrayQueue}/{@code MpmcArrayQueue}
 * (one at a time, and {@code fill}/{@code drain}), Agrona {@code OneToOne}/{@code ManyToMany}, and
 * {@code ArrayBlockingQueue}, with boxed values allocated in set-up. MP/MC means the multi-producer and
 * multi-consumer code on one thread each, as DPDK's R2 does.
 *
 * <p>Two-thread results depend on where the host places the two vCPUs (the cache-line round trip between them), and
 * that can change mid-run: compare within one run and look at the spread over iterations and forks.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
@Fork(value = 1, jvmArgsAppend = {"--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
        "--sun-misc-unsafe-memory-access=allow"})
public class R2Ring {
    static final int CAPACITY = R1Ring.CAPACITY;

    @Param({"1", "32"})
    public int n;

    @Param({"SP/SC", "MP/MC"})
    public String mode;

    private Ring ring;
    private Ring sharedRing;
    private MessagePassingQueue<Long> jctools;
    /** The same JCTools queue, for the one-at-a-time loop shared with the other peers. */
    private Queue<Long> jctoolsQueue;
    private Queue<Long> agrona;
    private ArrayBlockingQueue<Long> abq;

    /** What the producers of the peers enqueue, cycled through; boxed once so that no one allocates. */
    static final Long[] ITEMS = new Long[CAPACITY];

    static {
        for (int i = 0; i < CAPACITY; i++) {
            ITEMS[i] = (long) (i + 1000); // outside the Long cache, like real objects
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        int flags = R1Ring.flags(mode);
        ring = Ring.builder("r2").count(CAPACITY).flags(flags).specialized(true).create();
        sharedRing = Ring.builder("r2-shared").count(CAPACITY).flags(flags).specialized(false).create();
        boolean single = mode.equals("SP/SC");
        if (single) {
            SpscArrayQueue<Long> q = new SpscArrayQueue<>(CAPACITY);
            jctools = q;
            jctoolsQueue = q;
        } else {
            MpmcArrayQueue<Long> q = new MpmcArrayQueue<>(CAPACITY);
            jctools = q;
            jctoolsQueue = q;
        }
        agrona = single ? new OneToOneConcurrentArrayQueue<>(CAPACITY) : new ManyToManyConcurrentArrayQueue<>(CAPACITY);
        abq = new ArrayBlockingQueue<>(CAPACITY);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ring.close();
        sharedRing.close();
    }

    /** Objects the consumer dequeued: JMH reports the field as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Moved {
        public long objects;

        @Setup(Level.Iteration)
        public void reset() {
            objects = 0;
        }
    }

    /** One thread's side: its burst buffer and, for the peers, where it is in {@link #ITEMS}. */
    @State(Scope.Thread)
    public static class Side {
        final long[] buf = new long[128];
        int next;
        final Filler filler = new Filler();
        final Drainer drainer = new Drainer();

        @Setup(Level.Trial)
        public void setUp() {
            for (int i = 0; i < buf.length; i++) {
                buf[i] = i + 1;
            }
        }
    }

    // ---- Ours ----

    /** Our ring, specialised: the producer enqueues a burst of up to n. */
    @Benchmark
    @Group("jmempool")
    @GroupThreads(1)
    public int jmempoolProducer(Side side) {
        return ring.enqueueBurst(side.buf, 0, n);
    }

    /** Our ring, specialised: the consumer dequeues a burst of up to n. */
    @Benchmark
    @Group("jmempool")
    @GroupThreads(1)
    public void jmempoolConsumer(Side side, Moved moved) {
        moved.objects += ring.dequeueBurst(side.buf, 0, n);
    }

    /** Our ring in the shared class (specialisation off): producer. */
    @Benchmark
    @Group("jmempoolShared")
    @GroupThreads(1)
    public int jmempoolSharedProducer(Side side) {
        return sharedRing.enqueueBurst(side.buf, 0, n);
    }

    /** Our ring in the shared class (specialisation off): consumer. */
    @Benchmark
    @Group("jmempoolShared")
    @GroupThreads(1)
    public void jmempoolSharedConsumer(Side side, Moved moved) {
        moved.objects += sharedRing.dequeueBurst(side.buf, 0, n);
    }

    // ---- Peers ----

    /** JCTools, one element at a time: offer up to n, stopping when full. */
    @Benchmark
    @Group("jctoolsLoop")
    @GroupThreads(1)
    public int jctoolsLoopProducer(Side side) {
        return offerLoop(jctoolsQueue, side);
    }

    /** JCTools, one element at a time: poll up to n, stopping when empty. */
    @Benchmark
    @Group("jctoolsLoop")
    @GroupThreads(1)
    public void jctoolsLoopConsumer(Moved moved, Blackhole bh) {
        moved.objects += pollLoop(jctoolsQueue, bh);
    }

    /** JCTools' batch call: fill(supplier, n). */
    @Benchmark
    @Group("jctoolsFillDrain")
    @GroupThreads(1)
    public int jctoolsFillDrainProducer(Side side) {
        return jctools.fill(side.filler, n);
    }

    /** JCTools' batch call: drain(consumer, n). */
    @Benchmark
    @Group("jctoolsFillDrain")
    @GroupThreads(1)
    public void jctoolsFillDrainConsumer(Side side, Moved moved) {
        moved.objects += jctools.drain(side.drainer, n);
    }

    /** Agrona, one element at a time: producer. */
    @Benchmark
    @Group("agronaLoop")
    @GroupThreads(1)
    public int agronaLoopProducer(Side side) {
        return offerLoop(agrona, side);
    }

    /** Agrona, one element at a time: consumer. */
    @Benchmark
    @Group("agronaLoop")
    @GroupThreads(1)
    public void agronaLoopConsumer(Moved moved, Blackhole bh) {
        moved.objects += pollLoop(agrona, bh);
    }

    /** The JDK's ArrayBlockingQueue with its non-blocking offer and poll: producer. */
    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public int arrayBlockingQueueProducer(Side side) {
        return offerLoop(abq, side);
    }

    /** The JDK's ArrayBlockingQueue: consumer. */
    @Benchmark
    @Group("arrayBlockingQueue")
    @GroupThreads(1)
    public void arrayBlockingQueueConsumer(Moved moved, Blackhole bh) {
        moved.objects += pollLoop(abq, bh);
    }

    private int offerLoop(Queue<Long> q, Side side) {
        Long[] it = ITEMS;
        int next = side.next;
        int i = 0;
        while (i < n && q.offer(it[next])) {
            next = (next + 1) & (CAPACITY - 1);
            i++;
        }
        side.next = next;
        return i;
    }

    private int pollLoop(Queue<Long> q, Blackhole bh) {
        int i = 0;
        while (i < n) {
            Long e = q.poll();
            if (e == null) {
                break;
            }
            bh.consume(e);
            i++;
        }
        return i;
    }

    /** Supplies the next boxed item, cycling; one per producer thread. */
    static final class Filler implements MessagePassingQueue.Supplier<Long> {
        int next;

        @Override
        public Long get() {
            Long e = ITEMS[next];
            next = (next + 1) & (CAPACITY - 1);
            return e;
        }
    }

    /** Reads each value, so the transfer is not dead code; one per consumer thread. */
    static final class Drainer implements MessagePassingQueue.Consumer<Long> {
        long sum;

        @Override
        public void accept(Long e) {
            sum += e;
        }
    }
}
