package org.hbft.spec;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs TLC on the models: every protocol model passes, every known-bad variant and finding is
 * caught by exactly the property it names. Models run two at a time, each TLC on one worker.
 */
@Execution(ExecutionMode.CONCURRENT)
class ModelCheckTest {

    static Stream<Model> ciModels() {
        return Models.tier(Tier.CI).stream();
    }

    static Stream<Model> thoroughModels() {
        return Models.tier(Tier.THOROUGH).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciModels")
    void ciModelBehavesAsExpected(Model model) {
        check(model);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thoroughModels")
    @EnabledIfSystemProperty(named = "hbft.thorough", matches = "true")
    void thoroughModelBehavesAsExpected(Model model) {
        check(model);
    }

    private static void check(Model model) {
        TlcResult r = new TlcRunner(SpecSource.directory(Repo.tlaDir()), 1).check(model, p -> { });

        assertThat(r.errors()).as("TLC errors").isEmpty();
        assertThat(r.model()).isEqualTo(model.name());
        assertThat(r.distinctStates()).isPositive();
        if (!"temporal property".equals(r.violationKind())) {
            assertThat(r.depth()).isPositive(); // TLC reports no depth with a liveness violation
        }
        if (model.expectation().expectsViolation()) {
            assertThat(r.verdict()).isEqualTo(Verdict.VIOLATION);
            assertThat(r.violatedProperty()).isEqualTo(model.expectation().property());
            assertThat(r.counterexample()).isNotEmpty();
            assertThat(r.counterexample().get(0).action()).isEqualTo("Init");
            assertThat(r.counterexample().get(0).variables()).isNotEmpty();
        } else {
            assertThat(r.verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.violatedProperty()).isNull();
            assertThat(r.counterexample()).isEmpty();
        }
        assertThat(model.expectation().isMetBy(r)).isTrue();
        System.out.printf("%-28s %-9s %-28s %,9d distinct states  depth %3d  %6.1f s%n", model.name(),
                r.verdict(), r.violatedProperty() == null ? "" : r.violatedProperty(), r.distinctStates(),
                r.depth(), r.elapsed().toMillis() / 1000.0);
    }
}
