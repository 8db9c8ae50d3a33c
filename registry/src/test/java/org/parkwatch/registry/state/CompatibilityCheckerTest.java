package org.parkwatch.registry.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CompatibilityCheckerTest {

    private static final Schema A = record("{\"name\":\"a\",\"type\":\"int\"}");
    private static final Schema A_B_DEFAULT =
            record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}");
    private static final Schema A_B = record("{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}");

    private static Schema record(String fields) {
        return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Reading\",\"fields\":[" + fields + "]}");
    }

    private static boolean compatible(CompatibilityLevel level, Schema candidate, Schema... previous) {
        return CompatibilityChecker.check(level, candidate, List.of(previous)).isCompatible();
    }

    @Test
    void shouldAcceptAnythingUnderNone() {
        Schema plainString = new Schema.Parser().parse("\"string\"");

        assertThat(compatible(CompatibilityLevel.NONE, plainString, A)).isTrue();
    }

    @Test
    void shouldAcceptTheFirstSchemaUnderEveryLevel() {
        for (CompatibilityLevel level : CompatibilityLevel.values()) {
            assertThat(compatible(level, A_B)).as(level.name()).isTrue();
        }
    }

    @Nested
    class Backward {
        @Test
        void shouldAcceptANewFieldWithDefault() {
            // The new reader fills b from its default when reading old data.
            assertThat(compatible(CompatibilityLevel.BACKWARD, A_B_DEFAULT, A)).isTrue();
        }

        @Test
        void shouldRejectANewFieldWithoutDefaultAndSayWhy() {
            CompatibilityResult result = CompatibilityChecker.check(CompatibilityLevel.BACKWARD, A_B, List.of(A));

            assertThat(result.isCompatible()).isFalse();
            assertThat(result.messages()).singleElement().asString()
                    .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("/fields/1");
        }

        @Test
        void shouldAcceptARemovedField() {
            // The new reader simply skips b in old data.
            assertThat(compatible(CompatibilityLevel.BACKWARD, A, A_B)).isTrue();
        }

        @Test
        void shouldCheckOnlyTheLatestWhenNotTransitive() {
            // A_B reads A_B_DEFAULT data (b present) but could not read A data (b missing, no default).
            assertThat(compatible(CompatibilityLevel.BACKWARD, A_B, A, A_B_DEFAULT)).isTrue();
        }

        @Test
        void shouldCheckEveryEarlierSchemaWhenTransitive() {
            assertThat(compatible(CompatibilityLevel.BACKWARD_TRANSITIVE, A_B, A, A_B_DEFAULT)).isFalse();
        }
    }

    @Nested
    class Forward {
        @Test
        void shouldAcceptANewFieldWithoutDefault() {
            // The old reader skips the new field b.
            assertThat(compatible(CompatibilityLevel.FORWARD, A_B, A)).isTrue();
        }

        @Test
        void shouldRejectRemovingAFieldTheOldReaderNeeds() {
            // The old reader A_B needs b and has no default for it.
            assertThat(compatible(CompatibilityLevel.FORWARD, A, A_B)).isFalse();
        }

        @Test
        void shouldCheckOnlyTheLatestWhenNotTransitive() {
            // A_B_DEFAULT reads A data via its default for b; A_B could not.
            assertThat(compatible(CompatibilityLevel.FORWARD, A, A_B, A_B_DEFAULT)).isTrue();
        }

        @Test
        void shouldCheckEveryEarlierSchemaWhenTransitive() {
            assertThat(compatible(CompatibilityLevel.FORWARD_TRANSITIVE, A, A_B, A_B_DEFAULT)).isFalse();
        }
    }

    @Nested
    class Full {
        @Test
        void shouldAcceptAFieldWithDefaultBothWays() {
            assertThat(compatible(CompatibilityLevel.FULL, A_B_DEFAULT, A)).isTrue();
        }

        @Test
        void shouldRejectWhatOnlyForwardAccepts() {
            // New field without default: old readers cope (forward), the new reader cannot read old data.
            assertThat(compatible(CompatibilityLevel.FORWARD, A_B, A)).isTrue();
            assertThat(compatible(CompatibilityLevel.FULL, A_B, A)).isFalse();
        }

        @Test
        void shouldRejectWhatOnlyBackwardAccepts() {
            // Removed field without default: the new reader copes (backward), the old reader cannot.
            assertThat(compatible(CompatibilityLevel.BACKWARD, A, A_B)).isTrue();
            assertThat(compatible(CompatibilityLevel.FULL, A, A_B)).isFalse();
        }

        @Test
        void shouldCheckOnlyTheLatestWhenNotTransitive() {
            // A_B vs A_B_DEFAULT: b is in both, fine both ways; A_B could not read A data.
            assertThat(compatible(CompatibilityLevel.FULL, A_B, A, A_B_DEFAULT)).isTrue();
        }

        @Test
        void shouldCheckEveryEarlierSchemaWhenTransitive() {
            assertThat(compatible(CompatibilityLevel.FULL_TRANSITIVE, A_B, A, A_B_DEFAULT)).isFalse();
        }
    }

    @Test
    void shouldApplyAvroPromotionRulesInTheRightDirection() {
        Schema intValue = record("{\"name\":\"a\",\"type\":\"int\"}");
        Schema longValue = record("{\"name\":\"a\",\"type\":\"long\"}");

        // A long reader reads int data (promotion); an int reader cannot read long data.
        assertThat(compatible(CompatibilityLevel.BACKWARD, longValue, intValue)).isTrue();
        assertThat(compatible(CompatibilityLevel.FORWARD, longValue, intValue)).isFalse();
    }
}
