/** Validation of enterprise input events and their conversion into canonical activities (kWh, GJ, t, Nm3, m3, mg/L). */
package org.parkwatch.ingest;
