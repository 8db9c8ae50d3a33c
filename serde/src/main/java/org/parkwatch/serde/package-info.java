/** Avro serdes for generated records in the Confluent wire format: magic byte, schema id, Avro binary. */
package org.parkwatch.serde;
