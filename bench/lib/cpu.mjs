// CPU time (user + system) of processes and their descendants, from /proc (Linux), so that a
// bench can say which process spent the machine's cores: ms of CPU per unit of work.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // utime + stime, and cutime + cstime: what its exited (reaped) children spent, e.g. closed Postgres backends.
    return { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return undefined;
  }
}

/** CPU ms of `pid` and every live descendant. */
export function treeCpuMs(pid) {
  if (!pid) return 0;
  const children = new Map();
  const own = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(name);
    if (!s) continue;
    own.set(Number(name), s.ms);
    if (!children.has(s.ppid)) children.set(s.ppid, []);
    children.get(s.ppid).push(Number(name));
  }
  let total = 0;
  const todo = [pid];
  while (todo.length > 0) {
    const p = todo.pop();
    total += own.get(p) ?? 0;
    todo.push(...(children.get(p) ?? []));
  }
  return total;
}

/** Snapshot of several named process trees; `since(snapshot)` answers the CPU ms spent since. */
export function cpuMeter(named) {
  const take = () => Object.fromEntries(Object.entries(named()).map(([k, pid]) => [k, treeCpuMs(pid)]));
  return {
    take,
    since(before) {
      const now = take();
      return Object.fromEntries(Object.keys(now).map((k) => [k, now[k] - (before[k] ?? 0)]));
    },
  };
}

/** The postmaster's pid (first line of postmaster.pid in the data directory). */
export function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
  } catch {
    return undefined;
  }
}
