/** The read-only HTTP API, live dashboard, health and metrics, answered from the pipeline's state stores. */
package org.parkwatch.api;
