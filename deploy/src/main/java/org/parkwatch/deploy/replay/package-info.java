/**
 * Re-submitting dead letters once their cause is fixed, each at most once: which letters a request selects and why
 * a letter cannot be replayed ({@link org.parkwatch.deploy.replay.ReplaySelection}, plain Java), and the Kafka side
 * that reads the dead-letter topic and writes each replay with its record of having been done in one transaction.
 */
package org.parkwatch.deploy.replay;
