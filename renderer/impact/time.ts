const WEEK = 7 * 24 * 3600;
/** A request is valid for a week from now; the ledger refuses it after that. */
export const aWeekFromNow = () => Math.floor(Date.now() / 1000) + WEEK;
