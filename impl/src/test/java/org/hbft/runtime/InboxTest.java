package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class InboxTest {
    @Test
    void aFullBoundedInboxHoldsItsReaderUntilAnItemIsTakenAndKeepsTheOrder() throws Exception {
        Inbox inbox = Inbox.bounded(4);
        AtomicInteger put = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                assertThat(inbox.put(i)).isTrue();
                put.incrementAndGet();
            }
        });
        awaitValue(put, 4);
        Thread.sleep(50);
        assertThat(put.get()).as("no room for a fifth").isEqualTo(4);
        List<Object> taken = new ArrayList<>();
        while (taken.size() < 10) {
            Object item = inbox.poll(1000);
            assertThat(item).as("an item within a second").isNotNull();
            taken.add(item);
        }
        reader.get(5, TimeUnit.SECONDS);
        assertThat(taken).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void closingReleasesAReaderWaitingForRoom() throws Exception {
        Inbox inbox = Inbox.bounded(1);
        assertThat(inbox.put("first")).isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> inbox.put("second"));
        Thread.sleep(50);
        assertThat(second).isNotDone();
        inbox.close();
        assertThat(second.get(5, TimeUnit.SECONDS)).as("dropped, not queued").isFalse();
        assertThat(inbox.poll()).isEqualTo("first");
        assertThat(inbox.poll()).isNull();
    }

    @Test
    void anUnboundedInboxNeverHoldsItsReader() {
        Inbox inbox = Inbox.unbounded();
        for (int i = 0; i < 100_000; i++) {
            assertThat(inbox.put(i)).isTrue();
        }
        assertThat(inbox.poll()).isEqualTo(0);
    }

    private static void awaitValue(AtomicInteger n, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (n.get() < value && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertThat(n.get()).isEqualTo(value);
    }
}
