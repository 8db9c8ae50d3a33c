package org.parkwatch.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parkwatch.avro.Alert;
import org.parkwatch.avro.AlertSeverity;
import org.parkwatch.avro.AlertState;
import org.parkwatch.avro.DataGap;
import org.parkwatch.avro.DataGapClosure;
import org.parkwatch.avro.DataGapKind;
import org.parkwatch.avro.DataGapState;
import org.parkwatch.avro.GridRegion;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.WindowKind;

/** DATA_GAP alerts from the gateway's gap records: opened and resolved once each, whatever the records' order. */
class DataGapAlertTopologyTest {

    private static final String MN = "010000A8900016F000169DC0";
    private static final String GAP_ID = MN + "|MISSING_HOURLY|2023-05-31T01:00:00Z";

    private PipelineFixture p;
    private TestInputTopic<String, DataGap> gaps;

    @BeforeEach
    void setUp() {
        p = new PipelineFixture();
        p.enterprise("E1", "park-1", GridRegion.EAST);
        gaps = p.driver.createInputTopic(p.topics.dataGaps(), new StringSerializer(),
                p.serdes.dataGap().serializer());
    }

    @AfterEach
    void tearDown() {
        p.close();
    }

    /** The 09:00 hour (Beijing) of 31 May, detected at 10:30, asked for once at 10:31. */
    private static DataGap.Builder missingHour() {
        return DataGap.newBuilder().setGapId(GAP_ID).setMn(MN).setEnterpriseId("E1").setOutletId("W1")
                .setKind(DataGapKind.MISSING_HOURLY).setPeriodStart(Instant.parse("2023-05-31T01:00:00Z"))
                .setPeriodEnd(Instant.parse("2023-05-31T02:00:00Z")).setState(DataGapState.OPEN)
                .setDetectedAt(Instant.parse("2023-05-31T02:30:00Z"))
                .setChangedAt(Instant.parse("2023-05-31T02:30:00Z"));
    }

    private static DataGap opened() {
        return missingHour().build();
    }

    private static DataGap reissueAsked() {
        return missingHour().setReissueRequests(1).setLastReissueRequestedAt(Instant.parse("2023-05-31T02:31:00Z"))
                .setChangedAt(Instant.parse("2023-05-31T02:31:00Z")).build();
    }

    private static DataGap closed() {
        return missingHour().setState(DataGapState.CLOSED).setClosedBy(DataGapClosure.REISSUED)
                .setReissueRequests(1).setChangedAt(Instant.parse("2023-05-31T02:32:00Z")).build();
    }

    private void pipe(DataGap... records) {
        for (DataGap gap : records) {
            gaps.pipeInput("E1", gap, PipelineFixture.NOW);
        }
    }

    private List<Alert> openAlerts() {
        KeyValueStore<String, Alert> open = p.driver.getKeyValueStore(StoreNames.DATA_GAP_OPEN_ALERTS);
        try (var all = open.all()) {
            List<Alert> alerts = new java.util.ArrayList<>();
            all.forEachRemaining(kv -> alerts.add(kv.value));
            return alerts;
        }
    }

