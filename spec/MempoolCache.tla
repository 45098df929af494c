---------------------------- MODULE MempoolCache ----------------------------
(***************************************************************************)
(* rte_mempool's per-lcore cache over a shared backend: every thread of    *)
(* CachedThreads has its own cache (a LIFO stack, hottest object on top),  *)
(* the other threads have none (non-EAL threads). Algo selects the cache   *)
(* algorithm:                                                              *)
(*   "v26.07"  flush and refill half the cache at a time, bypass the cache *)
(*             for requests above size/2 (f5e1310f16);                     *)
(*   "v25.11"  the LTS algorithm: flush threshold 1.5 x size, flush the    *)
(*             whole cache, refill to size (a2833ecc5e, e6e62f6f55).       *)
(*                                                                         *)
(* One get or put is one step, except a get whose refill fails: it goes    *)
(* on to the bypass as a second step, because the code makes two backend   *)
(* calls and other threads run in between. Cache contents are private, so  *)
(* only backend calls need to be separate steps.                           *)
(*                                                                         *)
(* The backend is a FIFO (the default ring driver): enqueues append in     *)
(* array order, dequeues take from the front. Each thread puts back the    *)
(* objects it got last. The cache logic never looks at which objects it    *)
(* moves, so fixing these choices loses none of its behaviours; object     *)
(* identities only serve to detect a loss or a duplicate.                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    N,              \* objects in the pool, numbered 1..N
    Threads,
    CachedThreads,  \* threads with a default cache
    CacheSize,      \* cache_size of the pool
    MaxReq,         \* largest n of one get or put
    MaxCacheSize,   \* RTE_MEMPOOL_CACHE_MAX_SIZE: 512, scaled down in models
    Algo,           \* "v26.07" or "v25.11"
    Mutant          \* "None", or the seeded bug to check

Mutants == {"None",
            "FlushDrops",       \* flush enqueues size/2 - 1 objects but slides by size/2
            "FlushDuplicates",  \* flush enqueues size/2 objects but slides by size/2 - 1
            "NoRollback",       \* a failed get leaves len = 0 instead of restoring it
            "FlushHot",         \* flush the top (hottest) size/2 objects, as before 2022
            "PartialGet"}       \* a failed get hands out the objects it popped from the cache

ASSUME
    /\ N \in Nat
    /\ CachedThreads \subseteq Threads
    /\ MaxCacheSize \in Nat \ {0}
    /\ CacheSize \in 1..MaxCacheSize   \* a pool without caches: CachedThreads = {}
    /\ MaxReq \in Nat \ {0}
    /\ Algo \in {"v26.07", "v25.11"}
    /\ Mutant \in Mutants

Objects == 1..N

Half == CacheSize \div 2                  \* v26.07: the unit of flush and refill
FlushThresh == (3 * CacheSize) \div 2     \* v25.11: CALC_CACHE_FLUSHTHRESH, size * 1.5 truncated

\* The most a cache may hold under each algorithm.
LenBound == IF Algo = "v26.07" THEN CacheSize ELSE FlushThresh

VARIABLES
    backend,    \* the objects in the backend, oldest first
    cache,      \* cache[t]: objs[0..len) of t's cache; the top is the last element
    held,       \* held[t]: the objects t got and has not put back, in the order it got them
    pc,         \* pc[t]: "idle", or "bypass" after a failed refill
    req,        \* req[t]: the n of the get that is in "bypass"
    taken       \* taken[t]: the objects that get popped from the cache before the refill failed

vars == <<backend, cache, held, pc, req, taken>>

Range(s) == {s[i] : i \in DOMAIN s}
Reverse(s) == [i \in 1..Len(s) |-> s[Len(s) - i + 1]]
Bottom(s, k) == SubSeq(s, 1, k)              \* the k oldest (coldest)
Drop(s, k) == SubSeq(s, k + 1, Len(s))       \* all but the k oldest
Top(s, k) == SubSeq(s, Len(s) - k + 1, Len(s))

HasCache(t) == t \in CachedThreads

RECURSIVE SumOver(_, _)
SumOver(f(_), S) == IF S = {} THEN 0
                    ELSE LET x == CHOOSE y \in S : TRUE IN f(x) + SumOver(f, S \ {x})

TypeOK ==
    /\ backend \in Seq(Objects)
    /\ cache \in [Threads -> Seq(Objects)]
    /\ held \in [Threads -> Seq(Objects)]
    /\ pc \in [Threads -> {"idle", "bypass"}]
    /\ req \in [Threads -> 0..MaxReq]
    /\ taken \in [Threads -> Seq(Objects)]

Init ==
    /\ backend = [i \in 1..N |-> i]
    /\ cache = [t \in Threads |-> <<>>]
    /\ held = [t \in Threads |-> <<>>]
    /\ pc = [t \in Threads |-> "idle"]
    /\ req = [t \in Threads |-> 0]
    /\ taken = [t \in Threads |-> <<>>]

-----------------------------------------------------------------------------
(* put(n): obj_table = Objs(t, n), the n objects t got last *)

Objs(t, n) == Top(held[t], n)

\* What every put does besides its cache logic.
PutCall(t, n) ==
    /\ pc[t] = "idle"
    /\ n <= Len(held[t])
    /\ held' = [held EXCEPT ![t] = Bottom(@, Len(@) - n)]
    /\ UNCHANGED <<pc, req, taken>>

\* No cache, or the objects do not fit and the request is too large to cache:
\* enqueue the n objects to the backend, cache untouched.
PutDirect(t, n) ==
    /\ PutCall(t, n)
    /\ \/ ~HasCache(t)
       \/ Algo = "v26.07" /\ Len(cache[t]) + n > CacheSize /\ n > Half
       \/ Algo = "v25.11" /\ n > FlushThresh
    /\ backend' = backend \o Objs(t, n)
    /\ UNCHANGED cache

\* They fit: append in array order (v26.07 up to size, v25.11 up to 1.5 x size).
PutAppend(t, n) ==
    /\ PutCall(t, n)
    /\ HasCache(t)
    /\ Len(cache[t]) + n <= LenBound
    /\ cache' = [cache EXCEPT ![t] = @ \o Objs(t, n)]
    /\ UNCHANGED backend

\* v26.07: enqueue the bottom (coldest) size/2, slide the rest down, append.
\* len + n > size and n <= size/2 imply len > size/2, so there are size/2 to flush.
PutFlushHalf(t, n) ==
    /\ PutCall(t, n)
    /\ Algo = "v26.07" /\ HasCache(t)
    /\ Len(cache[t]) + n > CacheSize
    /\ n <= Half
    /\ LET len  == Len(cache[t])
           out  == CASE Mutant = "FlushDrops" -> Bottom(cache[t], Half - 1)
                     [] Mutant = "FlushHot"   -> Top(cache[t], Half)
                     [] OTHER                 -> Bottom(cache[t], Half)
           keep == CASE Mutant = "FlushDuplicates" -> Drop(cache[t], Half - 1)
                     [] Mutant = "FlushHot"        -> Bottom(cache[t], len - Half)
                     [] OTHER                      -> Drop(cache[t], Half)
       IN /\ backend' = backend \o out
          /\ cache' = [cache EXCEPT ![t] = keep \o Objs(t, n)]

\* v25.11: over the threshold, enqueue all len (cold) objects, then cache the n new.
PutFlushAll(t, n) ==
    /\ PutCall(t, n)
    /\ Algo = "v25.11" /\ HasCache(t)
    /\ Len(cache[t]) + n > FlushThresh
    /\ n <= FlushThresh
    /\ backend' = backend \o cache[t]
    /\ cache' = [cache EXCEPT ![t] = Objs(t, n)]

-----------------------------------------------------------------------------
(* get(n): the objects go to held[t] in obj_table order, hottest first *)

EndGet(t) ==
    /\ pc' = [pc EXCEPT ![t] = "idle"]
    /\ req' = [req EXCEPT ![t] = 0]
    /\ taken' = [taken EXCEPT ![t] = <<>>]

\* No cache: one all-or-nothing backend dequeue; a failure changes nothing.
GetDirect(t, n) ==
    /\ pc[t] = "idle" /\ ~HasCache(t)
    /\ IF n <= Len(backend)
       THEN /\ backend' = Drop(backend, n)
            /\ held' = [held EXCEPT ![t] = @ \o Bottom(backend, n)]
       ELSE UNCHANGED <<backend, held>>
    /\ UNCHANGED <<cache, pc, req, taken>>

\* n <= len: pop n from the top.
GetHit(t, n) ==
    /\ pc[t] = "idle" /\ HasCache(t)
    /\ n <= Len(cache[t])
    /\ held' = [held EXCEPT ![t] = @ \o Reverse(Top(cache[t], n))]
    /\ cache' = [cache EXCEPT ![t] = Bottom(@, Len(@) - n)]
    /\ UNCHANGED <<backend, pc, req, taken>>

\* The refill failed: the len cached objects are popped (len = 0) and the get
\* continues with GetBypass or GetRollback in a later step.
RefillFailed(t, n) ==
    /\ pc' = [pc EXCEPT ![t] = "bypass"]
    /\ req' = [req EXCEPT ![t] = n]
    /\ taken' = [taken EXCEPT ![t] = cache[t]]
    /\ cache' = [cache EXCEPT ![t] = <<>>]
    /\ UNCHANGED <<backend, held>>

\* v26.07, len < n and remaining = n - len <= size/2: pop all len, dequeue
\* exactly size/2 into objs[0..size/2), pop remaining from the top.
GetRefill(t, n) ==
    /\ pc[t] = "idle" /\ Algo = "v26.07" /\ HasCache(t)
    /\ Len(cache[t]) < n
    /\ n - Len(cache[t]) <= Half
    /\ LET rem == n - Len(cache[t])
           r == Bottom(backend, Half)
       IN IF Half <= Len(backend)
          THEN /\ backend' = Drop(backend, Half)
               /\ held' = [held EXCEPT ![t] = @ \o Reverse(cache[t]) \o Reverse(Top(r, rem))]
               /\ cache' = [cache EXCEPT ![t] = Bottom(r, Half - rem)]
               /\ UNCHANGED <<pc, req, taken>>
          ELSE RefillFailed(t, n)

\* v25.11, len < n and remaining <= RTE_MEMPOOL_CACHE_MAX_SIZE: pop all len,
\* dequeue size + remaining into objs[0..), pop remaining from the top, len = size.
GetRefillFull(t, n) ==
    /\ pc[t] = "idle" /\ Algo = "v25.11" /\ HasCache(t)
    /\ Len(cache[t]) < n
    /\ n - Len(cache[t]) <= MaxCacheSize
    /\ LET rem == n - Len(cache[t])
           r == Bottom(backend, CacheSize + rem)
       IN IF CacheSize + rem <= Len(backend)
          THEN /\ backend' = Drop(backend, CacheSize + rem)
               /\ held' = [held EXCEPT ![t] = @ \o Reverse(cache[t]) \o Reverse(Top(r, rem))]
               /\ cache' = [cache EXCEPT ![t] = Bottom(r, CacheSize)]
               /\ UNCHANGED <<pc, req, taken>>
          ELSE RefillFailed(t, n)

\* The direct path of a get of n: the remaining part is larger than a refill
\* serves (v26.07: > size/2; v25.11: > RTE_MEMPOOL_CACHE_MAX_SIZE), or the
\* refill failed and this is the get's second step.
BypassCase(t, n) ==
    \/ pc[t] = "bypass" /\ n = req[t]
    \/ /\ pc[t] = "idle" /\ HasCache(t)
       /\ Len(cache[t]) < n
       /\ n - Len(cache[t]) > (IF Algo = "v26.07" THEN Half ELSE MaxCacheSize)

\* The objects this get popped from its cache: still in the cache when the
\* pop and the bypass are one step, in taken after a failed refill.
Popped(t) == IF pc[t] = "bypass" THEN taken[t] ELSE cache[t]

\* Dequeue the remaining objects directly, after the popped ones.
GetBypass(t, n) ==
    /\ BypassCase(t, n)
    /\ LET rem == n - Len(Popped(t)) IN
          /\ rem <= Len(backend)
          /\ backend' = Drop(backend, rem)
          /\ held' = [held EXCEPT ![t] = @ \o Reverse(Popped(t)) \o Bottom(backend, rem)]
    /\ cache' = [cache EXCEPT ![t] = <<>>]
    /\ EndGet(t)

\* The direct dequeue failed too: len = n - remaining puts the popped objects
\* back, which is exact because they never left objs[]. Nothing is handed out.
GetRollback(t, n) ==
    /\ BypassCase(t, n)
    /\ n - Len(Popped(t)) > Len(backend)
    /\ CASE Mutant = "NoRollback" ->
              cache' = [cache EXCEPT ![t] = <<>>] /\ UNCHANGED held
        [] Mutant = "PartialGet" ->
              /\ cache' = [cache EXCEPT ![t] = <<>>]
              /\ held' = [held EXCEPT ![t] = @ \o Reverse(Popped(t))]
        [] OTHER ->
              cache' = [cache EXCEPT ![t] = Popped(t)] /\ UNCHANGED held
    /\ EndGet(t)
    /\ UNCHANGED backend

GetStep(t, n) ==
    \/ GetDirect(t, n) \/ GetHit(t, n) \/ GetRefill(t, n) \/ GetRefillFull(t, n)
    \/ GetBypass(t, n) \/ GetRollback(t, n)

Next ==
    \E t \in Threads, n \in 1..MaxReq :
        \/ PutDirect(t, n) \/ PutAppend(t, n) \/ PutFlushHalf(t, n) \/ PutFlushAll(t, n)
        \/ GetDirect(t, n) \/ GetHit(t, n) \/ GetRefill(t, n) \/ GetRefillFull(t, n)
        \/ GetBypass(t, n) \/ GetRollback(t, n)

Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Properties *)

\* Entries in all places (backend, caches, popped objects of a get in
\* progress, threads' hands) and the distinct objects among them.
Entries == Len(backend) + SumOver(LAMBDA t : Len(cache[t]) + Len(taken[t]) + Len(held[t]), Threads)
Distinct == Range(backend) \cup UNION {Range(cache[t]) \cup Range(taken[t]) \cup Range(held[t]) : t \in Threads}

\* No object is in two places, or twice in one: entries and objects match one to one.
NoObjectInTwoPlaces == Cardinality(Distinct) = Entries

\* backend + the cache lengths + what threads hold = N. The objects a get in
\* progress popped count with the cache: they are still in objs[].
Conservation == Entries = N

\* 0 <= len <= size for v26.07; 1.5 x size for v25.11.
LenBounded == \A t \in Threads : Len(cache[t]) <= LenBound

\* The bound on objects parked in one cache: holds for v26.07, not for v25.11
\* (MempoolCacheLtsParked.cfg shows the counterexample).
ParkedAtMostSize == \A t \in Threads : Len(cache[t]) <= CacheSize

\* A get of n that ends hands out exactly n objects, or none and leaves the
\* cache as it was when the get began (the popped objects are back). The
\* first step of a get whose refill failed hands out nothing and does not end.
GetAllOrNothing ==
    [][\A t \in Threads, n \in 1..MaxReq :
         GetStep(t, n) /\ pc'[t] = "idle" =>
            \/ Len(held'[t]) = Len(held[t]) + n
            \/ held'[t] = held[t] /\ cache'[t] = Popped(t)]_vars

\* v26.07: the backend moves exactly size/2 objects (flush, refill) or
\* exactly the objects a thread hands over or receives without its cache
\* taking part (direct put, bypass get).
Moved == (Range(backend) \ Range(backend')) \cup (Range(backend') \ Range(backend))
Bypassed(t) ==
    ((Range(held'[t]) \ Range(held[t])) \ (Range(cache[t]) \cup Range(taken[t])))
    \cup ((Range(held[t]) \ Range(held'[t])) \ Range(cache'[t]))
BackendMovesHalfOrRequest ==
    [][Moved = {} \/ Cardinality(Moved) = Half \/ \E t \in Threads : Moved = Bypassed(t)]_vars

\* Hot objects leave a cache first towards its thread, cold ones first towards
\* the backend: everything t gets from its cache lay above everything that
\* stays, everything flushed lay below it, and what stays keeps its order.
Pos(s, o) == CHOOSE i \in DOMAIN s : s[i] = o
CacheLifo ==
    [][\A t \in Threads :
         LET stay == Range(cache[t]) \cap Range(cache'[t])
             out  == Range(cache[t]) \ stay
         IN /\ \A o \in out, k \in stay :
                  IF o \in Range(backend') THEN Pos(cache[t], o) < Pos(cache[t], k)
                  ELSE Pos(cache[t], o) > Pos(cache[t], k)
            /\ \A k1, k2 \in stay :
                  Pos(cache[t], k1) < Pos(cache[t], k2) => Pos(cache'[t], k1) < Pos(cache'[t], k2)]_vars

(***************************************************************************)
(* Refinement of ObjectBag: free objects are those in the backend or in    *)
(* any cache (including a get's popped objects); flushes, refills and      *)
(* rollbacks are stutters of the bag.                                      *)
(***************************************************************************)
FreeObjects == Range(backend) \cup UNION {Range(cache[t]) \cup Range(taken[t]) : t \in Threads}
HeldObjects == [t \in Threads |-> Range(held[t])]

Bag == INSTANCE ObjectBag WITH free <- FreeObjects, held <- HeldObjects

\* Bag!Spec, checked with the witness S of each step supplied: BagStep implies
\* Bag!Next, so [][BagStep] implies [][Bag!Next], and TLC need not enumerate
\* SUBSET free. The stuttering case comes first (TLC evaluates in order).
BagStep ==
    \/ UNCHANGED Bag!vars
    \/ \E t \in Threads :
          \/ Bag!Get(t, HeldObjects'[t] \ HeldObjects[t])
          \/ Bag!Put(t, HeldObjects[t] \ HeldObjects'[t])
Refines == Bag!Init /\ [][BagStep]_Bag!vars
=============================================================================
