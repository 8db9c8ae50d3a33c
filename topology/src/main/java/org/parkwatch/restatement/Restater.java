package org.parkwatch.restatement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.cems.CemsSubstitution;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EntryCorrection;
import org.parkwatch.avro.FactorRef;
import org.parkwatch.avro.LedgerCorrection;
import org.parkwatch.pricing.FactorLookup;
import org.parkwatch.pricing.FactorVersion;

/**
 * Plans the restatement of one factor: every event of the ledger priced with a version of it that is no longer the
 * one in force at the event's time gets a correction. For each line that pricing with the version in force changes
 * (its amount, or the version it cites), a reversing entry (the line negated) and the restated line, so no line in
 * force cites a superseded version; lines that do not use the factor are left alone. The other factors an event
 * used stay at the versions it used: restating one factor moves only what that factor prices.
 */
public final class Restater {

    private final Repricer repricer;

    public Restater(Repricer repricer) {
        this.repricer = repricer;
    }

    /** What a restatement asks. {@code from} and {@code to} (exclusive) bound the activity time; null: unbounded. */
    public record Request(String restatementId, String factorKey, Instant from, Instant to, String requestedBy,
                          Instant requestedAt) {
    }

    /** The corrections to write, and the events left alone for a reason (event key to reason). */
    public record Plan(Request request, List<LedgerCorrection> corrections, List<FactorVersion> versionsInForce,
                       Map<String, String> notRestated, int upToDate) {

        public boolean isEmpty() {
            return corrections.isEmpty();
        }

        public long entriesReversed() {
            return corrections.stream().flatMap(c -> c.getEntries().stream())
                    .filter(e -> e.getCorrection().getKind() == CorrectionKind.REVERSAL).count();
        }
    }

    /** The corrections the ledger needs for the request's factor, given the versions in force. */
    public Plan plan(EffectiveLedger ledger, FactorLookup inForce, Request request) {
        List<LedgerCorrection> corrections = new ArrayList<>();
        Map<String, FactorVersion> versionsUsed = new TreeMap<>();
        Map<String, String> notRestated = new LinkedHashMap<>();
        int upToDate = 0;
        for (List<EmissionEntry> lines : ledger.events()) {
            List<FactorRef> refs = refsOf(lines, request.factorKey());
            if (refs.isEmpty()) {
                continue;
            }
            EmissionEntry first = lines.get(0);
            Instant time = first.getIntervalEnd().minusMillis(1);
            if (request.from() != null && time.isBefore(request.from())
                    || request.to() != null && !time.isBefore(request.to())) {
                continue;
            }
            Optional<FactorVersion> version = inForce.at(request.factorKey(), time);
            if (version.isEmpty()) {
                notRestated.put(first.getEventId(), "no version of " + request.factorKey() + " in force at " + time);
                continue;
            }
            FactorVersion v = version.get();
            if (refs.stream().allMatch(r -> sameVersion(r, v))) {
                upToDate++;
                continue;
            }
            String correctionId = first.getEventId() + "|" + request.factorKey() + "@"
                    + v.validFrom().toEpochMilli() + "#" + digest(v);
            if (ledger.holds(correctionId)) {
                upToDate++;
                continue;
            }
            if (lines.stream().anyMatch(Restater::standsInForCems)) {
                // Its SO2 is split hour by hour between this balance and the stack's CEMS (CEMS_SUPERSEDED
                // entries); a new price would have to be split the same way, which restatement does not do.
                notRestated.put(first.getEventId(), "its SO2 mass balance stands in for the CEMS of its stack for"
                        + " some hours (CEMS_SUPERSEDED entries): not restated");
                continue;
            }
            List<EmissionEntry> repriced;
            try {
                repriced = repricer.reprice(lines, pinned(lines, request.factorKey(), v));
            } catch (Repricer.NotRestatableException e) {
                notRestated.put(first.getEventId(), e.getMessage());
                continue;
            }
            LedgerCorrection correction = correction(request, correctionId, lines, repriced, v);
            if (correction.getEntries().isEmpty()) {
                upToDate++;
                continue;
            }
            versionsUsed.put(v.factorKey() + "@" + v.validFrom(), v);
            corrections.add(correction);
            ledger.addPending(correction);
        }
        return new Plan(request, corrections, List.copyOf(versionsUsed.values()), notRestated, upToDate);
    }

