/** Idempotent cluster set-up: the ParkWatch topics with their retention, and the reference data they start with. */
package org.parkwatch.deploy.admin;
