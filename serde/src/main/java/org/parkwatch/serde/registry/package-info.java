/** A client for the Confluent Schema Registry REST API, plus an in-memory stand-in for unit tests. */
package org.parkwatch.serde.registry;
