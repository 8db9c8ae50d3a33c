package org.parkwatch.avro;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * BACKWARD_TRANSITIVE check of a schema against every released version of it: consumers on the new schema must
 * read every record ever written, so the new schema, as reader, must resolve each released one as writer.
 */
final class SchemaEvolutionGuard {

    private final Path releasedRoot;

    SchemaEvolutionGuard(Path releasedRoot) {
        this.releasedRoot = releasedRoot;
    }

    /** Released versions of a record, oldest first: {@code released/<Name>/v<N>.avsc}. */
    List<Path> releasedVersions(String recordName) {
        Path dir = releasedRoot.resolve(recordName);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches("v\\d+\\.avsc"))
                    .sorted((a, b) -> Integer.compare(version(a), version(b)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per released version the candidate cannot read; empty when it is backward-transitive compatible. */
    List<String> violations(Schema candidate) {
        List<String> problems = new ArrayList<>();
        for (Path released : releasedVersions(candidate.getName())) {
            Schema writer = parse(released);
            var result = SchemaCompatibility.checkReaderWriterCompatibility(candidate, writer).getResult();
            if (result.getCompatibility() != SchemaCompatibilityType.COMPATIBLE) {
                problems.add(candidate.getFullName() + " cannot read " + releasedRoot.relativize(released) + ": "
                        + result.getIncompatibilities().stream()
                                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                                .toList());
            }
        }
        return problems;
    }

    static Schema parse(Path file) {
        try {
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".avsc".length()));
    }
}
