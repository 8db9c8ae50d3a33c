/**
 * Simulated HJ 212 data loggers: some enterprises' wastewater outlets send their data over TCP to the gateway, as
 * real devices do, with the faults seen in the field.
 */
package org.parkwatch.simulator.hj212;
