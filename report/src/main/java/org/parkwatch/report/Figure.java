package org.parkwatch.report;

import java.util.List;

/** A summed amount, integer milligrams, with the ledger entries it is the exact sum of, in ledger order. */
public record Figure(long amountMg, List<Line> lines) {

    public static final Figure ZERO = new Figure(0, List.of());

    /** One ledger entry of a figure: its entryId and amountMg. */
    public record Line(String entryId, long amountMg) {
    }

    public Figure {
        lines = List.copyOf(lines);
    }

    public List<String> entryIds() {
        return lines.stream().map(Line::entryId).toList();
    }
}
