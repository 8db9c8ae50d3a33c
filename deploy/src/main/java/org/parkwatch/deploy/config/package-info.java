/** Typed ParkWatch configuration: keys defined with Kafka's ConfigDef, one class per concern, layered loading. */
package org.parkwatch.deploy.config;