    @Test
    void shouldOpenAnAlertWithTheDeviceAndPeriodAndResolveItWhenTheGapCloses() {
        pipe(opened());

        List<Alert> opening = p.alerts.readValuesToList();
        assertThat(opening).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo("DATA_GAP|" + GAP_ID);
            assertThat(alert.getRuleId()).isEqualTo("DATA_GAP");
            assertThat(alert.getState()).isEqualTo(AlertState.OPEN);
            assertThat(alert.getSeverity()).isEqualTo(AlertSeverity.WARNING);
            assertThat(alert.getSubjectType()).isEqualTo(SubjectType.ENTERPRISE);
            assertThat(alert.getSubjectId()).isEqualTo("E1");
            assertThat(alert.getParkId()).isEqualTo("park-1");
            assertThat(alert.getWindow()).isEqualTo(WindowKind.HOUR);
            assertThat(alert.getWindowStart()).isEqualTo(Instant.parse("2023-05-31T01:00:00Z"));
            assertThat(alert.getWindowEnd()).isEqualTo(Instant.parse("2023-05-31T02:00:00Z"));
            assertThat(alert.getValue()).isEqualTo(1.0); // one hour without data
            assertThat(alert.getUnit()).isEqualTo("h");
            assertThat(alert.getOpenedAt()).isEqualTo(Instant.parse("2023-05-31T02:30:00Z"));
            assertThat(alert.getTransitionAt()).isEqualTo(Instant.parse("2023-05-31T02:30:00Z"));
            assertThat(alert.getEvidence()).containsEntry("mn", MN).containsEntry("outletId", "W1")
                    .containsEntry("kind", "MISSING_HOURLY").containsEntry("periodStart", "2023-05-31T01:00:00Z")
                    .containsEntry("periodEnd", "2023-05-31T02:00:00Z").containsEntry("enterpriseId", "E1");
            assertThat(alert.getMessage()).isEqualTo("Device " + MN + " at outlet W1 of E1 sent no hourly data for "
                    + "2023-05-31T01:00:00Z to 2023-05-31T02:00:00Z; the gateway asks the device to send the hour"
                    + " again");
        });
        assertThat(openAlerts()).extracting(Alert::getAlertId).containsExactly("DATA_GAP|" + GAP_ID);

        // The request noted on the gap changes nothing; the gap closing resolves the alert.
        pipe(reissueAsked(), closed());

        assertThat(p.alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo("DATA_GAP|" + GAP_ID);
            assertThat(alert.getState()).isEqualTo(AlertState.RESOLVED);
            assertThat(alert.getOpenedAt()).isEqualTo(Instant.parse("2023-05-31T02:30:00Z"));
            assertThat(alert.getTransitionAt()).isEqualTo(Instant.parse("2023-05-31T02:32:00Z"));
            assertThat(alert.getEvidence()).containsEntry("closedBy", "REISSUED")
                    .containsEntry("reissueRequests", "1");
        });
        assertThat(openAlerts()).isEmpty();
        KeyValueStore<String, Alert> history = p.driver.getKeyValueStore(StoreNames.DATA_GAP_ALERT_HISTORY);
        try (var all = history.all()) {
            assertThat(all).toIterable().extracting(kv -> kv.key).containsExactly(
                    "2023-05-31T02:30:00.000Z|DATA_GAP|" + GAP_ID + "|0",
                    "2023-05-31T02:32:00.000Z|DATA_GAP|" + GAP_ID + "|2");
        }
    }

    @Test
    void shouldChangeNothingForARecordSeenTwice() {
        pipe(opened(), opened());
        assertThat(p.alerts.readValuesToList()).extracting(Alert::getState).containsExactly(AlertState.OPEN);

        pipe(closed(), closed(), opened());
        assertThat(p.alerts.readValuesToList()).extracting(Alert::getState).containsExactly(AlertState.RESOLVED);
        assertThat(openAlerts()).isEmpty();
    }

    @Test
    void shouldLeaveNoAlertOpenWhenTheClosedRecordComesFirst() {
        pipe(closed(), opened(), reissueAsked());

        assertThat(p.alerts.readValuesToList()).isEmpty();
        assertThat(openAlerts()).isEmpty();
    }

    @Test
    void shouldAlertASilentDeviceOverThePeriodItSentNothing() {
        pipe(DataGap.newBuilder(opened()).setGapId(MN + "|SILENT|2023-05-31T01:10:00Z").setKind(DataGapKind.SILENT)
                .setPeriodStart(Instant.parse("2023-05-31T01:10:00Z"))
                .setPeriodEnd(Instant.parse("2023-05-31T04:10:01Z")).build());

        assertThat(p.alerts.readValuesToList()).singleElement().satisfies(alert -> {
            assertThat(alert.getAlertId()).isEqualTo("DATA_GAP|" + MN + "|SILENT|2023-05-31T01:10:00Z");
            assertThat(alert.getMetric()).isEqualTo("device.silence.hours");
            assertThat(alert.getValue()).isEqualTo(3.0 + 1 / 3600.0); // 3 h and 1 s
            assertThat(alert.getMessage()).isEqualTo("Device " + MN + " at outlet W1 of E1 sent nothing from "
                    + "2023-05-31T01:10:00Z to 2023-05-31T04:10:01Z");
        });
    }
}
