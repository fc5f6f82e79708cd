import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type Dovecot = { host: string; port: number; stop(): Promise<void> };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1", () => {
        s.end();
        resolve(true);
      });
      s.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`dovecot did not listen on ${port}`);
}

export function dovecotAvailable(): boolean {
  return fs.existsSync("/usr/sbin/dovecot");
}

/**
 * A real, private Dovecot IMAP server on loopback (Debian's dovecot-imapd) with plaintext login,
 * Maildir storage in a temp directory and the given users. Tests append and poll through it.
 */
export async function startDovecot(users: { user: string; password: string }[]): Promise<Dovecot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-dovecot-"));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const { uid, gid } = os.userInfo({ encoding: "utf8" }).uid === 0 ? mailOwner() : { uid: process.getuid!(), gid: process.getgid!() };
  for (const sub of ["run", "state", "mail", "home"]) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  fs.chownSync(path.join(dir, "mail"), uid, gid);
  fs.chownSync(path.join(dir, "home"), uid, gid);
  fs.writeFileSync(path.join(dir, "passwd"), users.map((u) => `${u.user}:{PLAIN}${u.password}:${uid}:${gid}::${dir}/home/${u.user}`).join("\n") + "\n");
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = ${Math.min(uid, 100)}
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  fs.writeFileSync(path.join(dir, "dovecot.conf"), conf);
  const child = spawn("/usr/sbin/dovecot", ["-F", "-c", path.join(dir, "dovecot.conf")], { stdio: "ignore" });
  try {
    await waitForPort(port, 10_000);
  } catch (err) {
    child.kill("SIGKILL");
    const log = fs.existsSync(path.join(dir, "dovecot.log")) ? fs.readFileSync(path.join(dir, "dovecot.log"), "utf8") : "";
    throw new Error(`${(err as Error).message}\n${log.slice(-2000)}`);
  }
  return {
    host: "127.0.0.1",
    port,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      if (!process.env.KEEP_DOVECOT) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** As root, mail files belong to the unprivileged `dovecot` system user (Dovecot refuses UID 0 for mail). */
function mailOwner(): { uid: number; gid: number } {
  const out = spawnSync("id", ["-u", "dovecot"], { encoding: "utf8" });
  const gidOut = spawnSync("id", ["-g", "dovecot"], { encoding: "utf8" });
  return { uid: Number(out.stdout.trim()), gid: Number(gidOut.stdout.trim()) };
}
