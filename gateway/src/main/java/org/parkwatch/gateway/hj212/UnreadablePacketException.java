package org.parkwatch.gateway.hj212;

/** A data segment whose fields cannot be read; the message says which and why. */
public final class UnreadablePacketException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnreadablePacketException(String message) {
        super(message);
    }
}
