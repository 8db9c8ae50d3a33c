package org.parkwatch.gateway.gaps;

import java.util.function.IntSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.parkwatch.avro.DataGapKind;

/** Gaps opened per kind, gaps open now, and the reissue requests sent, accepted (QnRtn 1) and refused or failed. */
final class DataGapMetrics {

    private final MeterRegistry meters;
    private final Counter requested;
    private final Counter answered;
    private final Counter failed;

    DataGapMetrics(MeterRegistry meters, IntSupplier openGaps) {
        this.meters = meters;
        // A strong reference: Micrometer holds a gauge's object weakly, and nothing else holds this supplier.
        Gauge.builder("parkwatch.gateway.gaps.open", openGaps, IntSupplier::getAsInt).strongReference(true)
                .description("Data gaps open now (silent devices, hours of hourly data missing)").register(meters);
        this.requested = Counter.builder("parkwatch.gateway.reissues.requested")
                .description("Requests that a device send a missing hour again (HJ 212-2017 Appendix C)")
                .register(meters);
        this.answered = Counter.builder("parkwatch.gateway.reissues.answered")
                .description("Reissue requests the device accepted (9011 QnRtn=1)").register(meters);
        this.failed = Counter.builder("parkwatch.gateway.reissues.failed")
                .description("Reissue requests refused (9011 QnRtn other than 1) or failed (9012 ExeRtn other than 1)")
                .register(meters);
    }

    void opened(DataGapKind kind) {
        meters.counter("parkwatch.gateway.gaps.opened", "kind", kind.name()).increment();
    }

    void requested() {
        requested.increment();
    }

    void answered() {
        answered.increment();
    }

    void failed() {
        failed.increment();
    }
}
