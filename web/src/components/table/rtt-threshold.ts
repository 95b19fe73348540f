/**
 * RTT above this is highlighted in the table: 10 ms is far above in-cluster round trips (tens to
 * hundreds of µs) yet below cross-region ones, so a highlighted flow is worth a look.
 */
export const rttWarningThresholdNs = 10_000_000;
