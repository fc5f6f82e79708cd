import type { InboxSearch } from "./search.js";

let last: InboxSearch = {};

/** Remembers the inbox's view and filters so "Back to inbox" returns to the same list. */
export function rememberInboxSearch(s: InboxSearch): void {
  last = s;
}

export const lastInboxSearch = (): InboxSearch => last;
