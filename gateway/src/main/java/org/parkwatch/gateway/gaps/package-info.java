/**
 * Data gaps: which devices fell silent and which hours of hourly data never came, the records of those gaps for the
 * pipeline's DATA_GAP alerts, and the platform's requests that a connected device send a missing hour again
 * (HJ 212-2017 Appendix C).
 */
package org.parkwatch.gateway.gaps;
