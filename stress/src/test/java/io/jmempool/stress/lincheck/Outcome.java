package io.jmempool.stress.lincheck;

/**
 * What a mempool operation of {@link MempoolUnderTest} reports: how many objects it moved (got, put or flushed; 0 for
 * a get that failed) and the length of the cache it used afterwards, or -1 where lengths are not observed. Handles
 * are not reported: which objects a get returns is not deterministic. A final class rather than a record: Lincheck
 * cannot take the field offsets of records.
 */
public final class Outcome {
    private final int moved;
    private final int cacheLength;

    Outcome(int moved, int cacheLength) {
        this.moved = moved;
        this.cacheLength = cacheLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outcome other && other.moved == moved && other.cacheLength == cacheLength;
    }

    @Override
    public int hashCode() {
        return moved * 31 + cacheLength;
    }

    @Override
    public String toString() {
        return cacheLength < 0 ? Integer.toString(moved) : moved + " (cache " + cacheLength + ")";
    }
}
