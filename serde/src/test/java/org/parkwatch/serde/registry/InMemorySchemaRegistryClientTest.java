package org.parkwatch.serde.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryClientTest {

    private static final Schema V1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}");
    private static final Schema V2_WITH_DEFAULT = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"Probe\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"site\",\"type\":\"string\","
            + "\"default\":\"park\"}]}");
    private static final Schema V2_WITHOUT_DEFAULT = new Schema.Parser().parse("{\"type\":\"record\","
            + "\"name\":\"Probe\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"site\","
            + "\"type\":\"string\"}]}");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

    @Test
    void shouldHandOutIdsFromOneAndReuseThemForTheSameSchema() {
        int first = registry.register("a-value", V1);
        int again = registry.register("a-value", V1);
        int otherSubject = registry.register("b-value", V1);
        int second = registry.register("a-value", V2_WITH_DEFAULT);

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(otherSubject).isEqualTo(1);
        assertThat(second).isEqualTo(2);
        assertThat(registry.versions("a-value")).containsExactly(1, 2);
        assertThat(registry.latest("a-value")).isEqualTo(new RegisteredSchema("a-value", 2, 2, V2_WITH_DEFAULT));
        assertThat(registry.subjects()).containsExactly("a-value", "b-value");
    }

    @Test
    void shouldRefuseBackwardIncompatibleSchemaUnderDefaultLevel() {
        registry.register("a-value", V1);

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> registry.register("a-value", V2_WITHOUT_DEFAULT));

        assertThat(registry.compatibility("a-value")).isEqualTo("BACKWARD");
        assertThat(registry.isCompatible("a-value", V2_WITHOUT_DEFAULT)).isFalse();
        assertThat(e.httpStatus()).isEqualTo(409);
        assertThat(e.errorCode()).isEqualTo(RegistryException.INCOMPATIBLE_SCHEMA);
    }

    @Test
    void shouldAcceptAnySchemaWhenSubjectLevelIsNone() {
        registry.register("a-value", V1);
        registry.setCompatibility("a-value", "NONE");

        assertThat(registry.register("a-value", V2_WITHOUT_DEFAULT)).isEqualTo(2);
        assertThat(registry.compatibility(null)).isEqualTo("BACKWARD");
    }

    @Test
    void shouldAnswerConfluentErrorCodesForUnknownThings() {
        registry.register("a-value", V1);

        assertThat(catchThrowableOfType(RegistryException.class, () -> registry.schemaById(42)).errorCode())
                .isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
        assertThat(catchThrowableOfType(RegistryException.class, () -> registry.latest("nobody")).errorCode())
                .isEqualTo(RegistryException.SUBJECT_NOT_FOUND);
        assertThat(catchThrowableOfType(RegistryException.class, () -> registry.version("a-value", 2)).errorCode())
                .isEqualTo(RegistryException.VERSION_NOT_FOUND);
        assertThat(catchThrowableOfType(RegistryException.class, () -> registry.idOf("a-value", V2_WITH_DEFAULT))
                .errorCode()).isEqualTo(RegistryException.SCHEMA_NOT_FOUND);
    }
}
