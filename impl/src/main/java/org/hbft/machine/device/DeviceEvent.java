package org.hbft.machine.device;

import java.util.Arrays;

/**
 * An input to the VM from a device: a completion or an arrival, with its data. This is the
 * unit the machine records and delivers at an instruction count (the paper's [E, Int]).
 *
 * @param device the device's slot on the I/O bus
 * @param status device-specific completion status
 * @param data data to transfer into the guest (a disk read's block, received bytes), or empty
 */
public record DeviceEvent(int device, int status, byte[] data) {
    public DeviceEvent {
        data = data == null ? new byte[0] : data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** How many bytes {@link #data} holds, without copying them. */
    public int dataLength() {
        return data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeviceEvent e && e.device == device && e.status == status && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * device + status) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DeviceEvent[device=" + device + ", status=" + status + ", " + data.length + " bytes]";
    }
}
