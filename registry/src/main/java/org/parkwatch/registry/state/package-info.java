/** The registry's pure core: the state machine applied from the log, its commands and the compatibility rules. */
package org.parkwatch.registry.state;
