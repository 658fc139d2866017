package org.hbft.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hbft.machine.device.DeviceEvent;
import org.junit.jupiter.api.Test;

/** The protocol core's rules, step by step, without a machine. */
class ProtocolTest {
    static final DeviceEvent UNC = new DeviceEvent(3, 4, null);
    static final DeviceEvent DONE = new DeviceEvent(3, 2, null);

    static <T extends Action> List<T> of(List<Action> actions, Class<T> type) {
        return actions.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void backupSuppressesIoUntilPromoted() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.End(1, 0)));
        List<Action> a = b.step(new Event.IoStart(1, 3, "d1", UNC));
        assertThat(of(a, Action.Perform.class)).isEmpty();
        assertThat(b.outstanding()).containsExactly(1);
    }

    @Test
    void revisedPrimaryStopsTheVmBeforeIoUntilEverythingIsAcknowledged() {
        Protocol p = new Protocol(true, OutputMode.REVISED, 1);
        p.step(new Event.EnvironmentRead(100));
        List<Action> a = p.step(new Event.IoStart(1, 3, "d1", UNC));
        assertThat(of(a, Action.Perform.class)).isEmpty();
        assertThat(p.vmMayRun()).isFalse();
        a = p.step(new Event.Received(new Message.Ack(1)));
        assertThat(of(a, Action.Perform.class)).containsExactly(new Action.Perform(1));
        assertThat(p.vmMayRun()).isTrue();
    }

    @Test
    void outputRuleHoldsOnlyTheOutputWhileTheVmRuns() {
        Protocol p = new Protocol(true, OutputMode.OUTPUT_RULE, 1);
        p.step(new Event.EnvironmentRead(100));
        List<Action> a = p.step(new Event.IoStart(1, 3, "d1", UNC));
        assertThat(of(a, Action.Perform.class)).isEmpty();
        assertThat(p.vmMayRun()).isTrue();
        assertThat(p.holdsOutputs()).isTrue();
        p.step(new Event.EnvironmentRead(101));
        a = p.step(new Event.Received(new Message.Ack(1)));
        assertThat(of(a, Action.Perform.class)).containsExactly(new Action.Perform(1));
        assertThat(p.holdsOutputs()).isFalse();
    }

    @Test
    void revisedAndOriginalPrimariesNeverHoldAnOutputWhileTheVmRuns() {
        for (OutputMode mode : List.of(OutputMode.REVISED, OutputMode.ORIGINAL)) {
            Protocol p = new Protocol(true, mode, 1);
            p.step(new Event.EnvironmentRead(100));
            p.step(new Event.IoStart(1, 3, "d1", UNC));
            assertThat(p.holdsOutputs()).as(mode.toString()).isFalse();
        }
    }

    @Test
    void originalPrimaryWaitsForAcknowledgementsAtEveryEpochEnd() {
        Protocol p = new Protocol(true, OutputMode.ORIGINAL, 1);
        List<Action> a = p.step(new Event.EpochEnd(100, false));
        assertThat(of(a, Action.Deliver.class)).isEmpty();
        assertThat(p.vmMayRun()).isFalse();
        a = p.step(new Event.Received(new Message.Ack(1)));
        assertThat(of(a, Action.Deliver.class)).hasSize(1);
        assertThat(of(a, Action.Send.class)).extracting(Action.Send::message).containsExactly(new Message.End(1, 0));
        assertThat(p.epoch()).isEqualTo(2);
    }

    @Test
    void primaryRelaysEveryInterruptBeforeDeliveringItAtTheEpochEnd() {
        Protocol p = new Protocol(true, OutputMode.REVISED, 1);
        Interrupt i = new Interrupt(Interrupt.Kind.EXTERNAL, 1, new DeviceEvent(4, 0x100, new byte[] {1}));
        List<Action> a = p.step(new Event.Arrived(i));
        assertThat(of(a, Action.Send.class)).extracting(Action.Send::message).containsExactly(new Message.Relay(1, i));
        a = p.step(new Event.EpochEnd(100, false));
        assertThat(of(a, Action.Deliver.class)).singleElement().extracting(Action.Deliver::interrupts).isEqualTo(List.of(i));
    }

    @Test
    void backupStartsAnEpochOnlyAfterThePrimaryEndedTheNextOne() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        assertThat(b.vmMayRun()).isFalse();
        b.step(new Event.Received(new Message.Tme(1, 50)));
        b.step(new Event.Received(new Message.End(1, 0)));
        assertThat(b.vmMayRun()).isTrue();
        List<Action> a = b.step(new Event.EpochEnd(10, false));
        assertThat(of(a, Action.Deliver.class)).isEmpty();
        assertThat(b.vmMayRun()).isFalse();
        b.step(new Event.Received(new Message.Tme(2, 60)));
        a = b.step(new Event.Received(new Message.End(2, 0)));
        assertThat(of(a, Action.Deliver.class)).singleElement().extracting(Action.Deliver::tme).isEqualTo(50L);
        assertThat(b.epoch()).isEqualTo(2);
    }

    @Test
    void aBackupWhoseRuntimeAcknowledgesOnItsOwnProducesNoAcknowledgementsButCountsTheSame() {
        Protocol plain = new Protocol(false, OutputMode.REVISED, 1);
        Protocol quiet = new Protocol(false, OutputMode.REVISED, 1);
        quiet.setAcknowledging(false);
        for (Message m : List.<Message>of(new Message.Tme(1, 10), new Message.End(1, 0), new Message.Value(1, 5))) {
            assertThat(of(plain.step(new Event.Received(m)), Action.Send.class)).extracting(Action.Send::message)
                    .containsExactly(new Message.Ack(plain.received()));
            List<Action> a = quiet.step(new Event.Received(m));
            assertThat(of(a, Action.Send.class)).isEmpty();
        }
        assertThat(quiet.received()).isEqualTo(plain.received()).isEqualTo(3);
        assertThat(quiet.vmMayRun()).isEqualTo(plain.vmMayRun()).isTrue();
    }

    @Test
    void aBackupCountsTheEpochsItHasReceivedAndNotYetRun() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        assertThat(b.epochsReceivedAhead()).isZero();
        for (int e = 1; e <= 3; e++) {
            b.step(new Event.Received(new Message.Tme(e, 10L * e)));
            b.step(new Event.Received(new Message.End(e, 0)));
        }
        assertThat(b.epochsReceivedAhead()).isEqualTo(3);
        b.step(new Event.EpochEnd(10, false));
        assertThat(b.epoch()).isEqualTo(2);
        assertThat(b.epochsReceivedAhead()).isEqualTo(2);
        Protocol p = new Protocol(true, OutputMode.REVISED, 1);
        p.step(new Event.EpochEnd(100, false));
        assertThat(p.epochsReceivedAhead()).as("a primary is never behind").isZero();
    }

    @Test
    void backupRunsEachEpochForExactlyThePrimarysLength() {
        Protocol p = new Protocol(true, OutputMode.REVISED, 1);
        List<Action> a = p.step(new Event.EpochEnd(100, false, 1234));
        assertThat(of(a, Action.Send.class)).extracting(Action.Send::message).contains(new Message.End(1, 1234));
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.End(1, 1234)));
        assertThat(b.currentEpochLength()).isEqualTo(1234);
        assertThat(p.currentEpochLength()).as("a primary decides for itself").isZero();
    }

    @Test
    void backupReadsTheClockValuesThePrimaryRelayed() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.Value(1, 777)));
        b.step(new Event.Received(new Message.End(1, 0)));
        List<Action> a = b.step(new Event.EnvironmentRead(5));
        assertThat(of(a, Action.ReturnValue.class)).containsExactly(new Action.ReturnValue(777));
    }

    @Test
    void failoverRaisesAnUncertainInterruptForEveryOutstandingOperationAndTakesTheFence() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.Tme(1, 50)));
        b.step(new Event.Received(new Message.End(1, 0)));
        b.step(new Event.IoStart(1, 3, "d1", UNC));
        b.step(new Event.PeerFailed("gone"));
        List<Action> a = b.step(new Event.EpochEnd(60, false));
        assertThat(b.role()).isEqualTo(Protocol.Role.FAILOVER);
        assertThat(b.failoverEpoch()).isEqualTo(2);
        assertThat(of(a, Action.StartEpoch.class)).containsExactly(new Action.StartEpoch(2));
        a = b.step(new Event.EpochEnd(70, false));
        assertThat(of(a, Action.TestAndSet.class)).containsExactly(new Action.TestAndSet(1));
        a = b.step(new Event.FenceResult(true, 2));
        assertThat(of(a, Action.Deliver.class)).singleElement().extracting(Action.Deliver::interrupts)
                .isEqualTo(List.of(new Interrupt(Interrupt.Kind.UNCERTAIN, 1, UNC)));
        assertThat(of(a, Action.Promoted.class)).hasSize(1);
        assertThat(b.role()).isEqualTo(Protocol.Role.PRIMARY);
        a = b.step(new Event.IoStart(2, 3, "d2", UNC));
        assertThat(of(a, Action.Perform.class)).containsExactly(new Action.Perform(2));
    }

    /**
     * A reused disk starts a run at whatever generation an earlier failover left on it; the fence
     * works with that number, while traces count from the run's start, as the spec does.
     */
    @Test
    void tracesCountGenerationsFromTheRunsStartWhileTheFenceUsesTheDisksOwn() {
        Protocol p = new Protocol(true, OutputMode.REVISED, 7);
        p.setTracing(true);
        List<Action> a = p.step(new Event.IoStart(1, 3, "d1", UNC));
        assertThat(traced(a, "PrimaryIssueIO").fields()).containsEntry("gen", 1L);

        Protocol b = new Protocol(false, OutputMode.REVISED, 7);
        b.setTracing(true);
        b.step(new Event.PeerFailed("gone"));
        b.step(new Event.EpochEnd(60, false));
        a = b.step(new Event.EpochEnd(70, false));
        assertThat(of(a, Action.TestAndSet.class)).containsExactly(new Action.TestAndSet(7));
        a = b.step(new Event.FenceResult(true, 8));
        assertThat(traced(a, "BackupFailoverEnd").fields()).containsEntry("promoted", true).containsEntry("gen", 2L);
        assertThat(b.generation()).isEqualTo(8);
    }

    private static TraceEvent traced(List<Action> actions, String event) {
        return of(actions, Action.Trace.class).stream().map(Action.Trace::event)
                .filter(e -> e.event().equals(event)).findFirst().orElseThrow();
    }

    @Test
    void operationAnsweredByARelayedCompletionGetsNoUncertainInterrupt() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.End(1, 0)));
        b.step(new Event.IoStart(1, 3, "d1", UNC));
        b.step(new Event.Received(new Message.Relay(2, new Interrupt(Interrupt.Kind.DONE, 1, DONE))));
        b.step(new Event.PeerFailed("gone"));
        b.step(new Event.EpochEnd(60, false));
        b.step(new Event.EpochEnd(70, false));
        List<Action> a = b.step(new Event.FenceResult(true, 2));
        assertThat(of(a, Action.Deliver.class)).singleElement().extracting(Action.Deliver::interrupts)
                .isEqualTo(List.of(new Interrupt(Interrupt.Kind.DONE, 1, DONE)));
    }

    @Test
    void backupThatLosesTheFenceHaltsInsteadOfServing() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.PeerFailed("gone"));
        b.step(new Event.EpochEnd(60, false));
        List<Action> a = b.step(new Event.FenceResult(false, 2));
        assertThat(of(a, Action.Halt.class)).hasSize(1);
        assertThat(b.role()).isEqualTo(Protocol.Role.HALTED);
    }

    @Test
    void clockNeverRunsBackwardsAcrossFailover() {
        Protocol b = new Protocol(false, OutputMode.REVISED, 1);
        b.step(new Event.Received(new Message.Value(1, 1000)));
        b.step(new Event.Received(new Message.Tme(1, 1000)));
        b.step(new Event.Received(new Message.End(1, 0)));
        b.step(new Event.EnvironmentRead(5));
        b.step(new Event.PeerFailed("gone"));
        b.step(new Event.EpochEnd(6, false));
        List<Action> a = b.step(new Event.EnvironmentRead(7));
        assertThat(of(a, Action.ReturnValue.class)).containsExactly(new Action.ReturnValue(1000));
    }

    @Test
    void primaryThatLosesItsBackupGoesOnAloneOnlyAfterWinningTheFence() {
        Protocol p = new Protocol(true, OutputMode.REVISED, 1);
        p.step(new Event.EnvironmentRead(100));
        p.step(new Event.IoStart(1, 3, "d1", UNC));
        List<Action> a = p.step(new Event.PeerFailed("link cut"));
        assertThat(of(a, Action.TestAndSet.class)).containsExactly(new Action.TestAndSet(1));
        assertThat(p.vmMayRun()).isFalse();
        a = p.step(new Event.FenceResult(true, 2));
        assertThat(of(a, Action.Perform.class)).containsExactly(new Action.Perform(1));
        assertThat(p.replicating()).isFalse();
        assertThat(p.generation()).isEqualTo(2);
    }

    @Test
    void fencedPrimaryHalts() {
        Protocol p = new Protocol(true, OutputMode.ORIGINAL, 1);
        List<Action> a = p.step(new Event.Fenced(3));
        assertThat(of(a, Action.Halt.class)).hasSize(1);
        assertThat(p.role()).isEqualTo(Protocol.Role.HALTED);
    }
}
