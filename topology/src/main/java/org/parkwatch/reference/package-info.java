/** Whether a reference-data record (an enterprise, a factor version, a threshold rule) may be put in force. */
package org.parkwatch.reference;
