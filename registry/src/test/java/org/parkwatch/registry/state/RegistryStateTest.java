package org.parkwatch.registry.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parkwatch.registry.state.RegistryCommand.ClearCompatibility;
import org.parkwatch.registry.state.RegistryCommand.DeleteSubject;
import org.parkwatch.registry.state.RegistryCommand.DeleteVersion;
import org.parkwatch.registry.state.RegistryCommand.RegisterSchema;
import org.parkwatch.registry.state.RegistryCommand.SetCompatibility;

class RegistryStateTest {

    /** Canonical text as Avro's Schema.toString() writes it. */
    private static final String V1 = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"}]}";
    private static final String V2 = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\",\"default\":\"x\"}]}";
    /** Adds b without a default: not backward compatible with V1. */
    private static final String INCOMPATIBLE = "{\"type\":\"record\",\"name\":\"Reading\",\"fields\":"
            + "[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"string\"}]}";
    private static final String OTHER = "{\"type\":\"record\",\"name\":\"Factor\",\"fields\":"
            + "[{\"name\":\"value\",\"type\":\"double\"}]}";

    private final RegistryState state = new RegistryState(CompatibilityLevel.BACKWARD);

    private RegisteredSchema register(String subject, String schema) {
        return state.apply(new RegisterSchema(subject, schema));
    }

    private static void assertRefused(ThrowingCallable call, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(RegistryException.class,
                e -> assertThat(e.errorCode().code()).isEqualTo(errorCode));
    }

    @Nested
    class Registering {
        @Test
        void shouldGiveTheFirstSchemaIdOneAndVersionOne() {
            assertThat(register("readings-value", V1)).isEqualTo(new RegisteredSchema("readings-value", 1, 1, V1));
        }

        @Test
        void shouldAnswerTheSameIdAndVersionWhenTheSchemaIsRegisteredAgain() {
            register("readings-value", V1);

            assertThat(register("readings-value", V1)).isEqualTo(new RegisteredSchema("readings-value", 1, 1, V1));
            assertThat(state.versions("readings-value", false)).containsExactly(1);
        }

        @Test
        void shouldRecogniseTheSameSchemaWrittenDifferently() {
            register("readings-value", V1);
            String spaced = "{ \"type\": \"record\", \"name\": \"Reading\",\n \"fields\": [ {\"type\": \"int\", "
                    + "\"name\": \"a\"} ] }";

            assertThat(register("readings-value", spaced).id()).isEqualTo(1);
        }

        @Test
        void shouldReuseTheIdOfTheSameSchemaUnderAnotherSubject() {
            register("readings-value", V1);

            assertThat(register("archive-value", V1)).isEqualTo(new RegisteredSchema("archive-value", 1, 1, V1));
        }

        @Test
        void shouldGiveNewSchemasTheNextIdAndTheSubjectTheNextVersion() {
            register("readings-value", V1);
            register("factors-value", OTHER);

            assertThat(register("readings-value", V2)).isEqualTo(new RegisteredSchema("readings-value", 2, 3, V2));
        }

        @Test
        void shouldRefuseAnIncompatibleSchemaWithoutChangingAnything() {
            register("readings-value", V1);

            assertRefused(() -> register("readings-value", INCOMPATIBLE), 409);

            assertThat(state.versions("readings-value", false)).containsExactly(1);
            assertThat(register("factors-value", OTHER).id()).isEqualTo(2);
        }

        @Test
        void shouldRefuseInvalidAndEmptySchemasWith42201() {
            assertRefused(() -> register("readings-value", "{\"type\":\"record\"}"), 42201);
            assertRefused(() -> register("readings-value", "not json"), 42201);
            assertRefused(() -> register("readings-value", "{\"type\":\"recd\"}"), 42201);
            assertRefused(() -> register("readings-value", ""), 42201);
            assertThat(state.subjects(true)).isEmpty();
        }

        @Test
        void shouldFollowTheSubjectLevelOverTheGlobalOne() {
            register("readings-value", V1);
            state.apply(new SetCompatibility("readings-value", CompatibilityLevel.NONE));

            assertThat(register("readings-value", INCOMPATIBLE).version()).isEqualTo(2);
        }
    }

    @Nested
    class Prechecking {
        @Test
        void shouldAnswerAnExistingRegistrationWithoutChange() {
            register("readings-value", V1);

            assertThat(new RegisterSchema("readings-value", V1).precheck(state))
                    .contains(new RegisteredSchema("readings-value", 1, 1, V1));
        }

        @Test
        void shouldAskForAWriteForANewSchemaAndChangeNothing() {
            register("readings-value", V1);

            assertThat(new RegisterSchema("readings-value", V2).precheck(state)).isEmpty();
            assertThat(state.versions("readings-value", false)).containsExactly(1);
        }

