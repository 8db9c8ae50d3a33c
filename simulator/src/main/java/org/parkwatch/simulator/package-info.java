/**
 * A simulated industrial park: its enterprises ({@link org.parkwatch.simulator.ParkModel}), the meter, fuel,
 * wastewater and output events they emit ({@link org.parkwatch.simulator.EventGenerator}), an independent tally of
 * them ({@link org.parkwatch.simulator.SimulatorTally}) and the runner that produces them to Kafka
 * ({@link org.parkwatch.simulator.ParkSimulator}).
 */
package org.parkwatch.simulator;
