import type { SeedDemoResult } from "../demo/index.js";

export type BannerInput = {
  address: string | null;
  publicUrl: string;
  database: { kind: "pglite" | "postgres"; dataDir: string };
  role: "web" | "worker" | "all";
  devOutbox: boolean;
  seeded: SeedDemoResult | null;
  districts: { slug: string; name: string }[];
  demoAdmin: { slug: string; email: string } | null;
};

const row = (label: string, value: string) => `    ${label.padEnd(22)} ${value}`;

/** What `frontoffice start` prints once it listens: where to open it and how to sign in. */
export function startBanner(b: BannerInput): string {
  const where = b.database.kind === "pglite" ? `embedded database in ${b.database.dataDir}` : "PostgreSQL";
  if (b.role === "worker") return `Front Office worker is running background jobs (${where}).\n`;
  const lines = [`Front Office is running at ${b.address ?? b.publicUrl} (${where}).`, ""];
  if (b.districts.length === 0) {
    lines.push("  There is no district yet. Create the demo district with:  npx frontoffice seed-demo");
  }
  for (const d of b.districts.slice(0, 5)) {
    lines.push(`  ${d.name}${b.seeded && d.slug === b.seeded.slug ? " (demo, just created)" : ""}`);
    lines.push(row("Families' front door", `${b.publicUrl}/d/${d.slug}`));
  }
  if (b.districts.length > 5) lines.push(`  …and ${b.districts.length - 5} more districts.`);
  lines.push(row("Staff app", `${b.publicUrl}/app/`));
  if (b.devOutbox) lines.push(row("Outgoing email", `${b.publicUrl}/dev/outbox   (development outbox: no SMTP_URL set)`));
  if (b.seeded) {
    lines.push(row("Admin sign-in", `${b.seeded.adminEmail}   (district: ${b.seeded.slug})`));
    lines.push(row("Password", `${b.seeded.adminPassword}   (shown only this once: keep it somewhere safe)`));
    lines.push("", `  Seeded ${b.seeded.counts.conversations.toLocaleString("en-US")} conversations in ${(b.seeded.ms / 1000).toFixed(1)} s.`);
  } else if (b.demoAdmin) {
    lines.push(row("Admin sign-in", `${b.demoAdmin.email}   (district: ${b.demoAdmin.slug})`));
    lines.push(
      row("Forgot the password?", `npx frontoffice create-admin --district ${b.demoAdmin.slug} --email ${b.demoAdmin.email} --password '<new password>'`),
    );
    if (b.database.kind === "pglite") lines.push(`  ${"".padEnd(22)}   (stop the server first: the embedded database has one owner at a time)`);
  }
  lines.push("", "  Press Ctrl+C to stop.", "");
  return lines.join("\n");
}
