/**
 * Intensity: a subject's emissions divided by its industrial added value (IAV) over exactly the same hours. No Kafka
 * here.
 *
 * <p><b>IAV per hour.</b> IAV (10^4 RMB at comparable prices) is reported per enterprise for a period
 * [periodStart, periodEnd) and spread uniformly in time over it. Coverage is judged per hour: hour h of an
 * enterprise is covered when a report's period contains [h, h+1h) entirely. IAV(h) = addedValue &times; 1 h /
 * period length, taken from the report covering h that was reported latest (greatest reportedAt, ties by the
 * greater eventId); so a later report for the same period revises the earlier one, and a later overlapping report
 * wins where it covers.
 *
 * <p><b>Intensity of a window W so far.</b> The elapsed hours of W are its hours from W.start up to and including
 * the hour holding the subject's current event time (capped at W.end). Numerator = emissions in the covered elapsed
 * hours; denominator = sum of IAV(h) over the covered elapsed hours. Numerator and denominator therefore always
 * cover the same hours: emissions of an hour no report covers are never divided by IAV of another span. Status
 * AVAILABLE when every elapsed hour is covered, PARTIAL when some are, PENDING when none; a PENDING intensity has no
 * value at all (never infinity, never a division by zero), and an intensity is also PENDING when the covered IAV
 * sums to 0 or less.
 *
 * <p><b>Park.</b> Numerator = sum over its enterprises of their covered emissions; denominator = sum of their
 * covered IAV. Its figures are the sum of the figures of every enterprise with activity or IAV in W, counted in
 * enterprise-hours, so the park is AVAILABLE when each of those enterprises is fully covered, PARTIAL when only some
 * hours are, PENDING when the denominator is 0.
 *
 * <p><b>Units.</b> CO2 in t, SO2, COD and NH3-N in kg, energy in tce, each per 10^4 RMB; CO2 per tce is
 * location-based CO2 (scope 1 + scope 2 location-based) in t per tce of energy over all emissions of the elapsed
 * hours, given whenever energy is above 0 whatever the IAV status.
 */
package org.parkwatch.intensity;
