package org.parkwatch.alerting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parkwatch.alerting.Rules.scoped;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

class RuleBookTest {

    private static final String COD = Metrics.COD_INTENSITY;
    private static final WindowKind YTD = WindowKind.YEAR_TO_DATE;

    private static final Subject PARK_1 = Subject.park("P1");
    private static final Subject PARK_2 = Subject.park("P2");
    private static final Subject E1 = Subject.enterprise("P1", "chemicals", "E1");
    private static final Subject E2 = Subject.enterprise("P1", "chemicals", "E2");
    private static final Subject E3 = Subject.enterprise("P1", "textiles", "E3");
    private static final Subject E4_OTHER_PARK = Subject.enterprise("P2", "food", "E4");
    private static final Subject W1 = Subject.outlet("P1", "chemicals", "E1", "E1-W1");

    private static final RuleBook BOOK = RuleBook.of(List.of(
            scoped("park-any", SubjectType.PARK, "*", COD, YTD, 1.0),
            scoped("park-p1", SubjectType.PARK, "P1", COD, YTD, 0.9),
            scoped("sector-chem", SubjectType.SECTOR, "chemicals", COD, YTD, 3.0),
            scoped("enterprise-any", SubjectType.ENTERPRISE, "*", COD, YTD, 2.0),
            scoped("enterprise-e1", SubjectType.ENTERPRISE, "E1", COD, YTD, 5.0),
            scoped("outlet-any", SubjectType.OUTLET, "*", COD, YTD, 6.0),
            scoped("park-any-day", SubjectType.PARK, "*", COD, WindowKind.DAY, 0.1)));

    private static String winner(RuleBook book, Subject s) {
        return book.ruleFor(COD, YTD, s).map(AlertRule::ruleId).orElse("none");
    }

    @Test
    void shouldChooseTheMostSpecificRule() {
        assertThat(winner(BOOK, PARK_1)).isEqualTo("park-p1");
        assertThat(winner(BOOK, PARK_2)).isEqualTo("park-any");
        assertThat(winner(BOOK, E1)).isEqualTo("enterprise-e1");
        assertThat(winner(BOOK, E2)).isEqualTo("enterprise-any");
        assertThat(winner(BOOK, E3)).isEqualTo("enterprise-any");
        assertThat(winner(BOOK, W1)).isEqualTo("outlet-any");
    }

    @Test
    void shouldFallBackToBroaderScopesTheSubjectLiesIn() {
        RuleBook book = BOOK.without("enterprise-any").without("enterprise-e1");

        assertThat(winner(book, E2)).isEqualTo("sector-chem");
        assertThat(winner(book, E3)).isEqualTo("park-p1");
        assertThat(winner(book, E4_OTHER_PARK)).isEqualTo("park-any");
    }

    @Test
    void shouldSkipDisabledRules() {
        AlertRule disabled = BOOK.rule("enterprise-e1").orElseThrow().withEnabled(false);

        assertThat(winner(BOOK.with(disabled), E1)).isEqualTo("enterprise-any");
    }

    @Test
    void shouldMatchMetricAndWindow() {
        assertThat(BOOK.ruleFor(COD, WindowKind.DAY, E1)).map(AlertRule::ruleId).hasValue("park-any-day");
        assertThat(BOOK.ruleFor(COD, WindowKind.HOUR, E1)).isEmpty();
        assertThat(BOOK.ruleFor(Metrics.SO2_INTENSITY, YTD, E1)).isEmpty();
    }

    @Test
    void shouldReplaceARuleOfTheSameIdAndRemoveOne() {
        AlertRule changed = BOOK.rule("park-p1").orElseThrow().withLevels(java.util.OptionalDouble.empty(), 0.7, 0.6);

        RuleBook book = BOOK.with(changed);

        assertThat(book.size()).isEqualTo(BOOK.size());
        assertThat(book.ruleFor(COD, YTD, PARK_1)).hasValue(changed);
        assertThat(winner(book.without("park-p1"), PARK_1)).isEqualTo("park-any");
        assertThat(BOOK.without("no-such-rule")).isSameAs(BOOK);
    }

    @Test
    void shouldReturnEveryEquallySpecificRuleStrictestFirst() {
        RuleBook book = RuleBook.of(List.of(
                scoped("hj274", SubjectType.PARK, "*", Metrics.ENERGY_INTENSITY, YTD, 0.5),
                scoped("jiangsu", SubjectType.PARK, "*", Metrics.ENERGY_INTENSITY, YTD, 0.35)));

        assertThat(book.rulesFor(Metrics.ENERGY_INTENSITY, YTD, PARK_1)).extracting(AlertRule::ruleId)
                .containsExactly("jiangsu", "hj274");
        assertThat(book.ruleFor(Metrics.ENERGY_INTENSITY, YTD, PARK_1)).map(AlertRule::ruleId).hasValue("jiangsu");
    }
}
