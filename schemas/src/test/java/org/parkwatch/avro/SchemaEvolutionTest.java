package org.parkwatch.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fails the build when a contract can no longer read data written with any released version of it. */
class SchemaEvolutionTest {

    private static final Path RELEASED = Path.of("released");
    private final SchemaEvolutionGuard guard = new SchemaEvolutionGuard(RELEASED);

    @Test
    void shouldKeepEveryContractBackwardTransitiveCompatibleWithAllReleasedVersions() {
        for (Schema current : TopicContracts.all()) {
            assertThat(guard.releasedVersions(current.getName()))
                    .as("released versions of %s (release it under schemas/released/%s/v1.avsc)",
                            current.getName(), current.getName())
                    .isNotEmpty();
            assertThat(guard.violations(current)).as(current.getName()).isEmpty();
        }
    }

    @Test
    void shouldRejectANewRequiredFieldWithoutDefault(@TempDir Path dir) throws IOException {
        Schema v1 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").requiredDouble("quantity").endRecord();
        Schema v2 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").requiredDouble("quantity").requiredString("unit").endRecord();
        release(dir, v1, 1);

        assertThat(new SchemaEvolutionGuard(dir).violations(v2))
                .singleElement().asString().contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("unit");
    }

    @Test
    void shouldRejectAChangeThatOnlyTheLatestReleaseTolerates(@TempDir Path dir) throws IOException {
        // v1 had quantity as a string; v2 dropped it; v3 brings it back as a double: v3 reads v2 but not v1.
        Schema v1 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").requiredString("quantity").endRecord();
        Schema v2 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").endRecord();
        Schema v3 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").name("quantity").type().doubleType().doubleDefault(0).endRecord();
        release(dir, v1, 1);
        release(dir, v2, 2);

        assertThat(new SchemaEvolutionGuard(dir).violations(v3))
                .singleElement().asString().contains("v1.avsc").contains("TYPE_MISMATCH");
    }

    @Test
    void shouldAcceptAnOptionalFieldWithDefault(@TempDir Path dir) throws IOException {
        Schema v1 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").endRecord();
        Schema v2 = SchemaBuilder.record("Reading").namespace("test").fields()
                .requiredString("eventId").optionalString("note").endRecord();
        release(dir, v1, 1);

        assertThat(new SchemaEvolutionGuard(dir).violations(v2)).isEmpty();
    }

    private static void release(Path root, Schema schema, int version) throws IOException {
        Path dir = Files.createDirectories(root.resolve(schema.getName()));
        Files.writeString(dir.resolve("v" + version + ".avsc"), schema.toString(true));
    }
}
