package org.parkwatch.ingest;

/** The unit every quantity of a given kind is converted into before it is priced or summed. */
public enum CanonicalUnit {
    KWH("kWh"),
    GJ("GJ"),
    TONNE("t"),
    NM3("Nm3"),
    M3("m3"),
    MG_PER_L("mg/L");

    private final String symbol;

    CanonicalUnit(String symbol) {
        this.symbol = symbol;
    }

    /** The printed symbol, as written in ledger entries. */
    public String symbol() {
        return symbol;
    }
}
