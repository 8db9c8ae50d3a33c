package org.parkwatch.registry.state;

/** A subject and one of its version numbers. */
public record SubjectVersion(String subject, int version) {
}
