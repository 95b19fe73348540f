/**
 * Rows added to the DOM at a time: a screen shows 20 to 40 rows, and the next page is added before the
 * user scrolls to the end, so 100 keeps the first render short without visible waits.
 */
export const rowPageSize = 100;
