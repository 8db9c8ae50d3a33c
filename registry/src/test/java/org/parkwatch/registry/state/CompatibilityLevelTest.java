package org.parkwatch.registry.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

    @Test
    void shouldParseNamesCaseInsensitively() {
        assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
        assertThat(CompatibilityLevel.parse("NONE")).isEqualTo(CompatibilityLevel.NONE);
    }

    @Test
    void shouldRefuseUnknownAndMissingLevelsWith42203() {
        assertThatThrownBy(() -> CompatibilityLevel.parse("SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(42203));
        assertThatThrownBy(() -> CompatibilityLevel.parse(null))
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.errorCode().code()).isEqualTo(42203));
    }

    @Test
    void shouldDeriveHttpStatusFromTheFirstThreeDigits() {
        assertThat(ErrorCode.SUBJECT_NOT_FOUND.httpStatus()).isEqualTo(404);
        assertThat(ErrorCode.INVALID_SCHEMA.httpStatus()).isEqualTo(422);
        assertThat(ErrorCode.INCOMPATIBLE_SCHEMA.httpStatus()).isEqualTo(409);
        assertThat(ErrorCode.STORE_ERROR.httpStatus()).isEqualTo(500);
    }

    @Test
    void shouldParseVersionsAsConfluentDoes() {
        assertThat(VersionSpec.parse("latest").isLatest()).isTrue();
        assertThat(VersionSpec.parse("-1").isLatest()).isTrue();
        assertThat(VersionSpec.parse("7").number()).isEqualTo(7);
        for (String invalid : new String[] {"0", "-2", "one", "2147483648"}) {
            assertThatThrownBy(() -> VersionSpec.parse(invalid)).as(invalid)
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.errorCode().code()).isEqualTo(42202));
        }
    }
}
