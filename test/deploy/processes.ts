// Process helpers for tests that start real process trees.
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';

/** [pid, ppid, state] of every process, from /proc. */
function processTable(): Array<[number, number, string]> {
  const rows: Array<[number, number, string]> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push([Number(entry), Number(afterName[1]), afterName[0]]);
    } catch {
      // exited while we looked
    }
  }
  return rows;
}

/** Every descendant of `pid` (children, grandchildren, ...). */
export function descendantsOf(pid: number): number[] {
  const table = processTable();
  const found: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const [child, ppid] of table) if (ppid === parent) { found.push(child); queue.push(child); }
  }
  return found;
}

/** Alive = exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
