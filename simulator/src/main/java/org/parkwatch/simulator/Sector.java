package org.parkwatch.simulator;

/** The industrial sectors of the simulated park; {@link #code()} is the sector code carried by Enterprise records. */
public enum Sector {
    STEEL("steel", "Steel"),
    PETROCHEMICALS("petrochemicals", "Petrochemical"),
    CHEMICALS("chemicals", "Chemical"),
    ELECTRONICS("electronics", "Electronics"),
    TEXTILES("textiles", "Textile & Dyeing"),
    FOOD("food", "Foods"),
    EQUIPMENT("equipment", "Machinery");

    private final String code;
    private final String trade;

    Sector(String code, String trade) {
        this.code = code;
        this.trade = trade;
    }

    /** The sector code of the Enterprise schema, e.g. {@code steel}. */
    public String code() {
        return code;
    }

    String trade() {
        return trade;
    }
}
