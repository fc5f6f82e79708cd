import { createHmac } from "node:crypto";
import { safeEqual } from "./crypto.js";

export type LinkPurpose = "status" | "reply";

function uuidToB64(id: string): string {
  return Buffer.from(id.replace(/-/g, ""), "hex").toString("base64url");
}

function b64ToUuid(s: string): string | null {
  if (!/^[A-Za-z0-9_-]{22}$/.test(s)) return null;
  const hex = Buffer.from(s, "base64url").toString("hex");
  if (hex.length !== 32) return null;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(key: string, purpose: LinkPurpose, id: string, version: number): string {
  return createHmac("sha256", key).update(`${purpose}:${id}:${version}`).digest("base64url").slice(0, 27);
}

/** A capability token for one conversation: `<id as 22 chars>.<HMAC>`; bumping `version` revokes old ones. */
export function signConversationToken(key: string, purpose: LinkPurpose, conversationId: string, version: number): string {
  return `${uuidToB64(conversationId)}.${mac(key, purpose, conversationId, version)}`;
}

/** The conversation id a token names, before its signature is checked against the district's key. */
export function conversationIdFromToken(token: string): string | null {
  const [idPart, sig] = token.split(".");
  if (!idPart || !sig || token.split(".").length !== 2) return null;
  return b64ToUuid(idPart);
}

export function verifyConversationToken(key: string, purpose: LinkPurpose, token: string, version: number): boolean {
  const id = conversationIdFromToken(token);
  if (!id) return false;
  return safeEqual(token, signConversationToken(key, purpose, id, version));
}
