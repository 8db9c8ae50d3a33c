package org.parkwatch.simulator;

/**
 * COD and NH3-N limits of GB 8978-1996 Table 4 for units built after 1998-01-01 (domain.md section 4, from an OCR'd
 * copy [S]). Class 2 applies to direct discharge, class 3 to discharge into a sewer leading to a secondary WWTP,
 * the usual case inside a park.
 */
final class DischargeLimits {

    static final String CLASS_2 = "GB8978-1996/2";
    static final String CLASS_3 = "GB8978-1996/3";

    private DischargeLimits() {
    }

    /** COD limit, mg/L: petrochemicals 120 (class 2) and 500 (class 3, OCR ambiguous); all others 150 and 500. */
    static double codMgPerL(Sector sector, String dischargeClass) {
        boolean petrochemical = sector == Sector.PETROCHEMICALS;
        return CLASS_2.equals(dischargeClass) ? (petrochemical ? 120 : 150) : 500;
    }

    /**
     * NH3-N limit, mg/L: class 2 is 50 for petrochemicals and 25 for all others; GB 8978 sets none for class 3, so
     * null there.
     */
    static Double ammoniaNitrogenMgPerL(Sector sector, String dischargeClass) {
        if (!CLASS_2.equals(dischargeClass)) {
            return null;
        }
        return sector == Sector.PETROCHEMICALS ? 50.0 : 25.0;
    }
}
