/** The HJ 212 wire protocol in plain Java: framing, the CRC of Appendix A, packet fields, answers, split packets. */
package org.parkwatch.gateway.hj212;
