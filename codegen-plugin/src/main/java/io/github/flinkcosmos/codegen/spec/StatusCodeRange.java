package io.github.flinkcosmos.codegen.spec;

/** An inclusive range of HTTP status codes; a single code is a range of one. */
public record StatusCodeRange(int first, int last) {

    public static StatusCodeRange of(int code) {
        return new StatusCodeRange(code, code);
    }

    public boolean isSingleCode() {
        return first == last;
    }

    public boolean contains(int code) {
        return code >= first && code <= last;
    }

    public boolean overlaps(StatusCodeRange other) {
        return first <= other.last && other.first <= last;
    }

    /** {@code 408}, or {@code 500–599} with an en dash as the docs print it. */
    @Override
    public String toString() {
        return isSingleCode() ? Integer.toString(first) : first + "–" + last;
    }
}
