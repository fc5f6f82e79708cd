/** CPU time as Linux counts it (/proc), for the benchmarks' costs per request: null where it cannot be read. */
import { readdirSync, readFileSync } from "node:fs";

/** The machine's CPU time so far, busy and in all, in clock ticks (Linux: the `cpu` line of /proc/stat); null elsewhere. */
export function machineCpu(): { busy: number; total: number } | null {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0); // user … steal (guest time is counted in user)
    return { busy: total - ticks[3]! - ticks[4]!, total }; // less idle and iowait
  } catch {
    return null;
  }
}

/** CPU time this thread has used, in ms (Linux: /proc/thread-self/stat, in clock ticks of 10 ms); null elsewhere. */
export function threadCpuMs(): number | null {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime, fields 14 and 15 of stat(5)
  } catch {
    return null;
  }
}

/**
 * CPU time all PostgreSQL processes on this machine have used so far, in ms (Linux: /proc/<pid>/stat of each process
 * named postgres, readable when the bench runs as their owner or root); null when none can be read, as for a
 * database on another machine. Its difference over a level is the database's load per request: what the capacity
 * model needs, and what a bare INSERT costs next to a full submission.
 */
export function postgresCpuMs(): number | null {
  let ticks = 0;
  let seen = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== "postgres") continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
      seen++;
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return seen > 0 ? ticks * 10 : null;
}
