/** Where emissions are summed: exact integer totals per subject over local-calendar windows. No Kafka here. */
package org.parkwatch.totals;