    private static boolean standsInForCems(EmissionEntry e) {
        return e.getCorrection() != null && e.getCorrection().getKind() == CorrectionKind.CEMS_SUPERSEDED
                || e.getEstimated() && e.getEstimationReason() != null
                        && e.getEstimationReason().startsWith(CemsSubstitution.SUBSTITUTE_REASON_PREFIX);
    }

    private static LedgerCorrection correction(Request request, String correctionId, List<EmissionEntry> lines,
                                               List<EmissionEntry> repriced, FactorVersion v) {
        String suffix = request.factorKey() + "@" + v.validFrom().toEpochMilli() + "#" + digest(v);
        List<EmissionEntry> reversals = new ArrayList<>();
        List<EmissionEntry> restated = new ArrayList<>();
        for (EmissionEntry line : lines) {
            EmissionEntry replacement = repriced.stream()
                    .filter(r -> r.getPollutant() == line.getPollutant() && r.getScope() == line.getScope())
                    .findFirst().orElse(null);
            if (replacement == null || samePricing(line, replacement)) {
                continue;
            }
            reversals.add(EmissionEntry.newBuilder(line)
                    .setEntryId(line.getEntryId() + "|R|" + suffix)
                    .setAmountMg(-line.getAmountMg())
                    .setAmount(-line.getAmount())
                    .setCorrection(new EntryCorrection(CorrectionKind.REVERSAL, line.getEntryId(), correctionId,
                            request.restatementId()))
                    .build());
            restated.add(EmissionEntry.newBuilder(replacement)
                    .setEntryId(replacement.getEntryId() + "|S|" + suffix)
                    .setCorrection(new EntryCorrection(CorrectionKind.RESTATED, line.getEntryId(), correctionId,
                            request.restatementId()))
                    .build());
        }
        List<EmissionEntry> entries = new ArrayList<>(reversals);
        entries.addAll(restated);
        EmissionEntry first = lines.get(0);
        return new LedgerCorrection(correctionId, request.restatementId(), first.getEventId(), first.getEnterpriseId(),
                first.getParkId(), first.getIntervalEnd().minusMillis(1), entries);
    }

    /** Whether two lines price the same: amount, formula, inputs and the factor versions they cite. */
    private static boolean samePricing(EmissionEntry a, EmissionEntry b) {
        return a.getAmountMg() == b.getAmountMg() && a.getFormula().equals(b.getFormula())
                && a.getInputs().equals(b.getInputs()) && a.getFactors().equals(b.getFactors())
                && a.getEstimated() == b.getEstimated();
    }

    /**
     * The versions an event was priced with, but the restated factor's version in force: a factor the event did
     * not use stays unused (a sector factor published since does not replace the default sector's it fell back on).
     */
    private static FactorLookup pinned(List<EmissionEntry> lines, String factorKey, FactorVersion inForce) {
        Map<String, FactorVersion> used = new LinkedHashMap<>();
        for (EmissionEntry line : lines) {
            for (FactorRef r : line.getFactors()) {
                used.put(r.getFactorKey(), new FactorVersion(r.getFactorKey(), r.getValidFrom(), r.getValue(),
                        r.getUnit(), r.getParameters(), r.getSource()));
            }
        }
        used.put(factorKey, inForce);
        return (key, time) -> Optional.ofNullable(used.get(key));
    }

    private static List<FactorRef> refsOf(List<EmissionEntry> lines, String factorKey) {
        return lines.stream().flatMap(l -> l.getFactors().stream())
                .filter(r -> r.getFactorKey().equals(factorKey)).toList();
    }

    /** The same version: validity, value, unit and parameters (a corrected citation alone changes no figure). */
    static boolean sameVersion(FactorRef r, FactorVersion v) {
        return r.getValidFrom().equals(v.validFrom()) && r.getValue() == v.value() && r.getUnit().equals(v.unit())
                && new TreeMap<>(r.getParameters()).equals(new TreeMap<>(v.parameters()));
    }

    /** A short digest of what of a version moves figures, so a corrected value under the same validFrom is told apart. */
    static String digest(FactorVersion v) {
        String canonical = v.value() + "|" + v.unit() + "|" + new TreeMap<>(v.parameters());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
