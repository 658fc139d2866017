package org.hbft.machine.linux;

/**
 * What a guest program run in Linux user mode produced: its output streams, its exit status
 * (128 + signal number for a signal death, as a shell reports it) and the instructions retired.
 */
public record GuestRun(byte[] stdout, byte[] stderr, int exitCode, long instructions) {}
