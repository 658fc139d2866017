------------------------------- MODULE TraceIO -------------------------------
(***************************************************************************)
(* Reading an implementation trace into TLC. Both operators are           *)
(* implemented in Java (org.hbft.spec.trace.TraceIO), which reads the      *)
(* trace as prepared by org.hbft.spec.trace.PreparedTrace: the NDJSON      *)
(* events as records, clock values replaced by their rank (TLC integers    *)
(* are 32-bit; only order and equality matter), and the indexes named in   *)
(* TraceHBFT.tla. The definitions below only give the operators their     *)
(* arity; TLC never evaluates them.                                        *)
(***************************************************************************)
LoadTrace(path) == CHOOSE t : FALSE

LoadIndex(path, name) == CHOOSE t : FALSE
=============================================================================
