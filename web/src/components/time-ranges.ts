/** The time ranges the toolbar offers, in seconds back from now. */
export const timeRangeChoices: readonly number[] = [5 * 60, 15 * 60, 60 * 60, 6 * 60 * 60, 24 * 60 * 60];
