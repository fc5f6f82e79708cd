import { config } from "zod";

// The CSP forbids eval; without this zod probes `new Function` and the browser reports a violation.
// Imported first by main.tsx so it runs before any schema is built or parsed.
config({ jitless: true });
