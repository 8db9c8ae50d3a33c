/**
 * Where a stack's SO2 is decided between its two sources, so it is never counted twice.
 *
 * <p>A combustion unit whose flue gas leaves by a stack with a CEMS has its SO2 measured there, hour by hour; its
 * fuel mass balance ({@code 2 × B × S × D × (1 − η)}) estimates the same SO2. The rule, after HJ 75-2017's
 * substitution of missing CEMS data and the permit accounting technical specifications (HJ 953-2018 and the other
 * HJ 9xx guides), which take the measured value where valid monitoring data exist and calculate it otherwise: the
 * CEMS accounts the stack's SO2; the mass balance of each unit stays in the ledger, marked estimated, as the
 * substitute, and a valid CEMS hour of the stack takes the balance's share of that hour out again
 * ({@code CEMS_SUPERSEDED} entries). So the balance counts only for hours the CEMS did not measure validly, whichever
 * arrives first. The citation of HJ 75 and HJ 953 is by their titles and scope: their text is not in the domain
 * reference, and their substitution details (which value replaces a missing hour) are not followed beyond this.
 */
package org.parkwatch.cems;
