package org.parkwatch.gateway.intake;

import java.util.Set;

/**
 * The commands a device sends to the platform (HJ 212-2017 Table 9, HJ 212-2025 additions) and how each is
 * answered: uploads with a data answer (9014) when their Flag asks for one, notifications with a notification
 * answer (9013), a device's own answers to the platform's requests with nothing.
 */
final class CommandCatalog {

    enum Kind { UPLOAD, NOTIFICATION, DEVICE_ANSWER, UNSUPPORTED }

    /** Heartbeat of HJ 212-2025, always answered with 9013. */
    static final String HEARTBEAT = "9015";

    private static final Set<String> UPLOADS = Set.of(
            "1011", "1061", "1063", // device time and intervals, in answer to the platform
            "2011", "2021", "2031", "2041", "2051", "2061", "2081", // real-time, status, daily, minute, hourly data
            "2013", "2052", "2062", // HJ 212-2025: raw monitoring data, automatic standard checks
            "3015", "3017", "3018", "3019", "3020"); // sample retention, periods, ids, field-device information
    private static final Set<String> NOTIFICATIONS = Set.of("1013", HEARTBEAT);
    private static final Set<String> DEVICE_ANSWERS = Set.of("9011", "9012", "9013", "9014");

    private CommandCatalog() {
    }

    /**
     * Whether HJ 212-2025 encrypts the CP region of this command when the device uses SM4: data commands
     * 2000-2999, key updates 1014 and field-device information 3020 [R: hj212-2025.md, the standard not read].
     */
    static boolean isEncrypted(String cn) {
        if (cn.length() != 4 || !cn.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int code = Integer.parseInt(cn);
        return code >= 2000 && code <= 2999 || code == 1014 || code == 3020;
    }

    static Kind kindOf(String cn) {
        if (UPLOADS.contains(cn)) {
            return Kind.UPLOAD;
        }
        if (NOTIFICATIONS.contains(cn)) {
            return Kind.NOTIFICATION;
        }
        return DEVICE_ANSWERS.contains(cn) ? Kind.DEVICE_ANSWER : Kind.UNSUPPORTED;
    }
}
