package org.hbft.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry, the .cfg files and the packaged resources agree. */
class ModelsTest {

    private static final Pattern BUG = Pattern.compile("(?m)^\\s*Bug\\s*=\\s*\"([^\"]+)\"");

    @Test
    void everyConfigurationFileIsARegisteredModelAndViceVersa() throws IOException {
        Set<String> files;
        try (Stream<Path> cfgs = Files.list(Repo.tlaDir().resolve("models"))) {
            files = cfgs.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".cfg"))
                    .map(n -> n.substring(0, n.length() - 4))
                    .collect(Collectors.toSet());
        }
        assertThat(files).containsExactlyInAnyOrderElementsOf(Models.all().stream().map(Model::name).toList());
    }

    @Test
    void namesAreUnique() {
        List<String> names = Models.all().stream().map(Model::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void everyModelChecksThePropertyItExpectsToSeeViolated() {
        SpecSource disk = SpecSource.directory(Repo.tlaDir());
        for (Model m : Models.all()) {
            String cfg = disk.read(m.configFile());
            if (m.expectation().expectsViolation()) {
                String property = m.expectation().property();
                assertThat(SpecProperty.byName(property)).as(m.name()).isPresent();
                assertThat(cfg).as(m.name()).containsPattern("(?m)^(INVARIANTS?|PROPERT(Y|IES))\\b.*\\b" + property + "\\b");
            }
        }
    }

    @Test
    void everyKnownBadVariantOfTheSpecHasAModelThatExpectsAViolation() throws IOException {
        String hbft = Files.readString(Repo.tlaDir().resolve("HBFT.tla"));
        String bugs = hbft.substring(hbft.indexOf("Bugs == {"), hbft.indexOf("}", hbft.indexOf("Bugs == {")));
        Set<String> declared = Pattern.compile("\"([a-z-]+)\"").matcher(bugs).results()
                .map(r -> r.group(1)).filter(b -> !b.equals("none")).collect(Collectors.toSet());

        SpecSource disk = SpecSource.directory(Repo.tlaDir());
        Set<String> modelled = Models.tier(Tier.CI).stream()
                .filter(m -> m.expectation().expectsViolation())
                .map(m -> {
                    Matcher b = BUG.matcher(disk.read(m.configFile()));
                    return b.find() ? b.group(1) : "none";
                })
                .collect(Collectors.toSet());
        assertThat(declared).hasSize(7);
        assertThat(modelled).containsAll(declared);
    }

    @Test
    void theModelsThatMustPassRunTheCorrectProtocol() {
        SpecSource disk = SpecSource.directory(Repo.tlaDir());
        for (Model m : Models.all()) {
            Matcher b = BUG.matcher(disk.read(m.configFile()));
            if (!m.expectation().expectsViolation() && b.find()) {
                assertThat(b.group(1)).as(m.name()).isEqualTo("none");
            }
        }
    }

    @Test
    void theJarCarriesEveryModuleAndModel() {
        SpecSource packaged = SpecSource.packaged();
        for (String module : SpecSource.MODULES) {
            assertThat(packaged.has(module)).as(module).isTrue();
        }
        for (Model m : Models.all()) {
            assertThat(packaged.has(m.configFile())).as(m.configFile()).isTrue();
            assertThat(packaged.read(m.configFile())).isEqualTo(SpecSource.directory(Repo.tlaDir()).read(m.configFile()));
        }
    }

    @Test
    void theRunnerFindsTlc() {
        assertThat(Path.of(TlcRunner.tlcClasspath())).exists();
    }

    @Test
    void propertiesAreReadFromAConfiguration() {
        String cfg = """
                SPECIFICATION Spec
                INVARIANTS TypeOK Lockstep
                PROPERTIES RefinesSingleMachine \\* the refinement
                  IOAnswered
                CHECK_DEADLOCK TRUE
                """;
        assertThat(TlcRunner.configuredProperties(cfg)).containsExactly("RefinesSingleMachine", "IOAnswered");
    }
}
