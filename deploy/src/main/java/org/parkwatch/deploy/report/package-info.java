/** Reports wired to configuration: the report source over the configured cluster, registry and topics. */
package org.parkwatch.deploy.report;
