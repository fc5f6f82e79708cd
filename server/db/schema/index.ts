export * from "./districts.js";
export * from "./staff.js";
export * from "./conversations.js";
export * from "./channels.js";
export * from "./routing.js";
export * from "./idempotency.js";
export * from "./limits.js";
