/** The help text, per command and in full. */
export const COMMAND_USAGE: Record<string, string> = {
  start: `frontoffice start [--role web|worker|all]
    Run Front Office: the web server and the background jobs (default all). On an empty
    database the Riverside demo district is created first (set SEED_DEMO=off to skip).`,
  migrate: `frontoffice migrate
    Apply the database migrations and exit.`,
  "seed-demo": `frontoffice seed-demo
    Create the Riverside demo district with a year of conversations (refuses if it exists).`,
  "create-admin": `frontoffice create-admin --district SLUG --email EMAIL --password PASSWORD [--name NAME]
    Create an admin of the district, or reset that person's password (12 characters or
    more) and make them an admin.`,
  "create-token": `frontoffice create-token --district SLUG --role ROLE [--department SLUG]... [--name NAME]
    Print a new bearer token for the staff API (and nothing else), acting as the service
    account "API (ROLE)" of the district. ROLE is admin, supervisor, agent, recorder or viewer.`,
  backup: `frontoffice backup --to DIR|FILE
    Copy the embedded database (stop the server first) into one .tar.gz file: FILE, or a
    dated file inside DIR. On PostgreSQL use pg_dump (docs/SCALING.md).`,
  restore: `frontoffice restore --from FILE
    Replace the embedded database (stop the server first) with a backup; the current one is
    moved aside, never deleted. On PostgreSQL use pg_restore (docs/SCALING.md).`,
  eval: `frontoffice eval NAME [options]
    Measure a model on a labelled file; "frontoffice eval NAME --help" for its options.`,
  help: `frontoffice help [COMMAND]
    Show this help.`,
};

export function usage(command?: string): string {
  if (command && COMMAND_USAGE[command]) return `Usage: ${COMMAND_USAGE[command]}\n`;
  return `Front Office: a school district's front office, online.

Usage: frontoffice <command> [options]

Commands:
${Object.values(COMMAND_USAGE)
  .map((u) => `  ${u.replaceAll("\n", "\n  ")}`)
  .join("\n")}

Environment (also read from the server's configuration):
  DATA_DIR      embedded database directory (default ./data)
  DATABASE_URL  use this PostgreSQL database instead of the embedded one
  HOST, PORT    where the web server listens (default 127.0.0.1:3000)
  PUBLIC_URL    the address families and staff use (default http://localhost:PORT)
  SMTP_URL      send email through this server (without it, email stays in /dev/outbox)
  LOG_LEVEL     fatal, error, warn, info (default), debug, trace or silent
  SEED_DEMO     auto (default) or off
`;
}
