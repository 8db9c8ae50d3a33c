/**
 * Where figures already accounted are restated when a factor version no longer in force priced them: the ledger as
 * it stands (entries and earlier corrections), the versions now in force, and the plan of reversing and restated
 * entries with the record of the restatement. Plain Java: the restate command reads the topics and writes the plan.
 */
package org.parkwatch.restatement;
