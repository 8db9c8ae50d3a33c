package org.parkwatch.cems;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.parkwatch.totals.WindowCalendar;
import org.parkwatch.totals.WindowKind;
import org.parkwatch.totals.WindowSpan;

/**
 * Splits an amount over the clock hours of its interval in proportion to the time it spends in each, exactly: the
 * shares are whole milligrams and sum to the amount. Each share is the floor of its exact proportion; the
 * milligrams left over go one each to the hours with the largest remainders (the earlier hour on a tie), so the
 * split depends on nothing but the amount and the interval.
 */
public final class HourShares {

    private HourShares() {
    }

    public static List<HourShare> split(long amountMg, Instant start, Instant end, WindowCalendar calendar) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("empty interval " + start + " - " + end);
        }
        List<WindowSpan> hours = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); ) {
            WindowSpan hour = calendar.windowOf(WindowKind.HOUR, t);
            hours.add(hour);
            t = hour.end();
        }
        BigInteger amount = BigInteger.valueOf(amountMg);
        BigInteger total = BigInteger.valueOf(end.toEpochMilli() - start.toEpochMilli());
        long[] shares = new long[hours.size()];
        BigInteger[] remainders = new BigInteger[hours.size()];
        long given = 0;
        for (int i = 0; i < hours.size(); i++) {
            WindowSpan h = hours.get(i);
            long from = Math.max(h.start().toEpochMilli(), start.toEpochMilli());
            long to = Math.min(h.end().toEpochMilli(), end.toEpochMilli());
            BigInteger[] qr = amount.multiply(BigInteger.valueOf(to - from)).divideAndRemainder(total);
            shares[i] = qr[0].longValueExact();
            remainders[i] = qr[1];
            given += shares[i];
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < hours.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing((Integer i) -> remainders[i]).reversed().thenComparing(i -> i));
        for (int k = 0; k < amountMg - given; k++) {
            shares[order.get(k)]++;
        }
        List<HourShare> result = new ArrayList<>(hours.size());
        for (int i = 0; i < hours.size(); i++) {
            result.add(new HourShare(hours.get(i).start(), shares[i]));
        }
        return result;
    }
}
