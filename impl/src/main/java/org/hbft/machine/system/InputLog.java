package org.hbft.machine.system;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hbft.machine.device.DeviceEvent;

/**
 * Everything non-deterministic a run fed into the VM: the device events with the instruction
 * count at which each was delivered, the environment values guest register loads returned (in
 * order), and the instruction count at which the run ended. Replaying a log on a machine booted
 * the same way reproduces the run exactly.
 */
public final class InputLog {
    /** One device event and the instruction count (CPU cycles since boot) it was delivered at. */
    public record Delivery(long instruction, DeviceEvent event) {}

    private final int quantum;
    private final List<Delivery> deliveries = new ArrayList<>();
    private final List<Long> environmentValues = new ArrayList<>();
    private long endInstruction = -1;

    InputLog(int quantum) {
        this.quantum = quantum;
    }

    /** The instructions between the recorded run's delivery points; a replay must use the same. */
    public int quantum() {
        return quantum;
    }

    void addDelivery(long instruction, DeviceEvent event) {
        deliveries.add(new Delivery(instruction, event));
    }

    void addEnvironmentValue(long value) {
        environmentValues.add(value);
    }

    void setEnd(long instruction) {
        endInstruction = instruction;
    }

    public List<Delivery> deliveries() {
        return Collections.unmodifiableList(deliveries);
    }

    public List<Long> environmentValues() {
        return Collections.unmodifiableList(environmentValues);
    }

    /** The instruction count the recorded run stopped at, or -1 while it is still running. */
    public long endInstruction() {
        return endInstruction;
    }
}
