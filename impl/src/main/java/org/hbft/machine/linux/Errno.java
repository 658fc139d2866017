package org.hbft.machine.linux;

/** hppa Linux errno values (some differ from other architectures, e.g. ENOSYS is 251). */
final class Errno {
    private Errno() {
    }

    static final int EPERM = 1, ENOENT = 2, EIO = 5, EBADF = 9, EAGAIN = 11, ENOMEM = 12, EFAULT = 14,
            ENODEV = 19, EINVAL = 22, ENOTTY = 25, ESPIPE = 29, EPIPE = 32, ERANGE = 34, ENOSYS = 251;
}
