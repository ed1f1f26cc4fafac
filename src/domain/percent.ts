/**
 * Whole percents are what a report keeps: the column is an integer, PostgreSQL refuses 85.5
 * where SQLite would keep it, so both engines get 86, and the summary a person confirms
 * already shows that number.
 */
export function wholePercent(percent: number): number {
  return Math.round(percent);
}
