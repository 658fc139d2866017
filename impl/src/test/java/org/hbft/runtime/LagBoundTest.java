package org.hbft.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LagBoundTest {
    @Test
    void aPrimaryStopsWhenItIsTheBoundAheadOfTheLastReportAndGoesOnAfterTheNext() {
        LagBound primary = new LagBound(1L << 26, 4096); // 16384 epochs
        assertThat(primary.maxLagEpochs()).isEqualTo(16384);
        assertThat(primary.mayRun(16384)).isTrue();
        assertThat(primary.mayRun(16385)).isFalse();
        primary.reported(2048);
        assertThat(primary.mayRun(16385)).isTrue();
        primary.reported(1000); // an older report changes nothing
        assertThat(primary.mayRun(16384 + 2048)).isTrue();
        assertThat(primary.mayRun(16384 + 2049)).isFalse();
    }

    @Test
    void aBackupReportsEveryEighthOfTheBoundSoThatAStoppedPrimaryAlwaysHearsInTime() {
        LagBound backup = new LagBound(1L << 26, 4096);
        LagBound primary = new LagBound(1L << 26, 4096);
        int reports = 0;
        // The primary runs to its bound and stops; the backup runs every epoch the primary ended.
        int primaryEpoch = 1;
        while (primary.mayRun(primaryEpoch)) {
            primaryEpoch++;
        }
        for (int e = 1; e < primaryEpoch - 1; e++) {
            if (backup.reportDue(e)) {
                backup.sent(e);
                primary.reported(e);
                reports++;
            }
        }
        assertThat(reports).isEqualTo(7); // at 2048, 4096, .., 14336
        assertThat(primary.mayRun(primaryEpoch)).as("the stopped primary goes on").isTrue();
    }

    @Test
    void tinyBoundsStillLeaveRoomForAReportAndNonsenseIsRefused() {
        LagBound b = new LagBound(1, 1 << 20);
        assertThat(b.maxLagEpochs()).isEqualTo(8);
        assertThat(b.reportDue(1)).isTrue();
        assertThatThrownBy(() -> new LagBound(0, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LagBound(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
