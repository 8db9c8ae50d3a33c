package org.parkwatch.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One page of a list: {@code page} counts from 0, {@code size} is at most {@value #MAX_SIZE} items.
 */
record PageRequest(int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    PageRequest {
        if (page < 0) {
            throw ApiException.badRequest("page must be 0 or more, was " + page);
        }
        if (size < 1) {
            throw ApiException.badRequest("size must be 1 or more, was " + size);
        }
        if (size > MAX_SIZE) {
            throw ApiException.badRequest("size must be at most " + MAX_SIZE + ", was " + size);
        }
    }

    long offset() {
        return (long) page * size;
    }

    /** The page's slice of {@code all}, with the paging figures a client needs. */
    <T> Map<String, Object> of(List<T> all) {
        int from = (int) Math.min(offset(), all.size());
        int to = (int) Math.min((long) from + size, all.size());
        return envelope(all.subList(from, to), all.size());
    }

    Map<String, Object> envelope(List<?> items, long total) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("page", page);
        m.put("size", size);
        m.put("total", total);
        m.put("items", items);
        return m;
    }
}
