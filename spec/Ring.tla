-------------------------------- MODULE Ring --------------------------------
(***************************************************************************)
(* DPDK's rte_ring head/tail protocol (v26.07), one module for the four    *)
(* classic sync modes: ProdSync selects SP or MP, ConsSync SC or MC.       *)
(*                                                                         *)
(* An enqueue is three steps, as in the code:                              *)
(*   1. move the head: snapshot prod.head and cons.tail, compute free      *)
(*      space, then claim [old, old+n) by a CAS (MP) or a plain store (SP);*)
(*   2. copy the items into slots (old+i) mod Size;                        *)
(*   3. publish: MP first waits until prod.tail = old, so tails advance in *)
(*      head order; then prod.tail := old+n (release).                     *)
(* A dequeue is the mirror image with the roles of prod and cons swapped.  *)
(*                                                                         *)
(* Counters are naturals that only grow; the Java code keeps them as       *)
(* 32-bit ints with wrapping arithmetic, which computes the same           *)
(* differences because no two live counters are ever 2^31 apart. Every     *)
(* behaviour is finite in items (each producer enqueues Items values), so  *)
(* the counters stay below Cardinality(Producers) * Items and no state     *)
(* constraint is needed.                                                   *)
(*                                                                         *)
(* Each step is one atomic action of the interleaving. Two merges are      *)
(* deliberate:                                                             *)
(*   - A0 and A1 of a call's first iteration are one step. In the code     *)
(*     A0 comes first, so its head may be older than the tail. An older    *)
(*     head only makes free space look larger: a failure decided on it     *)
(*     holds at the A1 instant too, and a reservation decided on it fails  *)
(*     its CAS and retries from the witness. That retry path, whose head is*)
(*     older than the A1 load that follows, is modelled, so stale heads are*)
(*     explored.                                                           *)
(*   - A copy is one step. Slot accesses are plain, and SlotsExclusive     *)
(*     shows that no other thread touches a slot while a call owns it, so  *)
(*     splitting the copy per slot would change no value read.             *)
(* The spec is sequentially consistent: it checks the protocol, and the    *)
(* labels (A0..A3, C0, C1, S0, S1, W0, W1, R0, R1) name the orderings the  *)
(* Java code needs for these interleavings to be the only ones.            *)
(*                                                                         *)
(* Mutants share this text; the .cfg picks one with the constant Mutant.   *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Producers, Consumers,   \* disjoint sets of threads
    ProdSync,               \* "SP" or "MP"
    ConsSync,               \* "SC" or "MC"
    Size,                   \* slots in the ring (a power of 2 in DPDK)
    Capacity,               \* Size-1, or less with RING_F_EXACT_SZ
    Items,                  \* values each producer enqueues in a behaviour
    MaxN,                   \* largest n of one call
    Kinds,                  \* calls the threads make: subset of {"bulk", "burst"}
    Unfair,                 \* threads without weak fairness (may stall forever)
    Mutant                  \* "None", or the seeded bug to check

Mutants == {"None",
            "SpTwoProducers",      \* SP head store used by two producers
            "NoTailWait",          \* publish without W0/W1
            "FreeFromConsHead",    \* free = capacity + cons.head - prod.head
            "FreeFromProdTail",    \* free = capacity + cons.tail - prod.tail
            "EntriesFromProdHead"} \* entries = prod.head - cons.head

ASSUME
    /\ Producers \cap Consumers = {}
    /\ ProdSync \in {"SP", "MP"} /\ ConsSync \in {"SC", "MC"}
    /\ Size \in Nat \ {0} /\ Capacity \in 0..(Size - 1)
    /\ Items \in Nat /\ MaxN \in Nat \ {0}
    /\ Kinds # {} /\ Kinds \subseteq {"bulk", "burst"}
    /\ Unfair \subseteq Producers \cup Consumers
    /\ Mutant \in Mutants
    \* ST code is only correct with one thread on its side; breaking that is a mutant.
    /\ ProdSync = "SP" => (Cardinality(Producers) = 1 \/ Mutant = "SpTwoProducers")
    /\ ConsSync = "SC" => Cardinality(Consumers) = 1

Threads == Producers \cup Consumers

VARIABLES
    prodHead, prodTail, consHead, consTail,
    slot,       \* slot[s]: the value stored in slot s
    written,    \* ghost: written[i] is the value a producer wrote for index i
    pc,         \* pc[t]: where thread t is in its current call
    kind,       \* kind[t]: "bulk" or "burst" for the call in progress
    want,       \* want[t]: the n requested (kept across CAS retries)
    old,        \* old[t]: the head value the call works from
    cnt,        \* cnt[t]: the n' the call moves (after clamping)
    sent,       \* sent[p]: values p has published; p's k-th value is <<p, k>>
    got         \* got[c]: the values c's dequeue copied out, until it publishes

counters == <<prodHead, prodTail, consHead, consTail>>
locals == <<pc, kind, want, old, cnt>>
vars == <<counters, slot, written, locals, sent, got>>

None == <<>>
Val(p, k) == <<p, k>>
Values == Producers \X (1..Items)
Index == 0..(Cardinality(Producers) * Items - 1)
W(i) == IF i \in Index THEN written[i] ELSE None

Min(a, b) == IF a <= b THEN a ELSE b

\* n' for a call of kind kd asking n when "space" is available:
\* bulk all-or-nothing, burst as many as fit.
Moved(kd, n, space) ==
    IF kd = "bulk" THEN (IF n <= space THEN n ELSE 0)
    ELSE IF space <= 0 THEN 0 ELSE Min(n, space)

\* A1: free space from the CONSUMER TAIL, so slots a dequeue still reads stay taken.
EnqFree(h) ==
    CASE Mutant = "FreeFromConsHead" -> Capacity + consHead - h
      [] Mutant = "FreeFromProdTail" -> Capacity + consTail - prodTail
      [] OTHER                       -> Capacity + consTail - h

\* A3: entries from the PRODUCER TAIL, so only published slots are read.
DeqEntries(h) ==
    IF Mutant = "EntriesFromProdHead" THEN prodHead - h ELSE prodTail - h

Reserved == {"copy", "wait", "publish"}   \* the call owns [old, old+cnt)

TypeOK ==
    /\ {prodHead, prodTail, consHead, consTail} \subseteq Nat
    /\ slot \in [0..(Size - 1) -> Values \cup {None}]
    /\ written \in [Index -> Values \cup {None}]
    /\ pc \in [Threads -> {"idle", "retry", "cas", "store", "copy", "wait", "publish"}]
    /\ kind \in [Threads -> Kinds \cup {"none"}]
    /\ want \in [Threads -> 0..MaxN]
    /\ old \in [Threads -> Nat]
    /\ cnt \in [Threads -> 0..MaxN]
    /\ sent \in [Producers -> 0..Items]
    /\ got \in [Consumers -> Seq(Values \cup {None})]

Init ==
    /\ prodHead = 0 /\ prodTail = 0 /\ consHead = 0 /\ consTail = 0
    /\ slot = [s \in 0..(Size - 1) |-> None]
    /\ written = [i \in Index |-> None]
    /\ pc = [t \in Threads |-> "idle"]
    /\ kind = [t \in Threads |-> "none"]
    /\ want = [t \in Threads |-> 0]
    /\ old = [t \in Threads |-> 0]
    /\ cnt = [t \in Threads |-> 0]
    /\ sent = [p \in Producers |-> 0]
    /\ got = [c \in Consumers |-> <<>>]

\* Back to idle with canonical locals, so finished calls leave no trace in the state.
EndCall(t) ==
    /\ pc' = [pc EXCEPT ![t] = "idle"]
    /\ kind' = [kind EXCEPT ![t] = "none"]
    /\ want' = [want EXCEPT ![t] = 0]
    /\ old' = [old EXCEPT ![t] = 0]
    /\ cnt' = [cnt EXCEPT ![t] = 0]

\* The head has moved: only [old, old+cnt) matters from here on, so the request
\* is forgotten (fewer distinct states, same behaviours).
Reserve(t) ==
    /\ kind' = [kind EXCEPT ![t] = "none"]
    /\ want' = [want EXCEPT ![t] = 0]
    /\ UNCHANGED <<old, cnt>>

\* The move-head step after the snapshot: CAS for MT, plain store for ST.
HeadStep(mt) == IF mt THEN "cas" ELSE "store"

-----------------------------------------------------------------------------
(* Enqueue *)

\* enqMoveHeadMt / enqMoveHeadSt, load part. From idle: A0 loads prod.head
\* (MP: acquire, once per call); from retry the head is the witness of the
\* failed CAS. A1 loads cons.tail on every iteration. n' = 0 returns before
\* touching the head, so a failed or empty call changes nothing.
EnqLoad(p) ==
    \/ /\ pc[p] = "idle"
       /\ sent[p] < Items
       /\ \E kd \in Kinds, n \in 1..Min(MaxN, Items - sent[p]) :
            LET k == Moved(kd, n, EnqFree(prodHead)) IN
            IF k = 0 THEN UNCHANGED vars
            ELSE /\ pc' = [pc EXCEPT ![p] = HeadStep(ProdSync = "MP")]
                 /\ kind' = [kind EXCEPT ![p] = kd]
                 /\ want' = [want EXCEPT ![p] = n]
                 /\ old' = [old EXCEPT ![p] = prodHead]
                 /\ cnt' = [cnt EXCEPT ![p] = k]
                 /\ UNCHANGED <<counters, slot, written, sent, got>>
    \/ /\ pc[p] = "retry"
       /\ LET k == Moved(kind[p], want[p], EnqFree(old[p])) IN
          IF k = 0 THEN /\ EndCall(p)
                        /\ UNCHANGED <<counters, slot, written, sent, got>>
          ELSE /\ pc' = [pc EXCEPT ![p] = "cas"]
               /\ cnt' = [cnt EXCEPT ![p] = k]
               /\ UNCHANGED <<counters, slot, written, kind, want, old, sent, got>>

\* enqMoveHeadMt, C0: CAS prod.head old -> old+n'. On failure the witness
\* becomes old and EnqLoad recomputes n' from the ORIGINAL n.
EnqCas(p) ==
    /\ pc[p] = "cas"
    /\ IF prodHead = old[p]
       THEN /\ prodHead' = old[p] + cnt[p]
            /\ pc' = [pc EXCEPT ![p] = "copy"]
            /\ Reserve(p)
       ELSE /\ old' = [old EXCEPT ![p] = prodHead]
            /\ cnt' = [cnt EXCEPT ![p] = 0]
            /\ pc' = [pc EXCEPT ![p] = "retry"]
            /\ UNCHANGED <<prodHead, kind, want>>
    /\ UNCHANGED <<prodTail, consHead, consTail, slot, written, sent, got>>

\* enqMoveHeadSt, S0: plain store prod.head = old+n'; correct only because no
\* other producer exists (see mutant SpTwoProducers).
EnqStoreHead(p) ==
    /\ pc[p] = "store"
    /\ prodHead' = old[p] + cnt[p]
    /\ pc' = [pc EXCEPT ![p] = "copy"]
    /\ Reserve(p)
    /\ UNCHANGED <<prodTail, consHead, consTail, slot, written, sent, got>>

\* enqCopy: plain slot writes, made visible by R0. Index old+i gets p's
\* value sent[p]+i+1.
EnqCopy(p) ==
    /\ pc[p] = "copy"
    /\ LET off(s) == (s - old[p]) % Size    \* position in the call of the index landing in slot s
       IN slot' = [s \in DOMAIN slot |->
                     IF off(s) < cnt[p] THEN Val(p, sent[p] + off(s) + 1) ELSE slot[s]]
    /\ written' = [i \in Index |->
                     IF old[p] <= i /\ i < old[p] + cnt[p]
                     THEN Val(p, sent[p] + (i - old[p]) + 1) ELSE written[i]]
    /\ pc' = [pc EXCEPT ![p] = IF ProdSync = "MP" THEN "wait" ELSE "publish"]
    /\ UNCHANGED <<counters, kind, want, old, cnt, sent, got>>

\* enqPublish, W0 (MP only): spin until prod.tail = old. This wait is
\* what makes the ring blocking: see ReservedCallsComplete and RingMpMcStall.cfg.
EnqWaitTail(p) ==
    /\ pc[p] = "wait"
    /\ prodTail = old[p] \/ Mutant = "NoTailWait"
    /\ pc' = [pc EXCEPT ![p] = "publish"]
    /\ UNCHANGED <<counters, slot, written, kind, want, old, cnt, sent, got>>

\* enqPublish, R0: release store prod.tail = old+n'; pairs with A3.
EnqPublish(p) ==
    /\ pc[p] = "publish"
    /\ prodTail' = old[p] + cnt[p]
    /\ sent' = [sent EXCEPT ![p] = @ + cnt[p]]
    /\ EndCall(p)
    /\ UNCHANGED <<prodHead, consHead, consTail, slot, written, got>>

-----------------------------------------------------------------------------
(* Dequeue *)

\* deqMoveHeadMt / deqMoveHeadSt, load part: A2 loads cons.head (MC: acquire,
\* once per call; from retry the CAS witness), A3 loads prod.tail (acquire,
\* every iteration; pairs with R0).
DeqLoad(c) ==
    \/ /\ pc[c] = "idle"
       /\ \E kd \in Kinds, n \in 1..MaxN :
            LET k == Moved(kd, n, DeqEntries(consHead)) IN
            IF k = 0 THEN UNCHANGED vars
            ELSE /\ pc' = [pc EXCEPT ![c] = HeadStep(ConsSync = "MC")]
                 /\ kind' = [kind EXCEPT ![c] = kd]
                 /\ want' = [want EXCEPT ![c] = n]
                 /\ old' = [old EXCEPT ![c] = consHead]
                 /\ cnt' = [cnt EXCEPT ![c] = k]
                 /\ UNCHANGED <<counters, slot, written, sent, got>>
    \/ /\ pc[c] = "retry"
       /\ LET k == Moved(kind[c], want[c], DeqEntries(old[c])) IN
          IF k = 0 THEN /\ EndCall(c)
                        /\ UNCHANGED <<counters, slot, written, sent, got>>
          ELSE /\ pc' = [pc EXCEPT ![c] = "cas"]
               /\ cnt' = [cnt EXCEPT ![c] = k]
               /\ UNCHANGED <<counters, slot, written, kind, want, old, sent, got>>

\* deqMoveHeadMt, C1: CAS cons.head old -> old+n'.
DeqCas(c) ==
    /\ pc[c] = "cas"
    /\ IF consHead = old[c]
       THEN /\ consHead' = old[c] + cnt[c]
            /\ pc' = [pc EXCEPT ![c] = "copy"]
            /\ Reserve(c)
       ELSE /\ old' = [old EXCEPT ![c] = consHead]
            /\ cnt' = [cnt EXCEPT ![c] = 0]
            /\ pc' = [pc EXCEPT ![c] = "retry"]
            /\ UNCHANGED <<consHead, kind, want>>
    /\ UNCHANGED <<prodHead, prodTail, consTail, slot, written, sent, got>>

\* deqMoveHeadSt, S1: plain store cons.head = old+n' (SC only).
DeqStoreHead(c) ==
    /\ pc[c] = "store"
    /\ consHead' = old[c] + cnt[c]
    /\ pc' = [pc EXCEPT ![c] = "copy"]
    /\ Reserve(c)
    /\ UNCHANGED <<prodHead, prodTail, consTail, slot, written, sent, got>>

\* deqCopy: plain slot reads, ordered after A3 and before R1.
DeqCopy(c) ==
    /\ pc[c] = "copy"
    /\ got' = [got EXCEPT ![c] = [i \in 1..cnt[c] |-> slot[(old[c] + i - 1) % Size]]]
    /\ pc' = [pc EXCEPT ![c] = IF ConsSync = "MC" THEN "wait" ELSE "publish"]
    /\ UNCHANGED <<counters, slot, written, kind, want, old, cnt, sent>>

\* deqPublish, W1 (MC only): spin until cons.tail = old.
DeqWaitTail(c) ==
    /\ pc[c] = "wait"
    /\ consTail = old[c] \/ Mutant = "NoTailWait"
    /\ pc' = [pc EXCEPT ![c] = "publish"]
    /\ UNCHANGED <<counters, slot, written, kind, want, old, cnt, sent, got>>

\* deqPublish, R1: release store cons.tail = old+n'; pairs with A1. From here
\* producers may overwrite the slots.
DeqPublish(c) ==
    /\ pc[c] = "publish"
    /\ consTail' = old[c] + cnt[c]
    /\ got' = [got EXCEPT ![c] = <<>>]
    /\ EndCall(c)
    /\ UNCHANGED <<prodHead, prodTail, consHead, slot, written, sent>>

-----------------------------------------------------------------------------

ProducerStep(p) ==
    EnqLoad(p) \/ EnqCas(p) \/ EnqStoreHead(p) \/ EnqCopy(p) \/ EnqWaitTail(p) \/ EnqPublish(p)

ConsumerStep(c) ==
    DeqLoad(c) \/ DeqCas(c) \/ DeqStoreHead(c) \/ DeqCopy(c) \/ DeqWaitTail(c) \/ DeqPublish(c)

Next ==
    \/ \E p \in Producers : ProducerStep(p)
    \/ \E c \in Consumers : ConsumerStep(c)

\* Weak fairness per thread: a thread that can move keeps moving. Threads in
\* Unfair may stop anywhere, which is what a descheduled thread does.
Fairness ==
    /\ \A p \in Producers \ Unfair : WF_vars(ProducerStep(p))
    /\ \A c \in Consumers \ Unfair : WF_vars(ConsumerStep(c))

Spec == Init /\ [][Next]_vars /\ Fairness

-----------------------------------------------------------------------------
(* Properties *)

\* Heads run ahead of tails, consumers never pass producers, and producers
\* never claim more than Capacity slots beyond what consumers released.
Ordered ==
    /\ consTail <= consHead
    /\ consHead <= prodTail
    /\ prodTail <= prodHead
    /\ prodHead <= consTail + Capacity

\* Every value a consumer copied out is the value written at that index.
NoTornRead ==
    \A c \in Consumers : \A i \in 1..Len(got[c]) : got[c][i] = W(old[c] + i - 1)

\* Slots owned by the calls in flight are pairwise disjoint (no data race on
\* a slot), which is why a copy may be a single step.
Owned(t) == IF pc[t] \in Reserved THEN {(old[t] + i) % Size : i \in 0..(cnt[t] - 1)} ELSE {}
SlotsExclusive ==
    \A t, u \in Threads : t # u => Owned(t) \cap Owned(u) = {}

\* Per-producer FIFO: read in index order, the published part of the ring
\* holds each producer's values exactly once and in the order it sent them
\* (no loss, no duplicate, no reordering).
Published == [i \in 1..prodTail |-> W(i - 1)]
PerProducerFifo ==
    \A p \in Producers :
        SelectSeq(Published, LAMBDA v : v # None /\ v[1] = p) = [k \in 1..sent[p] |-> Val(p, k)]

(***************************************************************************)
(* Refinement of BoundedFifo. An enqueue takes effect at its tail publish, *)
(* a dequeue at its head move; the slots between are held. The mapping is  *)
(* total (W gives None outside Index), so a broken ring yields a clean     *)
(* violation, not a fingerprinting error.                                  *)
(***************************************************************************)
AbsQ == [k \in 1..(prodTail - consHead) |-> W(consHead + k - 1)]
AbsEnqHeld == [p \in Producers |-> IF pc[p] \in Reserved THEN cnt[p] ELSE 0]
AbsDeqHeld == [c \in Consumers |-> IF pc[c] \in Reserved THEN cnt[c] ELSE 0]

Fifo == INSTANCE BoundedFifo WITH q <- AbsQ, sent <- sent, enqHeld <- AbsEnqHeld, deqHeld <- AbsDeqHeld

\* Fifo!Spec, with the abstract stuttering case tested first: most ring steps
\* (loads, failed CASes, copies, waits) are abstract stutters, and TLC
\* evaluates the disjuncts in order.
Refines == Fifo!Init /\ [][UNCHANGED Fifo!vars \/ Fifo!Next]_Fifo!vars

\* Every result a call settles on is one BoundedFifo allows at that instant:
\* a failure (n' = 0, at the load) only when Room or Avail is too small, a
\* reservation (just before a CAS that will succeed, or the ST store) of a
\* count Outcomes permits. Checked on states, since a failure changes none.
EnqRequests(p) == Kinds \X (1..Min(MaxN, Items - sent[p]))
DeqRequests == Kinds \X (1..MaxN)

OutcomesAllowed ==
  LET room == Fifo!Room
      avail == Fifo!Avail
  IN
    /\ \A p \in Producers :
        /\ pc[p] = "idle" =>
               \A r \in EnqRequests(p) :
                   Moved(r[1], r[2], EnqFree(prodHead)) = 0 => 0 \in Fifo!Outcomes(r[1], r[2], room)
        /\ pc[p] = "retry" /\ Moved(kind[p], want[p], EnqFree(old[p])) = 0 =>
               0 \in Fifo!Outcomes(kind[p], want[p], room)
        /\ pc[p] \in {"cas", "store"} /\ prodHead = old[p] =>
               cnt[p] \in Fifo!Outcomes(kind[p], want[p], room)
    /\ \A c \in Consumers :
        /\ pc[c] = "idle" =>
               \A r \in DeqRequests :
                   Moved(r[1], r[2], DeqEntries(consHead)) = 0 => 0 \in Fifo!Outcomes(r[1], r[2], avail)
        /\ pc[c] = "retry" /\ Moved(kind[c], want[c], DeqEntries(old[c])) = 0 =>
               0 \in Fifo!Outcomes(kind[c], want[c], avail)
        /\ pc[c] \in {"cas", "store"} /\ consHead = old[c] =>
               cnt[c] \in Fifo!Outcomes(kind[c], want[c], avail)

(***************************************************************************)
(* Liveness: a call that has reserved its slots eventually publishes, for  *)
(* every thread with weak fairness. With all threads fair this holds in    *)
(* every variant. With a producer in Unfair it FAILS for MP: the stalled   *)
(* producer's reservation is never published, and every later producer     *)
(* spins in W0 forever. DPDK states this as "the ring is not preemptible"; *)
(* RingMpMcStall.cfg keeps that counterexample in the build.               *)
(***************************************************************************)
ReservedCallsComplete ==
    \A t \in Threads \ Unfair : (pc[t] \in Reserved) ~> (pc[t] = "idle")
=============================================================================
