/** The weekday ("Mon"…) and hour (0–23) it is in a district's time zone at an instant: when scheduled emails go out. */
export function localWeekdayHour(timeZone: string, at: Date): { weekday: string; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "numeric", hourCycle: "h23" }).formatToParts(at);
  return { weekday: parts.find((p) => p.type === "weekday")!.value, hour: Number(parts.find((p) => p.type === "hour")!.value) };
}
