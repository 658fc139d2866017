--------------------------- MODULE MCSingleMachine ---------------------------
(* Model wrapper for checking SingleMachine on its own. *)
EXTENDS SingleMachine

\* Retries can go on forever; TLC explores two hand-overs per operation.
BoundedRetries == cur.issues <= 2
=============================================================================
