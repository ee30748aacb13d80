// Stops processes by pid: SIGTERM, then SIGKILL for those still alive after `graceMs`. Used for
// the workers' shared systems, which outlive the suite (and the module registry) that started them.
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

export async function stopPids(pids, graceMs = 5000) {
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const until = Date.now() + graceMs;
  while (pids.some(alive) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
}
