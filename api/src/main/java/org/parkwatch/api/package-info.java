/** The read-only HTTP API: current totals and reference data answered from the pipeline's state stores. */
package org.parkwatch.api;
