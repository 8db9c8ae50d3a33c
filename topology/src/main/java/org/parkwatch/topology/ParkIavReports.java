package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.parkwatch.avro.internal.IavReportState;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.intensity.IavSchedule;

/**
 * The IAV reports a park level keeps, one record per enterprise of the park (key {@code parkId SEP enterpriseId}).
 * One record per park grew with every report of every enterprise until it passed the record size limit of its
 * changelog; per enterprise, and pruned to a retention horizon, each record stays small.
 *
 * <p>State version 2. Version 1 kept one record per park under the bare park id; {@link #migrateLegacyRecords()}
 * splits such records in place the first time a task of version 2 runs, so no reset is needed.
 */
final class ParkIavReports {

    /** Separates park and enterprise in a key; a control character no park id contains. */
    static final char SEP = '\u001F';

    private final KeyValueStore<String, IavReports> store;

    ParkIavReports(KeyValueStore<String, IavReports> store) {
        this.store = store;
    }

    static String key(String parkId, String enterpriseId) {
        return parkId + SEP + enterpriseId;
    }

    /** The held schedule of one enterprise of the park. */
    IavSchedule schedule(String parkId, String enterpriseId) {
        return IntensityRecords.schedule(store.get(key(parkId, enterpriseId)), enterpriseId);
    }

    void put(String parkId, String enterpriseId, IavSchedule schedule) {
        store.put(key(parkId, enterpriseId), IntensityRecords.withSchedule(null, parkId, enterpriseId, schedule));
    }

    /** The schedule of every enterprise of the park that reported, by enterprise id. */
    Map<String, IavSchedule> schedules(String parkId) {
        Map<String, IavSchedule> schedules = new LinkedHashMap<>();
        try (KeyValueIterator<String, IavReports> it = store.range(parkId + SEP, parkId + (char) (SEP + 1))) {
            while (it.hasNext()) {
                KeyValue<String, IavReports> kv = it.next();
                String enterpriseId = kv.key.substring(parkId.length() + 1);
                schedules.put(enterpriseId, IntensityRecords.schedule(kv.value, enterpriseId));
            }
        }
        return schedules;
    }

    /** Splits version-1 records (every report of a park under the park id) into one record per enterprise. */
    void migrateLegacyRecords() {
        List<KeyValue<String, IavReports>> legacy = new ArrayList<>();
        try (KeyValueIterator<String, IavReports> it = store.all()) {
            it.forEachRemaining(kv -> {
                if (kv.key.indexOf(SEP) < 0) {
                    legacy.add(kv);
                }
            });
        }
        for (KeyValue<String, IavReports> kv : legacy) {
            Map<String, List<IavReportState>> byEnterprise = new LinkedHashMap<>();
            for (IavReportState r : kv.value.getReports()) {
                byEnterprise.computeIfAbsent(r.getEnterpriseId(), e -> new ArrayList<>()).add(r);
            }
            byEnterprise.forEach((enterpriseId, reports) -> {
                IavSchedule merged = IavSchedule.of(reports.stream().map(IntensityRecords::report).toList());
                for (var held : schedule(kv.key, enterpriseId).reports()) {
                    merged = merged.add(held);
                }
                put(kv.key, enterpriseId, merged);
            });
            store.delete(kv.key);
        }
    }
}
