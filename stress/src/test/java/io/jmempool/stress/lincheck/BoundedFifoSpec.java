package io.jmempool.stress.lincheck;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequential specification every ring mode must linearize to: a FIFO queue of {@link RingUnderTest#CAPACITY}
 * elements (a subclass may choose another capacity), with DPDK's bulk (all or nothing) and burst (as many as
 * possible) contracts. Same operations, names and signatures as {@link RingUnderTest}'s subclasses; elements are made
 * the same way.
 */
public class BoundedFifoSpec {
    private final int capacity;
    private final ArrayDeque<Long> queue = new ArrayDeque<>();

    public BoundedFifoSpec() {
        this(RingUnderTest.CAPACITY);
    }

    protected BoundedFifoSpec(int capacity) {
        this.capacity = capacity;
    }

    public boolean enqueue(int value) {
        return enqueueBulk(value, 1) == 1;
    }

    public int enqueueBulk(int value, int n) {
        if (queue.size() + n > capacity) {
            return 0;
        }
        return enqueueBurst(value, n);
    }

    public int enqueueBurst(int value, int n) {
        int moved = Math.min(n, capacity - queue.size());
        long[] elements = RingUnderTest.elements(value, moved);
        for (long e : elements) {
            queue.addLast(e);
        }
        return moved;
    }

    public long dequeue() {
        Long e = queue.pollFirst();
        return e == null ? RingUnderTest.EMPTY : e;
    }

    public List<Long> dequeueBulk(int n) {
        return queue.size() < n ? List.of() : dequeueBurst(n);
    }

    public List<Long> dequeueBurst(int n) {
        List<Long> out = new ArrayList<>();
        while (out.size() < n && !queue.isEmpty()) {
            out.add(queue.pollFirst());
        }
        return out;
    }

    // Lincheck compares a spec instance with the state of another for its state-space reduction.
    @Override
    public boolean equals(Object o) {
        return o instanceof BoundedFifoSpec other && o.getClass() == getClass()
                && List.copyOf(queue).equals(List.copyOf(other.queue));
    }

    @Override
    public int hashCode() {
        return List.copyOf(queue).hashCode();
    }
}
