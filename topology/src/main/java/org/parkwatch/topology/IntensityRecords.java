package org.parkwatch.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import org.parkwatch.avro.IntensitySnapshot;
import org.parkwatch.avro.IntensityStatus;
import org.parkwatch.avro.SubjectType;
import org.parkwatch.avro.internal.IavReportState;
import org.parkwatch.avro.internal.IavReports;
import org.parkwatch.intensity.CoveredFigures;
import org.parkwatch.intensity.IavReport;
import org.parkwatch.intensity.IavSchedule;
import org.parkwatch.intensity.Intensity;
import org.parkwatch.totals.Amounts;
import org.parkwatch.totals.WindowSpan;

/** Translates intensity figures and IAV reports between the Kafka-free model and their Avro forms. */
final class IntensityRecords {

    private IntensityRecords() {
    }

    static IntensitySnapshot snapshot(SubjectType type, String subjectId, String parkId, WindowSpan span, Intensity i) {
        var covered = i.covered();
        return IntensitySnapshot.newBuilder()
                .setSubjectType(type).setSubjectId(subjectId).setParkId(parkId)
                .setWindow(TotalsRecords.avroWindow(span.kind()))
                .setWindowStart(span.start()).setWindowEnd(span.end())
                .setStatus(IntensityStatus.valueOf(i.status().name()))
                .setTotals(TotalsRecords.toAvro(i.totals()))
                .setCoveredTotals(TotalsRecords.toAvro(covered.coveredEmissions()))
                .setCoveredMillis(covered.coveredHours() * 3_600_000L)
                .setAddedValue(i.status() == Intensity.Status.PENDING ? null : covered.coveredIav())
                .setCo2LocationTPer10kRmb(value(i.co2LocationTPer10kRmb()))
                .setCo2MarketTPer10kRmb(value(i.co2MarketTPer10kRmb()))
                .setSo2KgPer10kRmb(value(i.so2KgPer10kRmb()))
                .setCodKgPer10kRmb(value(i.codKgPer10kRmb()))
                .setNh3nKgPer10kRmb(value(i.nh3nKgPer10kRmb()))
                .setEnergyTcePer10kRmb(value(i.energyTcePer10kRmb()))
                .setCo2TPerTce(value(i.co2TPerTce()))
                .setIavReportIds(new ArrayList<>(covered.iavReportIds()))
                .build();
    }

    /**
     * The IAV side of a published intensity with new covered emissions: for a closed window revised after its
     * reports left the retention horizon. The elapsed hours are not published; only whether every one was covered
     * matters (AVAILABLE or PARTIAL), and that is kept.
     */
    static CoveredFigures figures(IntensitySnapshot s, Amounts coveredEmissions) {
        long coveredHours = s.getCoveredMillis() / 3_600_000L;
        double iav = s.getAddedValue() == null ? 0 : s.getAddedValue();
        long elapsedHours = s.getStatus() == IntensityStatus.AVAILABLE ? coveredHours : coveredHours + 1;
        return new CoveredFigures(coveredEmissions, iav, coveredHours, elapsedHours, s.getIavReportIds());
    }

    static IavReportState state(IavReport r) {
        return new IavReportState(r.eventId(), r.enterpriseId(), r.periodStart(), r.periodEnd(), r.addedValue(),
                r.reportedAt());
    }

    static IavReport report(IavReportState s) {
        return new IavReport(s.getEventId(), s.getEnterpriseId(), s.getPeriodStart(), s.getPeriodEnd(),
                s.getAddedValue(), s.getReportedAt());
    }

    /** The schedule of one enterprise from the stored reports (all reports, or those of the enterprise in a park). */
    static IavSchedule schedule(IavReports stored, String enterpriseId) {
        if (stored == null) {
            return IavSchedule.empty();
        }
        List<IavReport> reports = stored.getReports().stream()
                .filter(r -> enterpriseId == null || r.getEnterpriseId().equals(enterpriseId))
                .map(IntensityRecords::report).toList();
        return IavSchedule.of(reports);
    }

    /** The stored form of a schedule, keeping the reports of other enterprises (park store) as they were. */
    static IavReports withSchedule(IavReports stored, String parkId, String enterpriseId, IavSchedule schedule) {
        List<IavReportState> reports = new ArrayList<>();
        if (stored != null) {
            stored.getReports().stream().filter(r -> !r.getEnterpriseId().equals(enterpriseId)).forEach(reports::add);
        }
        schedule.reports().forEach(r -> reports.add(state(r)));
        return new IavReports(parkId, reports);
    }

    private static Double value(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }
}
