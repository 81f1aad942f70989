package io.camvault.gateway.review;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 9110 byte ranges: what a {@code Range} header asks of a representation of {@code length}
 * bytes. Pure: no Netty, no files. Unparseable headers and non-{@code bytes} units are ignored (the
 * whole representation is served with 200), as the RFC allows; a syntactically valid set none of
 * whose ranges overlaps the representation is unsatisfiable (416). Overlapping and adjacent ranges are
 * coalesced (RFC 9110 section 14.2 lets a server do so), so an answer never carries a byte twice: its
 * payload is at most the representation's size plus the multipart framing.
 */
public final class ByteRanges {
    /** More ranges than this in one request are ignored (200): a defence against range amplification. */
    public static final int MAX_RANGES = 32;

    /** One satisfiable range, inclusive at both ends. */
    public record Range(long first, long last) {
        public long length() {
            return last - first + 1;
        }

        /** As written in an audit record and in {@code Content-Range}: {@code first-last}. */
        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    public enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

    public record Result(Kind kind, List<Range> ranges) {
        public Result {
            ranges = List.copyOf(ranges);
        }
    }

    private ByteRanges() {
    }

    public static Result parse(String header, long length) {
        if (header == null) {
            return whole();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return whole();
        }
        String[] specs = h.substring(6).split(",", -1);
        if (specs.length > MAX_RANGES) {
            return whole();
        }
        List<Range> out = new ArrayList<>();
        for (String raw : specs) {
            String spec = raw.strip();
            int dash = spec.indexOf('-');
            if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
                return whole();
            }
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            try {
                if (a.isEmpty()) {
                    if (b.isEmpty()) {
                        return whole();
                    }
                    long suffix = digits(b);
                    if (suffix > 0 && length > 0) {
                        out.add(new Range(Math.max(0, length - suffix), length - 1));
                    }
                } else {
                    long first = digits(a);
                    long last = b.isEmpty() ? Long.MAX_VALUE : digits(b);
                    if (last < first) {
                        return whole();
                    }
                    if (first < length) {
                        out.add(new Range(first, Math.min(last, length - 1)));
                    }
                }
            } catch (NumberFormatException e) {
                return whole();
            }
        }
        return out.isEmpty() ? new Result(Kind.UNSATISFIABLE, List.of()) : new Result(Kind.PARTIAL, coalesce(out));
    }

    /**
     * Merges ranges that overlap or touch. Disjoint ranges keep the order the client asked for; once any
     * two merge, the result is in ascending order (a client that asks for the same bytes twice gets them once).
     */
    static List<Range> coalesce(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(java.util.Comparator.comparingLong(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range r : sorted) {
            Range prev = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (prev != null && r.first() <= prev.last() + 1) {
                merged.set(merged.size() - 1, new Range(prev.first(), Math.max(prev.last(), r.last())));
            } else {
                merged.add(r);
            }
        }
        return merged.size() == ranges.size() ? ranges : merged;
    }

    /** What an audit record says was served: {@code 0-1023,4096-8191} (or the whole span). */
    public static String describe(List<Range> ranges) {
        StringBuilder sb = new StringBuilder();
        for (Range r : ranges) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(r);
        }
        return sb.toString();
    }

    private static Result whole() {
        return new Result(Kind.WHOLE, List.of());
    }

    private static long digits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            throw new NumberFormatException(s);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw new NumberFormatException(s);
            }
        }
        return Long.parseLong(s);
    }
}
