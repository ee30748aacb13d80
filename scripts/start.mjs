// `npm start`: the whole system on this machine, no Docker. The work is done by
// lib/system.mjs in its own process group, so that Ctrl-C (which the terminal sends to
// every process in the foreground group) reaches only us and we can stop things in order.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const system = spawn(process.execPath, [fileURLToPath(new URL('./lib/system.mjs', import.meta.url))], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  detached: true,
});

// npm forwards the terminal's SIGINT to us as well, so one Ctrl-C can arrive twice:
// only a second Ctrl-C a moment later means "stop now".
let firstSignalAt = 0;
function requestStop() {
  const now = Date.now();
  const force = firstSignalAt > 0 && now - firstSignalAt > 1000;
  if (!firstSignalAt) firstSignalAt = now;
  // Not connected: it is exiting already. The callback swallows a channel closing meanwhile.
  if (system.connected) system.send({ type: 'stop', force }, () => {});
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, requestStop);

system.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
