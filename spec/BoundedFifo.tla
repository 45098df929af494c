----------------------------- MODULE BoundedFifo -----------------------------
(***************************************************************************)
(* The abstract contract of a DPDK ring: a bounded FIFO of Capacity slots  *)
(* shared by several producers and consumers.                              *)
(*                                                                         *)
(* An enqueue takes effect in one step (EnqCommit, the ring's tail         *)
(* publish) and a dequeue in one step (DeqTake, the ring's head move).     *)
(* Bulk is all-or-nothing; burst moves up to n.                            *)
(*                                                                         *)
(* The one relaxation against a strict bounded FIFO: slots are counted as  *)
(* held, not free, while an operation that owns them is in flight.         *)
(*   - A dequeue removes its items from q at once (DeqTake) but gives the  *)
(*     slots back only when it releases them (DeqRelease, the consumer's   *)
(*     tail publish). Meanwhile an enqueue may report "full" although q    *)
(*     has room: the relaxation a DPDK ring needs, since producers compute *)
(*     free space from cons.tail, not cons.head.                           *)
(*   - An enqueue claims its slots (EnqReserve) before its items join q    *)
(*     (EnqCommit). That is the same rule seen from the producer side: a   *)
(*     slot is held from its reservation until its release.                *)
(* Nothing else: a dequeue fails only if q has fewer items than it needs,  *)
(* and an enqueue fails only if Room, the slots neither in q nor held, is  *)
(* too small.                                                              *)
(***************************************************************************)
EXTENDS Naturals, Sequences

CONSTANTS
    Capacity,   \* usable slots (DPDK: count-1, or count with RING_F_EXACT_SZ)
    Producers,  \* producer threads
    Consumers   \* consumer threads

VARIABLES
    q,          \* the items, oldest first
    sent,       \* sent[p]: items of p committed so far; p's k-th item is <<p, k>>
    enqHeld,    \* enqHeld[p]: slots reserved by p's enqueue in flight (0 if none)
    deqHeld     \* deqHeld[c]: slots still held by c's dequeue in flight (0 if none)

vars == <<q, sent, enqHeld, deqHeld>>

Item(p, k) == <<p, k>>

RECURSIVE SumOver(_, _)
SumOver(f, S) == IF S = {} THEN 0
                 ELSE LET x == CHOOSE y \in S : TRUE IN f[x] + SumOver(f, S \ {x})

Held == SumOver(enqHeld, Producers) + SumOver(deqHeld, Consumers)

\* Slots an enqueue may claim now.
Room == Capacity - Len(q) - Held

\* Items a dequeue may take now.
Avail == Len(q)

Min(a, b) == IF a <= b THEN a ELSE b

(***************************************************************************)
(* What one call may return when "space" items or slots are available:     *)
(* bulk moves exactly n or nothing; burst moves between 1 and n, and       *)
(* nothing only when space is 0. Burst may move fewer than min(n, space)   *)
(* because a ring decides from a snapshot and space only grows until its   *)
(* reservation lands.                                                      *)
(***************************************************************************)
Outcomes(kind, n, space) ==
    IF kind = "bulk"
    THEN IF n <= space THEN {n} ELSE {0}
    ELSE IF space <= 0 THEN {0} ELSE 1..Min(n, space)

TypeOK ==
    /\ q \in Seq(Producers \X Nat)
    /\ sent \in [Producers -> Nat]
    /\ enqHeld \in [Producers -> Nat]
    /\ deqHeld \in [Consumers -> Nat]

Init ==
    /\ q = <<>>
    /\ sent = [p \in Producers |-> 0]
    /\ enqHeld = [p \in Producers |-> 0]
    /\ deqHeld = [c \in Consumers |-> 0]

EnqReserve(p, k) ==
    /\ enqHeld[p] = 0
    /\ k \in 1..Room
    /\ enqHeld' = [enqHeld EXCEPT ![p] = k]
    /\ UNCHANGED <<q, sent, deqHeld>>

EnqCommit(p) ==
    /\ enqHeld[p] > 0
    /\ q' = q \o [i \in 1..enqHeld[p] |-> Item(p, sent[p] + i)]
    /\ sent' = [sent EXCEPT ![p] = @ + enqHeld[p]]
    /\ enqHeld' = [enqHeld EXCEPT ![p] = 0]
    /\ UNCHANGED deqHeld

DeqTake(c, k) ==
    /\ deqHeld[c] = 0
    /\ k \in 1..Avail
    /\ q' = SubSeq(q, k + 1, Len(q))
    /\ deqHeld' = [deqHeld EXCEPT ![c] = k]
    /\ UNCHANGED <<sent, enqHeld>>

DeqRelease(c) ==
    /\ deqHeld[c] > 0
    /\ deqHeld' = [deqHeld EXCEPT ![c] = 0]
    /\ UNCHANGED <<q, sent, enqHeld>>

\* A failed call changes nothing; the ring checks separately, with Outcomes,
\* that it fails only when Room or Avail allows it (Ring!OutcomesAllowed).
Next ==
    \/ \E p \in Producers : \/ \E k \in 1..Capacity : EnqReserve(p, k)
                            \/ EnqCommit(p)
    \/ \E c \in Consumers : \/ \E k \in 1..Capacity : DeqTake(c, k)
                            \/ DeqRelease(c)

Spec == Init /\ [][Next]_vars

=============================================================================
