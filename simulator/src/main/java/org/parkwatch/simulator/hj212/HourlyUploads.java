package org.parkwatch.simulator.hj212;

import java.time.Instant;

/** What a simulated device's thread does: the hour's upload, the late hours, real-time data. */
interface HourlyUploads {

    /** Uploads the hour starting at {@code hour}, then any hour held back before it. */
    void uploadHour(Instant hour) throws InterruptedException;

    /** Sends the hours still held back (at the end of a backfill). */
    void uploadHeldBack() throws InterruptedException;

    /** Real-time data at {@code time}; no answer is asked. */
    void sendRealTime(Instant time) throws InterruptedException;

    /** Answers the platform's requests for missing hours waiting on the connection; a device that takes none: none. */
    default void answerPlatformRequests() throws InterruptedException {
    }

    /** Whether the device may fall silent for a while (a seeded fault), holding back its hours. */
    default boolean canGoSilent() {
        return false;
    }

    /** Falls silent: the connection is dropped until the next upload. */
    default void goSilent() {
    }

    /** Keeps the hour starting at {@code hour} back, to send once heard again. */
    default void holdBack(Instant hour) {
    }
}
