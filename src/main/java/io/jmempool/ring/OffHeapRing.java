package io.jmempool.ring;

import static io.jmempool.ring.RingLayout.CONS_HEAD;
import static io.jmempool.ring.RingLayout.CONS_TAIL;
import static io.jmempool.ring.RingLayout.PROD_HEAD;
import static io.jmempool.ring.RingLayout.PROD_TAIL;
import static io.jmempool.ring.RingLayout.SLOTS;

import io.jmempool.internal.Check;
import io.jmempool.internal.Mem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;

/**
 * The ring algorithm: DPDK's head/tail protocol (v26.07, C11 ordering), the one implementation of {@link Ring}.
 *
 * <h2>The protocol</h2>
 * Each side has a head and a tail, free-running 32-bit indices compared with wrapping arithmetic and masked only to
 * address a slot. Between its tail and its head a side has work in flight. An enqueue:
 * <ol>
 *   <li><b>Moves the producer head</b> ({@code EnqLoad}, then {@code EnqCas} or {@code EnqStoreHead}). It reads its
 *       head, and the consumer tail, computes {@code free = capacity + cons.tail - prod.head}, trims {@code n} (burst)
 *       or gives up (bulk), and claims {@code [old, old + n)} by storing the head (SP) or by CAS (MP; on failure it
 *       retries with the head the CAS returned and the original {@code n}). With nothing to move it returns before
 *       touching the head, so zero-length MP calls never spin (DPDK d097964616).</li>
 *   <li><b>Copies</b> the elements into the claimed slots ({@code EnqCopy}), in two pieces if the range wraps.
 *       These are plain accesses: the tail release below orders them.</li>
 *   <li><b>Publishes</b> ({@code EnqWaitTail}, {@code EnqPublish}). MP waits until the producer tail reaches
 *       {@code old}, that is until every earlier claim has published, and then release-stores
 *       {@code tail = old + n}. Tails therefore advance in claim order, and a consumer that acquires the tail sees
 *       every slot below it written.</li>
 * </ol>
 * A dequeue is the mirror image, with {@code entries = prod.tail - cons.head}. Free space is computed from the
 * consumer <em>tail</em>: slots a consumer has claimed but not yet released are not reused, which is why a correct
 * ring may report "full" while a dequeue is in flight.
 *
 * <h2>Ordering labels</h2>
 * Every non-plain access carries a label; the TLA+ spec ({@code spec/Ring.tla}) uses the same action names and the
 * JCStress tests the same labels.
 * <pre>
 *   A0  acquire prod.head (MP, once before the CAS loop)   pairs with C0          spec EnqLoad
 *   A1  acquire cons.tail (every attempt)                   pairs with R1          spec EnqLoad
 *   C0  CAS prod.head                                       pairs with A0, C0      spec EnqCas
 *   S0  plain store prod.head (SP)                          -                      spec EnqStoreHead
 *   W0  acquire spin until prod.tail == old (MP)            pairs with R0          spec EnqWaitTail
 *   R0  release store prod.tail                             pairs with A3, W0      spec EnqPublish
 *   A2  acquire cons.head (MC, once before the CAS loop)    pairs with C1          spec DeqLoad
 *   A3  acquire prod.tail (every attempt)                   pairs with R0          spec DeqLoad
 *   C1  CAS cons.head                                       pairs with A2, C1      spec DeqCas
 *   S1  plain store cons.head (SC)                          -                      spec DeqStoreHead
 *   W1  acquire spin until cons.tail == old (MC)            pairs with R1          spec DeqWaitTail
 *   R1  release store cons.tail                             pairs with A1, W1      spec DeqPublish
 * </pre>
 * A1 and A3 are acquire on every attempt, as in DPDK's 2025 fix (a4ad0eba9d): with a relaxed load a thread that
 * switches from producer to consumer could compute free space or entries outside {@code [0, capacity]}. The head CAS
 * is a volatile compare-and-exchange: Java has no CAS that is release on success and acquire on failure, so it uses
 * the stronger one. W0 and W1 are acquire where DPDK's spin is relaxed: DPDK relies on the release store that follows
 * being cumulative (true of Arm and x86), which the Java memory model does not promise. With acquire, the chain
 * "earlier producer's slots, its R0, our W0, our R0, a consumer's A3" is a happens-before chain in Java's own terms.
 * It costs nothing on x86.
 *
 * <h2>Specialisation</h2>
 * This class's bytecode is used in two ways. Loaded normally, it is the shared class: {@link #K} is null and every
 * method reads the ring's shape from its field. Defined as a hidden class with the shape as class data, {@link #K} is a
 * {@code static final} constant, and since {@link RingShape} is a record the JIT treats its fields as constants too:
 * the segment's base, bounds and liveness checks fold, and the mode branches disappear. The source, and therefore the
 * algorithm, is the same; only the constant differs. The class must not use lambdas or nested classes, which a hidden
 * copy could not reach.
 */
