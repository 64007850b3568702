package dev.meshhook.gotemplate;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** GoYaml must re-print the go-yaml-written golden injection outputs of ../shared byte for byte. */
class GoYamlGoldenTest {

    @TestFactory
    Stream<DynamicTest> goldenOutputsRoundTrip() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(GoYamlGoldenRoundTrip.FIXTURES),
                "skipped: " + GoYamlGoldenRoundTrip.FIXTURES.toAbsolutePath() + " is absent (../shared not beside the worktree)");
        return GoYamlGoldenRoundTrip.files().stream()
                .map((Path p) -> DynamicTest.dynamicTest(p.getFileName().toString(),
                        () -> assertNull(GoYamlGoldenRoundTrip.check(p))));
    }
}
