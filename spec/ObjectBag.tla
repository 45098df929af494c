------------------------------ MODULE ObjectBag ------------------------------
(***************************************************************************)
(* The abstract contract of a mempool: a bag of free objects. A get hands  *)
(* a thread a non-empty set of free objects in one step (all-or-nothing);  *)
(* a put gives back objects the thread holds. The bag promises nothing     *)
(* about when a get succeeds: with per-thread caches a get may fail while  *)
(* other threads' caches still park free objects (documented DPDK          *)
(* behaviour), so a failed get is a step that changes nothing.             *)
(***************************************************************************)
EXTENDS FiniteSets

CONSTANTS
    Objects,    \* every object of the pool
    Threads

VARIABLES
    free,       \* objects in the pool, wherever the implementation keeps them
    held        \* held[t]: objects thread t got and has not put back

vars == <<free, held>>

TypeOK ==
    /\ free \subseteq Objects
    /\ held \in [Threads -> SUBSET Objects]

Init ==
    /\ free = Objects
    /\ held = [t \in Threads |-> {}]

Get(t, S) ==
    /\ S # {}
    /\ S \subseteq free
    /\ free' = free \ S
    /\ held' = [held EXCEPT ![t] = @ \cup S]

Put(t, S) ==
    /\ S # {}
    /\ S \subseteq held[t]
    /\ held' = [held EXCEPT ![t] = @ \ S]
    /\ free' = free \cup S

Next ==
    \E t \in Threads :
        \/ \E S \in SUBSET free : Get(t, S)
        \/ \E S \in SUBSET held[t] : Put(t, S)

Spec == Init /\ [][Next]_vars

\* Each object is either free or held by exactly one thread.
Partition ==
    /\ \A t \in Threads : free \cap held[t] = {}
    /\ \A t, u \in Threads : t # u => held[t] \cap held[u] = {}
=============================================================================
