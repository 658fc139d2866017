------------------------------- MODULE MCHBFT -------------------------------
(* Model wrapper for TLC: values the .cfg files cannot write themselves. *)
EXTENDS HBFT

\* Every epoch reads the clock, then lets the driver issue (if it wants).
ClockThenIO == <<"clock", "io">>
\* Issue first: the command carries the previous epoch's state.
IOThenClock == <<"io", "clock">>
=============================================================================
