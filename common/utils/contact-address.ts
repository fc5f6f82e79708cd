/** Lower-cased, trimmed email if it looks like one address; otherwise null. */
export function normalizeEmail(input: string | null | undefined): string | null {
  if (!input) return null;
  const v = input.trim().toLowerCase();
  if (v.length > 254) return null;
  return /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[a-z0-9-]{2,}$/i.test(v) ? v : null;
}

/**
 * A US-centred phone normaliser to E.164: 10 digits get +1; 11 digits starting with 1 get +;
 * a leading + keeps its digits (8–15). Anything else is not a phone number.
 */
export function normalizePhone(input: string | null | undefined): string | null {
  if (!input) return null;
  const trimmed = input.trim();
  if (!/^[+\d\s().\-]{7,25}$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : null;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith("1")) return `+${digits}`;
  return null;
}
