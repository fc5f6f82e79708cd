/** Moves to a message on the timeline and gives it focus, so a keyboard or screen reader user lands there too. */
export function goToMessage(id: string): void {
  const el = document.getElementById(`message-${id}`);
  el?.scrollIntoView({ block: "center" });
  el?.focus({ preventScroll: true });
}
