/** Pricing of canonical activities into emissions with versioned factors, and ParkWatch's default China factor set. */
package org.parkwatch.pricing;
