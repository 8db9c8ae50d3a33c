package org.parkwatch.reference;

import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.EmissionFactor;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.Outlet;
import org.parkwatch.avro.RejectReason;
import org.parkwatch.avro.ThresholdRule;
import org.parkwatch.ingest.Rejection;

/**
 * The checks a reference-data record must pass before it replaces the version in force. A refused record changes
 * nothing: what it would have replaced stays in force, because a broken factor put in force would price every
 * activity after it wrongly, which is worse than pricing with the previous, correct, version.
 */
public final class ReferenceDataChecks {

    private ReferenceDataChecks() {
    }

    /** An enterprise keyed {@code key}; empty when it may be put in force. */
    public static Optional<Rejection> enterprise(String key, Enterprise enterprise) {
        if (blank(enterprise.getEnterpriseId())) {
            return refuse(RejectReason.MISSING_FIELD, "enterprise without an enterpriseId");
        }
        if (!enterprise.getEnterpriseId().equals(key)) {
            return refuse(RejectReason.KEY_MISMATCH, "record key " + key + " is not the enterpriseId "
                    + enterprise.getEnterpriseId());
        }
        if (blank(enterprise.getParkId())) {
            return refuse(RejectReason.MISSING_FIELD, "enterprise " + key + " has no parkId: its figures would"
                    + " belong to no park");
        }
        for (Outlet outlet : enterprise.getOutlets()) {
            Optional<Rejection> bad = firstBadAmount("outlet " + outlet.getOutletId() + " of " + key,
                    outlet.getCodLimitMgPerL(), outlet.getAmmoniaNitrogenLimitMgPerL(),
                    outlet.getCodDischargeFactorMgPerL(), outlet.getAmmoniaNitrogenDischargeFactorMgPerL());
            if (bad.isPresent()) {
                return bad;
            }
        }
        var permit = enterprise.getPermittedLoads();
        return permit == null ? Optional.empty() : firstBadAmount("permitted load of " + key,
                permit.getCodKgPerYear(), permit.getAmmoniaNitrogenKgPerYear(), permit.getSo2KgPerYear());
    }

    /**
     * A factor version keyed {@code key}, which must be {@code expectedKey} (its factorKey and validFrom), given the
     * unit of the other versions of its factorKey in force (empty when it is the first).
     */
    public static Optional<Rejection> factor(String key, String expectedKey, EmissionFactor factor,
                                             Optional<String> unitOfOtherVersions) {
        if (blank(factor.getFactorKey()) || blank(factor.getUnit())) {
            return refuse(RejectReason.MISSING_FIELD, "factor version " + key + " without a factorKey or unit");
        }
        if (!expectedKey.equals(key)) {
            return refuse(RejectReason.KEY_MISMATCH, "record key " + key + " is not factorKey@validFrom "
                    + expectedKey);
        }
        double value = factor.getValue();
        if (!Double.isFinite(value) || value < 0) {
            return refuse(RejectReason.INVALID_FACTOR, "factor " + key + " has value " + value
                    + ": a factor is a finite amount, zero or more");
        }
        for (Map.Entry<String, Double> parameter : factor.getParameters().entrySet()) {
            double p = parameter.getValue();
            if (!Double.isFinite(p) || p < 0) {
                return refuse(RejectReason.INVALID_FACTOR, "factor " + key + " has parameter " + parameter.getKey()
                        + " = " + p + ": parameters are finite amounts, zero or more");
            }
        }
        if (unitOfOtherVersions.isPresent() && !unitOfOtherVersions.get().equals(factor.getUnit())) {
            // Versions of one factorKey are read as one series: an activity priced across a change of version
            // would silently change scale (kgCO2/kWh after tCO2/MWh is the same number, tCO2/kWh is not).
            return refuse(RejectReason.FACTOR_UNIT_CHANGED, "factor " + key + " is in " + factor.getUnit()
                    + " but the other versions of " + factor.getFactorKey() + " are in " + unitOfOtherVersions.get());
        }
        return Optional.empty();
    }

    /** A threshold rule keyed {@code key}. */
    public static Optional<Rejection> rule(String key, ThresholdRule rule) {
        if (blank(rule.getRuleId()) || blank(rule.getMetric()) || blank(rule.getScopeId())) {
            return refuse(RejectReason.MISSING_FIELD, "rule " + key + " without a ruleId, metric or scopeId");
        }
        if (!rule.getRuleId().equals(key)) {
            return refuse(RejectReason.KEY_MISMATCH, "record key " + key + " is not the ruleId " + rule.getRuleId());
        }
        Double warning = rule.getWarningLevel();
        if (!Double.isFinite(rule.getLimit()) || !Double.isFinite(rule.getClearLevel())
                || (warning != null && !Double.isFinite(warning))) {
            return refuse(RejectReason.INVALID_RULE, "rule " + key + " has a level that is not a finite number"
                    + " (warning " + warning + ", limit " + rule.getLimit() + ", clear " + rule.getClearLevel() + ")");
        }
        if (warning != null && warning > rule.getLimit()) {
            return refuse(RejectReason.INVALID_RULE, "rule " + key + " warns at " + warning
                    + ", above its limit " + rule.getLimit() + ": a warning must come before the limit");
        }
        if (rule.getClearLevel() > rule.getLimit()) {
            return refuse(RejectReason.INVALID_RULE, "rule " + key + " clears at " + rule.getClearLevel()
                    + ", above its limit " + rule.getLimit() + ": its alerts would resolve while still breaching");
        }
        if (warning != null && rule.getClearLevel() > warning) {
            // The alerting step cannot judge such a rule (AlertRule): put in force, it would be ignored unseen.
            return refuse(RejectReason.INVALID_RULE, "rule " + key + " clears at " + rule.getClearLevel()
                    + ", above its warning level " + warning + ": its alerts would resolve while still breaching");
        }
        if (rule.getMinDurationMs() < 0 || rule.getMinConsecutive() < 1) {
            return refuse(RejectReason.INVALID_RULE, "rule " + key + " needs a breach of " + rule.getMinDurationMs()
                    + " ms and " + rule.getMinConsecutive() + " values: at least 0 ms and 1 value");
        }
        return Optional.empty();
    }

    private static Optional<Rejection> firstBadAmount(String what, Double... amounts) {
        for (Double amount : amounts) {
            if (amount != null && (!Double.isFinite(amount) || amount < 0)) {
                return refuse(Double.isFinite(amount) ? RejectReason.NEGATIVE_QUANTITY
                        : RejectReason.NON_FINITE_QUANTITY, what + " has " + amount);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> refuse(RejectReason reason, String detail) {
        return Optional.of(new Rejection(reason, detail));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
