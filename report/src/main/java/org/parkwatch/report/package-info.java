/**
 * Monthly and annual reports of a park, built in plain Java from the ledger entries and reference records of the
 * period ({@link org.parkwatch.report.ReportInputs}) and rendered as CSV, HTML and PDF; nothing here knows Kafka
 * (the reader is {@code org.parkwatch.report.kafka}).
 */
package org.parkwatch.report;