        @Test
        void shouldRefuseEarlyWhatApplyingWouldRefuse() {
            register("readings-value", V1);

            assertRefused(() -> new RegisterSchema("readings-value", INCOMPATIBLE).precheck(state), 409);
            assertRefused(() -> new DeleteVersion("readings-value", 9, false).precheck(state), 40402);
            assertRefused(() -> new DeleteSubject("unknown", false).precheck(state), 40401);
            assertRefused(() -> new ClearCompatibility("readings-value").precheck(state), 40408);
        }
    }

    @Nested
    class Reading {
        @Test
        void shouldListSubjectsInOrder() {
            register("b-value", V1);
            register("a-value", OTHER);

            assertThat(state.subjects(false)).containsExactly("a-value", "b-value");
        }

        @Test
        void shouldFindVersionsByNumberAndLatest() {
            register("readings-value", V1);
            register("readings-value", V2);

            assertThat(state.version("readings-value", VersionSpec.of(1), false).schema()).isEqualTo(V1);
            assertThat(state.version("readings-value", VersionSpec.latest(), false))
                    .isEqualTo(new RegisteredSchema("readings-value", 2, 2, V2));
            assertRefused(() -> state.version("readings-value", VersionSpec.of(3), false), 40402);
            assertRefused(() -> state.version("unknown", VersionSpec.latest(), false), 40401);
            assertRefused(() -> state.versions("unknown", false), 40401);
        }

        @Test
        void shouldLookUpASchemaUnderASubject() {
            register("readings-value", V1);
            register("factors-value", OTHER);

            assertThat(state.lookup("readings-value", V1, false))
                    .isEqualTo(new RegisteredSchema("readings-value", 1, 1, V1));
            assertRefused(() -> state.lookup("readings-value", OTHER, false), 40403);
            assertRefused(() -> state.lookup("readings-value", V2, false), 40403);
            assertRefused(() -> state.lookup("unknown", V1, false), 40401);
        }

        @Test
        void shouldResolveIdsToSchemasAndTheirSubjectVersions() {
            register("readings-value", V1);
            register("archive-value", V1);

            assertThat(state.schemaById(1)).isEqualTo(V1);
            assertThat(state.subjectVersionsOf(1, false)).containsExactly(
                    new SubjectVersion("archive-value", 1), new SubjectVersion("readings-value", 1));
            assertRefused(() -> state.schemaById(2), 40403);
            assertRefused(() -> state.subjectVersionsOf(2, false), 40403);
        }

        @Test
        void shouldTestCompatibilityAgainstOneVersion() {
            register("readings-value", V1);

            assertThat(state.testCompatibility("readings-value", V2, VersionSpec.latest()).isCompatible()).isTrue();
            assertThat(state.testCompatibility("readings-value", INCOMPATIBLE, VersionSpec.of(1)).isCompatible())
                    .isFalse();
            assertThat(state.testCompatibility("unknown", INCOMPATIBLE, VersionSpec.latest()).isCompatible())
                    .isTrue();
            assertRefused(() -> state.testCompatibility("readings-value", V2, VersionSpec.of(2)), 40402);
        }
    }

    @Nested
    class Deleting {
        @Test
        void shouldSoftDeleteAVersionYetKeepItsIdResolvable() {
            register("readings-value", V1);
            register("readings-value", V2);

            assertThat(state.apply(new DeleteVersion("readings-value", 1, false))).isEqualTo(1);

            assertThat(state.versions("readings-value", false)).containsExactly(2);
            assertThat(state.versions("readings-value", true)).containsExactly(1, 2);
            assertThat(state.schemaById(1)).isEqualTo(V1);
            assertThat(state.subjectVersionsOf(1, false)).isEmpty();
            assertThat(state.subjectVersionsOf(1, true)).containsExactly(new SubjectVersion("readings-value", 1));
        }

        @Test
        void shouldNeverReuseAVersionNumberAndKeepTheIdOfAReRegisteredSchema() {
            register("readings-value", V1);
            register("readings-value", V2);
            state.apply(new DeleteVersion("readings-value", 2, false));

            assertThat(register("readings-value", V2)).isEqualTo(new RegisteredSchema("readings-value", 3, 2, V2));
        }

        @Test
        void shouldLeaveDeletedVersionsOutOfCompatibilityChecks() {
            register("readings-value", V1);
            state.apply(new DeleteVersion("readings-value", 1, false));

            assertThat(register("readings-value", INCOMPATIBLE).version()).isEqualTo(2);
        }

