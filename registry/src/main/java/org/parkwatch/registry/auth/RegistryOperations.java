package org.parkwatch.registry.auth;

import java.util.Locale;

/**
 * Which requests only read. As in Confluent's registry security, asking whether a schema is registered under a
 * subject ({@code POST /subjects/{subject}}) or compatible with it ({@code POST /compatibility/...}) reads, though
 * sent as POST: a serializer that does not register its schemas needs exactly these, and a read-only user may
 * make them. Every other POST, and every PUT and DELETE, writes.
 */
public final class RegistryOperations {

    private RegistryOperations() {
    }

    public static boolean isRead(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (verb.equals("GET") || verb.equals("HEAD") || verb.equals("OPTIONS")) {
            return true;
        }
        if (!verb.equals("POST")) {
            return false;
        }
        String[] segments = path.replaceAll("^/+|/+$", "").split("/+");
        boolean lookup = segments.length == 2 && segments[0].equals("subjects");
        boolean compatibility = segments.length >= 1 && segments[0].equals("compatibility");
        return lookup || compatibility;
    }

    /** Whether {@code role} may make the request. */
    public static boolean allows(RegistryRole role, String method, String path) {
        return role == RegistryRole.READ_WRITE || isRead(method, path);
    }
}
