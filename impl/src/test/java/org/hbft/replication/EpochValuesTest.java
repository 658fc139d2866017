package org.hbft.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class EpochValuesTest {
    @Test
    void holdsWhatAMapWouldUnderAMovingWindowAndStrayEpochs() {
        for (long seed = 1; seed <= 20; seed++) {
            Random r = new Random(seed);
            EpochValues ring = new EpochValues();
            Map<Integer, Long> map = new HashMap<>();
            int low = 1;
            for (int step = 0; step < 20_000; step++) {
                int op = r.nextInt(10);
                // Mostly the backup's pattern (new epochs ahead, the oldest taken), sometimes anywhere.
                int epoch = r.nextInt(20) == 0 ? r.nextInt(5_000) : low + r.nextInt(300);
                if (op < 5) {
                    long v = r.nextLong();
                    ring.put(epoch, v);
                    map.put(epoch, v);
                } else if (op < 8) {
                    Long expected = map.remove(low);
                    assertThat(ring.remove(low, -1)).as("seed %d step %d", seed, step)
                            .isEqualTo(expected == null ? -1 : expected);
                    low++;
                } else {
                    assertThat(ring.contains(epoch)).isEqualTo(map.containsKey(epoch));
                    assertThat(ring.get(epoch, -7)).isEqualTo(map.getOrDefault(epoch, -7L));
                    Long expected = map.remove(epoch);
                    assertThat(ring.remove(epoch, -1)).isEqualTo(expected == null ? -1 : expected);
                }
            }
            for (Map.Entry<Integer, Long> e : map.entrySet()) {
                assertThat(ring.remove(e.getKey(), 0)).isEqualTo(e.getValue());
            }
            assertThat(ring.contains(low)).isFalse();
        }
    }

    @Test
    void anEmptiedRingStartsAgainAnywhere() {
        EpochValues ring = new EpochValues();
        ring.put(1_000_000, 5);
        assertThat(ring.remove(1_000_000, 0)).isEqualTo(5);
        ring.put(3, 9);
        ring.put(2, 8);
        assertThat(ring.get(2, 0)).isEqualTo(8);
        assertThat(ring.get(3, 0)).isEqualTo(9);
        assertThat(ring.contains(1_000_000)).isFalse();
    }
}
