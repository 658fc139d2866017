package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.hbft.hypervisor.Hypervisor;
import org.hbft.machine.ElfImage;
import org.hbft.machine.device.BlockDevice;
import org.hbft.machine.device.ClockDevice;
import org.hbft.machine.device.ConsoleDevice;
import org.hbft.machine.system.SystemMachine;
import org.hbft.replication.Message;
import org.hbft.replication.OutputMode;
import org.hbft.replication.Protocol;
import org.hbft.replication.TraceEvent;
import org.hbft.runtime.disk.SharedDisk;
import org.hbft.testing.RepoPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationStoreFenceRaceTest {
    @TempDir
    Path dir;

    /**
     * The replica looks at the fence before it performs an operation, but a backup can take the
     * disk over between that look and the write. The disk's own check, under its lock, refuses the
     * write; the primary must then halt as fenced off, not hand the guest a failed write and trace
     * it as performed.
     */
    @Test
    void aTakeoverBetweenTheFenceCheckAndTheWriteHaltsThePrimaryAndTracesNoWrite() throws Exception {
        try (SharedDisk disk = SharedDisk.create(dir.resolve("shared.img"), 64)) {
            Protocol protocol = new Protocol(true, OutputMode.REVISED, disk.generation());
            protocol.setAcknowledging(true);
            SystemMachine machine = new SystemMachine(16L << 20, SystemMachine.DEFAULT_QUANTUM);
            Hypervisor hv = new Hypervisor(machine, 4096);
            machine.attach(SystemMachine.SLOT_CONSOLE, new ConsoleDevice(OutputStream.nullOutputStream()));
            machine.attach(SystemMachine.SLOT_CLOCK, new ClockDevice(ClockDevice::hostMicros));
            machine.attach(SystemMachine.SLOT_DISK, new BlockDevice(new GenerationStore(disk, protocol::generation)));
            machine.boot(ElfImage.read(RepoPaths.guests().resolve("kernel/kernel.elf")), "workload=disk-write iterations=3");
            // The look before each operation always finds the fence held: as if the takeover came just after it.
            Fence lookedTooEarly = new Fence() {
                @Override
                public boolean testAndSet(long expected, String owner) {
                    return true;
                }

                @Override
                public boolean holds(long generation) {
                    return true;
                }
            };
            List<TraceEvent> trace = new ArrayList<>();
            Replica primary = new Replica("primary", hv, protocol, messages -> { }, lookedTooEarly,
                    (replica, e) -> trace.add(e), ClockDevice::hostMicros, () -> { }, line -> { });
            assertThat(disk.testAndSet(disk.generation(), "backup")).isTrue();

            for (int steps = 0; steps < 1_000_000 && !primary.done(); steps++) {
                if (primary.advance() == Replica.Status.BLOCKED) {
                    primary.receive(new Message.Ack(protocol.sent())); // the backup acknowledges everything
                }
            }

            assertThat(primary.done()).isTrue();
            assertThat(primary.haltReason()).contains("the shared disk refused operation");
            List<String> events = trace.stream().map(TraceEvent::event).toList();
            assertThat(events).contains("PrimaryIssueIO", "PrimaryFenced");
            // The guest's console lines went out; no disk command did.
            assertThat(trace).filteredOn(e -> e.event().equals("DevicePerform"))
                    .allMatch(e -> "console".equals(e.fields().get("kind")));
        }
    }
}
