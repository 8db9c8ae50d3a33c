/**
 * The restate command's Kafka side: reads the factors in force, the ledger and the corrections on their way, and
 * writes a restatement's corrections and record in Kafka transactions. The planning is plain Java
 * ({@code org.parkwatch.restatement}).
 */
package org.parkwatch.deploy.restate;
