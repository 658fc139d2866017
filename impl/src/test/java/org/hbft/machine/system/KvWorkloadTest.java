package org.hbft.machine.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.hbft.machine.device.DiskFaults;
import org.hbft.machine.device.DiskFaults.Outcome;
import org.hbft.machine.device.MemoryBlockStore;
import org.hbft.machine.device.MemoryNetPeer;
import org.hbft.machine.device.NetDevice;
import org.junit.jupiter.api.Test;

/**
 * The kv service: its line protocol, its log on the disk, and that every acknowledged change
 * survives a restart of the machine, whatever malformed requests and uncertain completions come.
 */
class KvWorkloadTest {
    static final long CLOCK = 1_700_000_000_000_000L;

    /** One booted machine running kv, driven request by request through an in-memory peer. */
    static final class Kv {
        final MemoryNetPeer peer = new MemoryNetPeer();
        final KernelBoot boot;

        Kv(MemoryBlockStore disk, DiskFaults diskFaults, NetDevice.TxFaults txFaults) throws Exception {
            boot = new KernelBoot("workload=kv", disk, diskFaults, () -> CLOCK, new NetDevice(peer, txFaults));
        }

        Kv(MemoryBlockStore disk) throws Exception {
            this(disk, DiskFaults.NONE, seq -> Outcome.OK);
        }

        /** Sends a request frame and runs the machine until a reply frame comes out. */
        String request(byte[] frame) {
            int before = peer.sent().size();
            peer.inject(frame);
            for (int i = 0; i < 2000 && peer.sent().size() == before; i++) {
                SystemMachine.Result r = boot.machine.run(50_000);
                assertThat(r.outcome()).as("kv must keep running").isEqualTo(SystemMachine.Outcome.INSTRUCTION_LIMIT);
            }
            List<byte[]> sent = peer.sent();
            assertThat(sent).as("a reply to " + new String(frame, StandardCharsets.US_ASCII)).hasSizeGreaterThan(before);
            return new String(sent.get(sent.size() - 1), StandardCharsets.US_ASCII);
        }

        String request(String line) {
            return request(line.getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void putGetAndDeleteFollowTheLineProtocol() throws Exception {
        Kv kv = new Kv(new MemoryBlockStore(64));
        assertThat(kv.request("GET colour")).isEqualTo("NOTFOUND");
        assertThat(kv.request("PUT colour blue")).isEqualTo("OK");
        assertThat(kv.request("PUT greeting hello there\n")).isEqualTo("OK");
        assertThat(kv.request("GET colour")).isEqualTo("VALUE blue");
        assertThat(kv.request("GET greeting")).isEqualTo("VALUE hello there");
        assertThat(kv.request("PUT colour green")).isEqualTo("OK");
        assertThat(kv.request("GET colour")).isEqualTo("VALUE green");
        assertThat(kv.request("DEL colour")).isEqualTo("OK");
        assertThat(kv.request("DEL colour")).isEqualTo("NOTFOUND");
        assertThat(kv.request("GET colour")).isEqualTo("NOTFOUND");
        assertThat(kv.boot.output()).contains("kv: ready, 0 keys from 0 log records");
    }

    @Test
    void everyAcknowledgedChangeSurvivesARestartWithoutShutdown() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(64);
        Kv first = new Kv(disk);
        for (int i = 0; i < 10; i++) {
            assertThat(first.request("PUT key" + i + " value " + i)).isEqualTo("OK");
        }
        assertThat(first.request("DEL key3")).isEqualTo("OK");
        assertThat(first.request("PUT key4 changed")).isEqualTo("OK");
        // The first machine is simply abandoned, as if its host had crashed.
        Kv second = new Kv(disk);
        assertThat(second.request("GET key0")).isEqualTo("VALUE value 0");
        assertThat(second.request("GET key3")).isEqualTo("NOTFOUND");
        assertThat(second.request("GET key4")).isEqualTo("VALUE changed");
        assertThat(second.request("GET key9")).isEqualTo("VALUE value 9");
        assertThat(second.boot.output()).contains("kv: ready, 9 keys from 12 log records");
    }

    @Test
    void malformedRequestsGetErrRepliesAndLoseNothing() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(64);
        Kv kv = new Kv(disk);
        assertThat(kv.request("PUT a 1")).isEqualTo("OK");
        byte[] huge = new byte[1500];
        Arrays.fill(huge, (byte) 'x');
        assertThat(kv.request(huge)).isEqualTo("ERR request longer than 1024 bytes");
        assertThat(kv.request("FROB a")).startsWith("ERR unknown command");
        assertThat(kv.request("PUT")).isEqualTo("ERR missing key");
        assertThat(kv.request("PUT a")).isEqualTo("ERR PUT needs a value");
        assertThat(kv.request("GET a b")).isEqualTo("ERR too many arguments");
        assertThat(kv.request("GET " + "k".repeat(65))).isEqualTo("ERR key longer than 64 bytes");
        assertThat(kv.request("PUT a " + "v".repeat(513))).isEqualTo("ERR value longer than 512 bytes");
        assertThat(kv.request(new byte[] {'G', 'E', 'T', ' ', 'a', 0, 7})).startsWith("ERR request must be printable");
        assertThat(kv.request("GET a")).isEqualTo("VALUE 1");
        assertThat(new Kv(disk).request("GET a")).isEqualTo("VALUE 1");
    }

