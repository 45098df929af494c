package io.jmempool.mempool;

/**
 * The layout of one pool object ({@code rte_mempool_calc_obj_size}): a header, the element, a trailer.
 *
 * <pre>
 *   |&lt;----------- headerSize -----------&gt;|&lt;-- eltSize --&gt;|&lt;------ trailerSize ------&gt;|
 *   | padding ... | objhdr (32 B)          | element       | cookie (8 B) | padding    |
 *                 | handle iova rsvd cookie|
 *                                          ^ the element starts here: what a handle addresses
 * </pre>
 *
 * <p>The objhdr holds the object's handle (which names its pool and index: DPDK's {@code hdr->mp}), its IOVA, a
 * reserved word where DPDK keeps its list link, and the header cookie; the trailer holds the trailer cookie. DPDK has
 * the cookies only in debug builds; here both words are always part of the layout, so that the checks can be switched
 * on and off at run time without a different object size.
 *
 * <p>Sizes, as DPDK computes them: the header is rounded up to 64 bytes and the whole object to a multiple of 64
 * (unless {@code NO_CACHE_ALIGN}); the element to a multiple of 8. Unless {@code NO_SPREAD} (implied by
 * {@code NO_CACHE_ALIGN}), the object grows by 64 bytes until its number of cache lines is odd, DPDK's spread over
 * 4 memory channels on x86: a 64-byte element becomes a 192-byte object.
 *
 * @param headerSize bytes before the element
 * @param eltSize element bytes, rounded up to 8
 * @param trailerSize bytes after the element, cookie and padding
 * @param alignment alignment of every object and chunk start
 */
record ObjectLayout(long headerSize, long eltSize, long trailerSize, long alignment) {
    /** Cache line. */
    static final long LINE = 64;
    /** The object header proper; it ends where the element starts. */
    static final long OBJHDR_SIZE = 32;
    /** Offsets inside the objhdr. */
    static final long HDR_HANDLE = 0;
    static final long HDR_IOVA = 8;
    static final long HDR_RESERVED = 16;
    static final long HDR_COOKIE = 24;
    /** The trailer cookie's size. */
    static final long TRAILER_COOKIE_SIZE = 8;
    /** DPDK's x86 spread: memory channels times ranks. */
    static final int CHANNELS_TIMES_RANKS = 4;

    static ObjectLayout compute(int eltSize, int flags) {
        boolean noCacheAlign = (flags & Mempool.NO_CACHE_ALIGN) != 0;
        boolean noSpread = noCacheAlign || (flags & Mempool.NO_SPREAD) != 0;
        long align = noCacheAlign ? 8 : LINE;
        long header = noCacheAlign ? OBJHDR_SIZE : roundUp(OBJHDR_SIZE, LINE);
        long elt = roundUp(eltSize, 8);
        long trailer = TRAILER_COOKIE_SIZE;
        if (!noCacheAlign) {
            long total = header + elt + trailer;
            trailer += roundUp(total, LINE) - total;
        }
        if (!noSpread) {
            long lines = (header + elt + trailer) / LINE;
            while (gcd(lines, CHANNELS_TIMES_RANKS) != 1) {
                lines++;
                trailer += LINE;
            }
        }
        return new ObjectLayout(header, elt, trailer, align);
    }

    /** Bytes per object. */
    long totalSize() {
        return headerSize + eltSize + trailerSize;
    }

    /** Offset of the objhdr from the element start (negative). */
    static long objhdrFromElement() {
        return -OBJHDR_SIZE;
    }

    static long roundUp(long v, long to) {
        return (v + to - 1) / to * to;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
