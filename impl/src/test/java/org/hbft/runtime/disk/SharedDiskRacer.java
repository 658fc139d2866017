package org.hbft.runtime.disk;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The other process in the cross-process race test. Opens the shared disk given as its argument,
 * prints {@code READY}, then for each line {@code GO expected startMicros} spins until the wall
 * clock reaches {@code startMicros} (so both processes strike together), calls
 * {@code testAndSet(expected, "child")} and prints {@code WON} or {@code LOST}. Ends on end of input.
 */
public final class SharedDiskRacer {
    private SharedDiskRacer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (SharedDisk disk = SharedDisk.open(Path.of(args[0]))) {
            out.println("READY");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(" ");
                long expected = Long.parseLong(f[1]);
                spinUntil(Long.parseLong(f[2]));
                out.println(disk.testAndSet(expected, "child") ? "WON" : "LOST");
            }
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    static void spinUntil(long micros) {
        while (nowMicros() < micros) {
            Thread.onSpinWait();
        }
    }
}