    @Test
    void uncertainDiskWritesAreRepeatedBeforeThePutIsAcknowledged() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(64);
        // The first read is the log scan at boot; after it, every other write is uncertain and
        // alternately did or did not happen.
        DiskFaults faults = (seq, write, block) -> !write || seq % 2 == 0 ? Outcome.OK
                : seq % 4 == 1 ? Outcome.UNCERTAIN_NOT_PERFORMED : Outcome.UNCERTAIN_PERFORMED;
        Kv kv = new Kv(disk, faults, seq -> Outcome.OK);
        for (int i = 0; i < 6; i++) {
            assertThat(kv.request("PUT k" + i + " v" + i)).isEqualTo("OK");
        }
        Kv after = new Kv(disk);
        for (int i = 0; i < 6; i++) {
            assertThat(after.request("GET k" + i)).isEqualTo("VALUE v" + i);
        }
    }

    @Test
    void anUncertainTransmitIsSentAgainSoTheClientGetsItsReply() throws Exception {
        MemoryBlockStore disk = new MemoryBlockStore(16);
        Kv kv = new Kv(disk, DiskFaults.NONE, seq -> seq == 0 ? Outcome.UNCERTAIN_NOT_PERFORMED
                : seq == 1 ? Outcome.OK : seq == 2 ? Outcome.UNCERTAIN_PERFORMED : Outcome.OK);
        assertThat(kv.request("PUT a 1")).isEqualTo("OK");
        int before = kv.peer.sent().size();
        assertThat(kv.request("GET a")).isEqualTo("VALUE 1");
        // The uncertain transmit that did happen shows up as a duplicate, which clients tolerate.
        assertThat(kv.peer.sent().size() - before).isEqualTo(2);
    }

    @Test
    void shutdownRequestPowersTheMachineOff() throws Exception {
        Kv kv = new Kv(new MemoryBlockStore(16));
        kv.request("PUT a 1");
        kv.peer.inject("SHUTDOWN".getBytes(StandardCharsets.US_ASCII));
        SystemMachine.Result r = kv.boot.machine.run(50_000_000);
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(r.exitStatus()).isZero();
        assertThat(kv.boot.output()).contains("kv: shutdown, 1 keys");
    }

    @Test
    void aKvSessionReplaysToTheSameDigest() throws Exception {
        Kv primary = new Kv(new MemoryBlockStore(16));
        primary.request("PUT a 1");
        primary.request("GET a");
        primary.request("BAD");
        primary.peer.inject("SHUTDOWN".getBytes(StandardCharsets.US_ASCII));
        primary.boot.machine.run(50_000_000);
        Kv replica = new Kv(new MemoryBlockStore(16));
        replica.boot.machine.replay(primary.boot.machine.log());
        SystemMachine.Result r = replica.boot.machine.run(Long.MAX_VALUE);
        assertThat(r.outcome()).isEqualTo(SystemMachine.Outcome.POWER_OFF);
        assertThat(replica.peer.sent()).as("a replica's own sends are its business; here they match").hasSize(4);
        assertThat(replica.boot.machine.stateDigest()).isEqualTo(primary.boot.machine.stateDigest());
    }
}
