package org.parkwatch.deploy.admin;

/**
 * A command cannot start against the cluster as it is: the cluster or the registry does not answer, or the topics
 * do not suit the pipeline. The message says what, for the person running the command; no stack trace is needed.
 */
public final class StartupRefusedException extends RuntimeException {

    /** The exit status of a command refused this way; 1 and 2 are a dead pipeline and bad arguments. */
    public static final int EXIT_STATUS = 3;

    public StartupRefusedException(String message) {
        super(message);
    }

    public StartupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
