import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Log ids, codes and counts, never message bodies or contact details (FERPA).
 * The redact list is a safety net for fields that must never reach a log line.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "body",
        "*.body",
        "email",
        "*.email",
        "phone",
        "*.phone",
        "password",
        "*.password",
      ],
      censor: "[redacted]",
    },
  });
}
