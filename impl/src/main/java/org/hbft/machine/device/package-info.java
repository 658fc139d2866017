/**
 * Virtual devices of the system-mode machine.
 *
 * <p>Every device has a 4 KiB page of 32-bit registers in the I/O region (see
 * {@link org.hbft.machine.system.IoBus}) and is split in two halves:
 * <ul>
 *   <li>the <em>front end</em>: the registers the guest reads and writes. Its state changes
 *       only through guest register accesses and through {@link DeviceEvent}s that the machine
 *       delivers at a chosen instruction count, so it is a deterministic function of the guest's
 *       instruction stream and the recorded events;</li>
 *   <li>the <em>back end</em>: the environment (a disk image, the host's stdout, a socket, the
 *       host clock). Requests go out to it; its answers come back only as {@link DeviceEvent}s
 *       posted to the machine, never straight into guest memory or the CPU.</li>
 * </ul>
 * A hypervisor can therefore record the events, deliver them at the same instruction on a
 * replica, and suppress or redirect a replica's side effects by giving it other back ends.
 *
 * <p>External interrupt lines (EIRR/EIEM bits, PA-RISC numbering: bit 0 is the most
 * significant): 0 interval timer (the CPU's own), 1 console, 2 disk, 3 network.
 */
package org.hbft.machine.device;
