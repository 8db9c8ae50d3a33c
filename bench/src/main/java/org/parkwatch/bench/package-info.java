/** The end-to-end benchmark: the pipeline against Kafka's own baselines on a real local broker. */
package org.parkwatch.bench;
