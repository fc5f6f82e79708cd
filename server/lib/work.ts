/**
 * Jobs of one batch a worker runs at once on PostgreSQL (each in its own transaction; PGlite's single connection
 * runs them one after the other). Handlers are idempotent and take their own locks where order matters (incident
 * clustering takes a per-topic advisory lock), as they must with several worker processes anyway. Here, below both,
 * because the job runner (jobs/runner.ts) runs this many and the mailer (channels/email/mailer.ts) keeps as many SMTP
 * connections open for them.
 */
export const WORK_CONCURRENCY = 4;
