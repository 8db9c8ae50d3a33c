/**
 * Threshold rules and the alert lifecycle: which rule judges a subject's metric, and when an alert opens, escalates
 * and resolves. No Kafka here.
 *
 * <p>Every metric is "higher is worse". An alert opens (WARNING or CRITICAL by level) once the value has been at or
 * above the rule's opening level (its warning level, or its limit when it has none) for minConsecutive consecutive
 * measured observations and for at least minDuration since the first of them; an open WARNING alert escalates once
 * to CRITICAL when the value reaches the limit; the alert resolves when the value falls below the clear level, and
 * a value between the clear level and the opening level keeps it open silently (hysteresis). A transition is
 * emitted only on a change of state, with an alertId stable across the transitions of one alert.
 */
package org.parkwatch.alerting;
