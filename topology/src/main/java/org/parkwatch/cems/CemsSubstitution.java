package org.parkwatch.cems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.parkwatch.avro.CorrectionKind;
import org.parkwatch.avro.EmissionEntry;
import org.parkwatch.avro.EmissionMethod;
import org.parkwatch.avro.Enterprise;
import org.parkwatch.avro.EntryCorrection;
import org.parkwatch.avro.Pollutant;
import org.parkwatch.avro.Stack;

/** The ledger lines of the rule described in the package: the substitute, and the hour a CEMS takes back. */
public final class CemsSubstitution {

    /** Formula input of a supersession line: the hour whose share it takes out, epoch milliseconds. */
    public static final String HOUR_START_INPUT = "supersededHourStartEpochMs";

    /** How the estimation reason of a substitute line begins, so readers of the ledger can tell it. */
    public static final String SUBSTITUTE_REASON_PREFIX = "CEMS substitute";

    private CemsSubstitution() {
    }

    /** The stack with a CEMS that a combustion unit's flue gas leaves by, if the enterprise registered one. */
    public static Optional<Stack> cemsStackOf(Enterprise enterprise, String unitId) {
        return enterprise.getStacks().stream()
                .filter(s -> s.getCems() && s.getCombustionUnits().contains(unitId))
                .findFirst();
    }

    /** Whether a fuel line is a mass-balance SO2 line with something to substitute. */
    public static boolean isSubstitutable(EmissionEntry line) {
        return line.getPollutant() == Pollutant.SO2 && line.getMethod() == EmissionMethod.MASS_BALANCE
                && line.getCorrection() == null && line.getAmountMg() > 0;
    }

    /** The mass-balance line kept as the substitute of the stack's CEMS: estimated, and saying for which hours. */
    public static EmissionEntry asSubstitute(EmissionEntry line, String stackId) {
        return EmissionEntry.newBuilder(line)
                .setEstimated(true)
                .setEstimationReason(SUBSTITUTE_REASON_PREFIX + ": stack " + stackId + " has a CEMS, which accounts its SO2;"
                        + " this mass balance counts only for the hours without valid CEMS SO2 data, the others are"
                        + " taken out by CEMS_SUPERSEDED entries")
                .build();
    }

    /**
     * The entry that takes {@code share} of the substitute {@code line} out, because the CEMS sample
     * {@code cemsEventId} measured the stack's SO2 in that hour. Its id, and so its correction id, is the same for
     * whichever of the two arrived first, so it is written once.
     */
    public static EmissionEntry supersession(EmissionEntry line, HourShare share, String stackId,
                                             String cemsEventId) {
        String id = line.getEntryId() + ":cems@" + share.hourStart();
        Map<String, Double> inputs = new LinkedHashMap<>(line.getInputs());
        inputs.put(HOUR_START_INPUT, (double) share.hourStart().toEpochMilli());
        return EmissionEntry.newBuilder(line)
                .setEntryId(id)
                .setAmountMg(-share.mg())
                .setAmount(-share.mg() / 1e6)
                .setInputs(inputs)
                .setFormula("-(share of hour " + share.hourStart() + " in the mass balance " + line.getEntryId()
                        + "): stack " + stackId + " measured SO2 by CEMS that hour")
                .setEstimated(false)
                .setEstimationReason(null)
                .setCorrection(EntryCorrection.newBuilder()
                        .setKind(CorrectionKind.CEMS_SUPERSEDED)
                        .setCorrectsEntryId(line.getEntryId())
                        .setCorrectionId(id)
                        .setRestatementId("cems:" + cemsEventId)
                        .build())
                .build();
    }
}