final class OffHeapRing extends Ring {
    /** This ring's shape when the class is a specialised copy; null in the shared class. */
    private static final RingShape K = RingShape.fromClassData(MethodHandles.lookup());

    OffHeapRing(RingShape shape, String name, Arena arena) {
        super(shape, name, arena, K != null);
    }

    private RingShape k() {
        return K != null ? K : shape;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Producer steps

    /** Packs the claimed start index and the number claimed into one long, so the head move allocates nothing. */
    private static long claim(int oldHead, int n) {
        return ((long) n << 32) | (oldHead & 0xFFFF_FFFFL);
    }

    private static int claimedCount(long claim) {
        return (int) (claim >>> 32);
    }

    private static int claimedHead(long claim) {
        return (int) claim;
    }

    /** Spec EnqLoad then EnqStoreHead: single producer. */
    private long enqMoveHeadSt(int n, boolean fixed, int[] freeSpace) {
        RingShape k = k();
        MemorySegment s = k.seg();
        int capacity = k.capacity();
        int oldHead = Mem.getIntPlain(s, PROD_HEAD); // only this thread writes it
        int consTail = Mem.getIntAcquire(s, CONS_TAIL); // A1: pairs with R1; spec EnqLoad
        int free = capacity + consTail - oldHead;
        int moved = n <= free ? n : (fixed ? 0 : free);
        if (freeSpace != null) {
            freeSpace[0] = free - moved;
        }
        if (moved != 0) {
            Mem.setIntPlain(s, PROD_HEAD, oldHead + moved); // S0: spec EnqStoreHead
        }
        return claim(oldHead, moved);
    }

    /** Spec EnqLoad then EnqCas, retried until the CAS wins or there is nothing to move: multi-producer. */
    private long enqMoveHeadMt(int n, boolean fixed, int[] freeSpace) {
        RingShape k = k();
        MemorySegment s = k.seg();
        int capacity = k.capacity();
        int oldHead = Mem.getIntAcquire(s, PROD_HEAD); // A0: pairs with C0; spec EnqLoad
        int free;
        int moved;
        while (true) {
            int consTail = Mem.getIntAcquire(s, CONS_TAIL); // A1: pairs with R1; spec EnqLoad
            free = capacity + consTail - oldHead;
            moved = n <= free ? n : (fixed ? 0 : free);
            if (moved == 0) {
                break;
            }
            int witness = Mem.casInt(s, PROD_HEAD, oldHead, oldHead + moved); // C0: pairs with A0; spec EnqCas
            if (witness == oldHead) {
                break;
            }
            oldHead = witness;
        }
        if (freeSpace != null) {
            freeSpace[0] = free - moved;
        }
        return claim(oldHead, moved);
    }

    /** Spec EnqCopy, one 8-byte element. */
    private void enqCopyOne(int head, long obj) {
        RingShape k = k();
        Mem.setLongPlain(k.seg(), SLOTS + ((long) (head & k.mask()) << 3), obj);
    }

    /** Spec EnqCopy, 8-byte elements from an array, in two pieces if the range wraps. */
    private void enqCopy(int head, long[] src, int off, int n) {
        RingShape k = k();
        MemorySegment s = k.seg();
        if (n == 1) {
            enqCopyOne(head, src[off]);
            return;
        }
        int idx = head & k.mask();
        int first = Math.min(n, k.size() - idx);
        Mem.copyIn(src, off, s, SLOTS + ((long) idx << 3), first);
        if (first < n) {
            Mem.copyIn(src, off + first, s, SLOTS, n - first);
        }
    }

    /** Spec EnqCopy, elements of any size from a segment, in two pieces if the range wraps. */
    private void enqCopySegment(int head, MemorySegment src, long srcOffset, int n) {
        RingShape k = k();
        MemorySegment s = k.seg();
        int esize = k.esize();
        int idx = head & k.mask();
        int first = Math.min(n, k.size() - idx);
        Mem.copy(src, srcOffset, s, RingLayout.slotOffset(idx, esize), (long) first * esize);
        if (first < n) {
            Mem.copy(src, srcOffset + (long) first * esize, s, SLOTS, (long) (n - first) * esize);
        }
    }

    /** Spec EnqWaitTail (MP only) then EnqPublish. */
    private void enqPublish(boolean single, int oldHead, int newTail) {
        MemorySegment s = k().seg();
        if (!single) {
            while (Mem.getIntAcquire(s, PROD_TAIL) != oldHead) { // W0: pairs with R0; spec EnqWaitTail
                Thread.onSpinWait();
            }
        }
        Mem.setIntRelease(s, PROD_TAIL, newTail); // R0: pairs with A3 and W0; spec EnqPublish
    }

    // ------------------------------------------------------------------------------------------------------------
    // Consumer steps

    /** Spec DeqLoad then DeqStoreHead: single consumer. */
    private long deqMoveHeadSt(int n, boolean fixed, int[] available) {
        MemorySegment s = k().seg();
        int oldHead = Mem.getIntPlain(s, CONS_HEAD); // only this thread writes it
        int prodTail = Mem.getIntAcquire(s, PROD_TAIL); // A3: pairs with R0; spec DeqLoad
        int entries = prodTail - oldHead;
        int moved = n <= entries ? n : (fixed ? 0 : entries);
        if (available != null) {
            available[0] = entries - moved;
        }
        if (moved != 0) {
            Mem.setIntPlain(s, CONS_HEAD, oldHead + moved); // S1: spec DeqStoreHead
        }
        return claim(oldHead, moved);
    }

    /** Spec DeqLoad then DeqCas, retried until the CAS wins or there is nothing to move: multi-consumer. */
    private long deqMoveHeadMt(int n, boolean fixed, int[] available) {
        MemorySegment s = k().seg();
        int oldHead = Mem.getIntAcquire(s, CONS_HEAD); // A2: pairs with C1; spec DeqLoad
        int entries;
        int moved;
        while (true) {
            int prodTail = Mem.getIntAcquire(s, PROD_TAIL); // A3: pairs with R0; spec DeqLoad
            entries = prodTail - oldHead;
            moved = n <= entries ? n : (fixed ? 0 : entries);
            if (moved == 0) {
                break;
            }
            int witness = Mem.casInt(s, CONS_HEAD, oldHead, oldHead + moved); // C1: pairs with A2; spec DeqCas
            if (witness == oldHead) {
                break;
            }
            oldHead = witness;
        }
        if (available != null) {
            available[0] = entries - moved;
        }
        return claim(oldHead, moved);
    }

    /** Spec DeqCopy, one 8-byte element. */
    private long deqCopyOne(int head) {
        RingShape k = k();
        return Mem.getLongPlain(k.seg(), SLOTS + ((long) (head & k.mask()) << 3));
    }

    /** Spec DeqCopy, 8-byte elements into an array, in two pieces if the range wraps. */
    private void deqCopy(int head, long[] dst, int off, int n) {
        RingShape k = k();
        MemorySegment s = k.seg();
        if (n == 1) {
            dst[off] = deqCopyOne(head);
            return;
        }
        int idx = head & k.mask();
        int first = Math.min(n, k.size() - idx);
        Mem.copyOut(s, SLOTS + ((long) idx << 3), dst, off, first);
        if (first < n) {
            Mem.copyOut(s, SLOTS, dst, off + first, n - first);
        }
    }

    /** Spec DeqCopy, elements of any size into a segment, in two pieces if the range wraps. */
    private void deqCopySegment(int head, MemorySegment dst, long dstOffset, int n) {
        RingShape k = k();
        MemorySegment s = k.seg();
        int esize = k.esize();
        int idx = head & k.mask();
        int first = Math.min(n, k.size() - idx);
        Mem.copy(s, RingLayout.slotOffset(idx, esize), dst, dstOffset, (long) first * esize);
        if (first < n) {
            Mem.copy(s, SLOTS, dst, dstOffset + (long) first * esize, (long) (n - first) * esize);
        }
    }

    /** Spec DeqWaitTail (MC only) then DeqPublish. */
    private void deqPublish(boolean single, int oldHead, int newTail) {
        MemorySegment s = k().seg();
        if (!single) {
            while (Mem.getIntAcquire(s, CONS_TAIL) != oldHead) { // W1: pairs with R1; spec DeqWaitTail
                Thread.onSpinWait();
            }
        }
        Mem.setIntRelease(s, CONS_TAIL, newTail); // R1: pairs with A1 and W1; spec DeqPublish
    }

    // ------------------------------------------------------------------------------------------------------------
    // Whole operations: argument checks first, so that a bad call changes nothing

    private void requireLongs() {
        int esize = k().esize();
        if (esize != 8) {
            throw new IllegalStateException("esize = " + esize
                    + ": the long[] calls need a ring of 8-byte elements; use the MemorySegment calls");
        }
    }

    private boolean enqueueOne(boolean single, long obj) {
        requireLongs();
        long c = single ? enqMoveHeadSt(1, true, null) : enqMoveHeadMt(1, true, null);
        if (claimedCount(c) == 0) {
            return false;
        }
        int head = claimedHead(c);
        enqCopyOne(head, obj);
        enqPublish(single, head, head + 1);
        return true;
    }

    private int enqueueLongs(boolean single, long[] src, int off, int n, boolean fixed, int[] freeSpace) {
        requireLongs();
        Check.arrayRange("objs", src, off, n);
        Check.outParam("freeSpace", freeSpace);
        long c = single ? enqMoveHeadSt(n, fixed, freeSpace) : enqMoveHeadMt(n, fixed, freeSpace);
        int moved = claimedCount(c);
        if (moved != 0) {
            int head = claimedHead(c);
            enqCopy(head, src, off, moved);
            enqPublish(single, head, head + moved);
        }
        return moved;
    }

    private int enqueueSegment(boolean single, MemorySegment src, long srcOffset, int n, boolean fixed,
                               int[] freeSpace) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + ": must be >= 0");
        }
        Check.segmentRange("src", src, srcOffset, (long) n * k().esize(), false);
        Check.outParam("freeSpace", freeSpace);
        long c = single ? enqMoveHeadSt(n, fixed, freeSpace) : enqMoveHeadMt(n, fixed, freeSpace);
        int moved = claimedCount(c);
        if (moved != 0) {
            int head = claimedHead(c);
            enqCopySegment(head, src, srcOffset, moved);
            enqPublish(single, head, head + moved);
        }
        return moved;
    }

    private boolean dequeueOne(boolean single, long[] dst, int index) {
        requireLongs();
        Check.arrayRange("obj", dst, index, 1);
        long c = single ? deqMoveHeadSt(1, true, null) : deqMoveHeadMt(1, true, null);
        if (claimedCount(c) == 0) {
            return false;
        }
        int head = claimedHead(c);
        dst[index] = deqCopyOne(head);
        deqPublish(single, head, head + 1);
        return true;
    }

    private int dequeueLongs(boolean single, long[] dst, int off, int n, boolean fixed, int[] available) {
        requireLongs();
        Check.arrayRange("objs", dst, off, n);
        Check.outParam("available", available);
        long c = single ? deqMoveHeadSt(n, fixed, available) : deqMoveHeadMt(n, fixed, available);
        int moved = claimedCount(c);
        if (moved != 0) {
            int head = claimedHead(c);
            deqCopy(head, dst, off, moved);
            deqPublish(single, head, head + moved);
        }
        return moved;
    }

    private int dequeueSegment(boolean single, MemorySegment dst, long dstOffset, int n, boolean fixed,
                               int[] available) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n + ": must be >= 0");
        }
        Check.segmentRange("dst", dst, dstOffset, (long) n * k().esize(), true);
        Check.outParam("available", available);
        long c = single ? deqMoveHeadSt(n, fixed, available) : deqMoveHeadMt(n, fixed, available);
        int moved = claimedCount(c);
        if (moved != 0) {
            int head = claimedHead(c);
            deqCopySegment(head, dst, dstOffset, moved);
            deqPublish(single, head, head + moved);
        }
        return moved;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The public calls: one line each, so that each call site in user code inlines a single, mode-resolved path

    @Override
    public boolean enqueue(long obj) {
        return enqueueOne(k().spEnq(), obj);
    }

    @Override
    public boolean spEnqueue(long obj) {
        return enqueueOne(true, obj);
    }

    @Override
    public boolean mpEnqueue(long obj) {
        return enqueueOne(false, obj);
    }

    @Override
    public boolean dequeue(long[] obj, int index) {
        return dequeueOne(k().scDeq(), obj, index);
    }

    @Override
    public boolean scDequeue(long[] obj, int index) {
        return dequeueOne(true, obj, index);
    }

    @Override
    public boolean mcDequeue(long[] obj, int index) {
        return dequeueOne(false, obj, index);
    }

    @Override
    public int enqueueBulk(long[] objs, int off, int n) {
        return enqueueLongs(k().spEnq(), objs, off, n, true, null);
    }

    @Override
    public int enqueueBulk(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(k().spEnq(), objs, off, n, true, freeSpace);
    }

    @Override
    public int spEnqueueBulk(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(true, objs, off, n, true, freeSpace);
    }

    @Override
    public int mpEnqueueBulk(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(false, objs, off, n, true, freeSpace);
    }

    @Override
    public int enqueueBurst(long[] objs, int off, int n) {
        return enqueueLongs(k().spEnq(), objs, off, n, false, null);
    }

    @Override
    public int enqueueBurst(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(k().spEnq(), objs, off, n, false, freeSpace);
    }

    @Override
    public int spEnqueueBurst(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(true, objs, off, n, false, freeSpace);
    }

    @Override
    public int mpEnqueueBurst(long[] objs, int off, int n, int[] freeSpace) {
        return enqueueLongs(false, objs, off, n, false, freeSpace);
    }

    @Override
    public int dequeueBulk(long[] objs, int off, int n) {
        return dequeueLongs(k().scDeq(), objs, off, n, true, null);
    }

    @Override
    public int dequeueBulk(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(k().scDeq(), objs, off, n, true, available);
    }

    @Override
    public int scDequeueBulk(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(true, objs, off, n, true, available);
    }

    @Override
    public int mcDequeueBulk(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(false, objs, off, n, true, available);
    }

    @Override
    public int dequeueBurst(long[] objs, int off, int n) {
        return dequeueLongs(k().scDeq(), objs, off, n, false, null);
    }

    @Override
    public int dequeueBurst(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(k().scDeq(), objs, off, n, false, available);
    }

    @Override
    public int scDequeueBurst(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(true, objs, off, n, false, available);
    }

    @Override
    public int mcDequeueBurst(long[] objs, int off, int n, int[] available) {
        return dequeueLongs(false, objs, off, n, false, available);
    }

    @Override
    public boolean enqueue(MemorySegment src, long srcOffset) {
        return enqueueSegment(k().spEnq(), src, srcOffset, 1, true, null) == 1;
    }

    @Override
    public boolean dequeue(MemorySegment dst, long dstOffset) {
        return dequeueSegment(k().scDeq(), dst, dstOffset, 1, true, null) == 1;
    }

    @Override
    public int enqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(k().spEnq(), src, srcOffset, n, true, freeSpace);
    }

    @Override
    public int spEnqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(true, src, srcOffset, n, true, freeSpace);
    }

    @Override
    public int mpEnqueueBulk(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(false, src, srcOffset, n, true, freeSpace);
    }

    @Override
    public int enqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(k().spEnq(), src, srcOffset, n, false, freeSpace);
    }

    @Override
    public int spEnqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(true, src, srcOffset, n, false, freeSpace);
    }

    @Override
    public int mpEnqueueBurst(MemorySegment src, long srcOffset, int n, int[] freeSpace) {
        return enqueueSegment(false, src, srcOffset, n, false, freeSpace);
    }

    @Override
    public int dequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(k().scDeq(), dst, dstOffset, n, true, available);
    }

    @Override
    public int scDequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(true, dst, dstOffset, n, true, available);
    }

    @Override
    public int mcDequeueBulk(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(false, dst, dstOffset, n, true, available);
    }

    @Override
    public int dequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(k().scDeq(), dst, dstOffset, n, false, available);
    }

    @Override
    public int scDequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(true, dst, dstOffset, n, false, available);
    }

    @Override
    public int mcDequeueBurst(MemorySegment dst, long dstOffset, int n, int[] available) {
        return dequeueSegment(false, dst, dstOffset, n, false, available);
    }
}
