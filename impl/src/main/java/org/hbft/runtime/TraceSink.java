package org.hbft.runtime;

import org.hbft.replication.TraceEvent;

/** Where a replica's protocol steps go: an NDJSON file, a test's list, or nowhere. */
public interface TraceSink {
    TraceSink NONE = (replica, event) -> { };

    /** Records one step taken by {@code replica} ("primary" or "backup": the role it started with). */
    void write(String replica, TraceEvent event);
}
