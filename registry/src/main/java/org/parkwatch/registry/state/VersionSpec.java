package org.parkwatch.registry.state;

/** A version as a client names it: a positive number, or {@code latest} (also spelt {@code -1}). */
public record VersionSpec(int number) {

    private static final int LATEST = -1;

    public VersionSpec {
        if (number != LATEST && number < 1) {
            throw invalid(Integer.toString(number));
        }
    }

    public static VersionSpec latest() {
        return new VersionSpec(LATEST);
    }

    public static VersionSpec of(int number) {
        return new VersionSpec(number);
    }

    /**
     * Parses a path segment.
     *
     * @throws RegistryException with {@link ErrorCode#INVALID_VERSION} unless it is {@code latest} or a number
     *     from 1 to 2^31-1 (or -1)
     */
    public static VersionSpec parse(String text) {
        if ("latest".equals(text)) {
            return latest();
        }
        try {
            return new VersionSpec(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
    }

    public boolean isLatest() {
        return number == LATEST;
    }

    private static RegistryException invalid(String text) {
        return new RegistryException(ErrorCode.INVALID_VERSION, "The specified version '" + text
                + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }
}
