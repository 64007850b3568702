package dev.meshhook.gotemplate;

import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every vector of ../shared/conformance/gotemplate/cases.jsonl (real Go output). */
class GoTemplateConformanceTest {

    @TestFactory
    Stream<DynamicTest> conformanceVectors() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ConformanceCases.CASES),
                "skipped: " + ConformanceCases.CASES.toAbsolutePath() + " is absent (../shared not beside the worktree)");
        List<JsonNode> cases = ConformanceCases.load();
        return cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.get("name").textValue(),
                        () -> assertNull(ConformanceCases.run(c), c.get("name").textValue())));
    }
}