        @Test
        void shouldSoftDeleteASubjectAndReturnItsVersions() {
            register("readings-value", V1);
            register("readings-value", V2);

            assertThat(state.apply(new DeleteSubject("readings-value", false))).containsExactly(1, 2);

            assertThat(state.subjects(false)).isEmpty();
            assertThat(state.subjects(true)).containsExactly("readings-value");
            assertRefused(() -> state.versions("readings-value", false), 40401);
            assertThat(state.schemaById(2)).isEqualTo(V2);
        }

        @Test
        void shouldRequireASoftDeleteBeforeAPermanentOne() {
            register("readings-value", V1);

            assertRefused(() -> state.apply(new DeleteVersion("readings-value", 1, true)), 40407);
            assertRefused(() -> state.apply(new DeleteSubject("readings-value", true)), 40405);
        }

        @Test
        void shouldRefuseDeletingTwiceSoftly() {
            register("readings-value", V1);
            register("readings-value", V2);
            state.apply(new DeleteVersion("readings-value", 1, false));

            assertRefused(() -> state.apply(new DeleteVersion("readings-value", 1, false)), 40406);
            state.apply(new DeleteSubject("readings-value", false));
            assertRefused(() -> state.apply(new DeleteSubject("readings-value", false)), 40404);
        }

        @Test
        void shouldRemoveAPermanentlyDeletedSubjectAndItsUnreferencedIds() {
            register("readings-value", V1);
            register("factors-value", V1);
            register("readings-value", V2);
            state.apply(new DeleteSubject("readings-value", false));

            assertThat(state.apply(new DeleteSubject("readings-value", true))).containsExactly(1, 2);

            assertThat(state.subjects(true)).containsExactly("factors-value");
            assertThat(state.schemaById(1)).isEqualTo(V1);
            assertRefused(() -> state.schemaById(2), 40403);
            assertThat(register("readings-value", V2)).isEqualTo(new RegisteredSchema("readings-value", 1, 2, V2));
        }

        @Test
        void shouldRefuseDeletingWhatIsNotThere() {
            register("readings-value", V1);

            assertRefused(() -> state.apply(new DeleteVersion("readings-value", 5, false)), 40402);
            assertRefused(() -> state.apply(new DeleteVersion("unknown", 1, false)), 40401);
            assertRefused(() -> state.apply(new DeleteSubject("unknown", false)), 40401);
        }
    }

    @Nested
    class Configuring {
        @Test
        void shouldStartFromTheDefaultLevel() {
            assertThat(state.globalCompatibility()).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(state.effectiveCompatibility("readings-value")).isEqualTo(CompatibilityLevel.BACKWARD);
            assertThat(state.subjectCompatibility("readings-value")).isEmpty();
        }

        @Test
        void shouldSetAndClearLevels() {
            state.apply(new SetCompatibility(null, CompatibilityLevel.FULL));
            state.apply(new SetCompatibility("readings-value", CompatibilityLevel.NONE));

            assertThat(state.effectiveCompatibility("readings-value")).isEqualTo(CompatibilityLevel.NONE);
            assertThat(state.effectiveCompatibility("factors-value")).isEqualTo(CompatibilityLevel.FULL);
            assertThat(state.apply(new ClearCompatibility("readings-value"))).isEqualTo(CompatibilityLevel.NONE);
            assertThat(state.effectiveCompatibility("readings-value")).isEqualTo(CompatibilityLevel.FULL);
            assertRefused(() -> state.apply(new ClearCompatibility("readings-value")), 40408);
        }
    }

    @Test
    void shouldReachTheSameStateWhenReplayingTheSameLog() {
        List<RegistryCommand<?>> log = List.of(
                new RegisterSchema("readings-value", V1),
                new RegisterSchema("factors-value", OTHER),
                new RegisterSchema("readings-value", INCOMPATIBLE),
                new SetCompatibility("readings-value", CompatibilityLevel.NONE),
                new RegisterSchema("readings-value", INCOMPATIBLE),
                new DeleteVersion("readings-value", 1, false));
        RegistryState first = new RegistryState(CompatibilityLevel.BACKWARD);
        RegistryState second = new RegistryState(CompatibilityLevel.BACKWARD);

        for (RegistryState replica : List.of(first, second)) {
            for (RegistryCommand<?> command : log) {
                try {
                    replica.apply(command);
                } catch (RegistryException refused) {
                    // A refused record changes nothing on any replica.
                }
            }
        }

        // Ids: V1 -> 1, OTHER -> 2, INCOMPATIBLE refused under BACKWARD, then 3 under NONE as version 2.
        for (RegistryState replica : List.of(first, second)) {
            assertThat(replica.version("readings-value", VersionSpec.latest(), false))
                    .isEqualTo(new RegisteredSchema("readings-value", 2, 3, INCOMPATIBLE));
            assertThat(replica.versions("readings-value", true)).containsExactly(1, 2);
        }
    }
}
