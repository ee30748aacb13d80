// Keeps a set of child processes running: output prefixed with the process name, a crashed
// process restarted with exponential back-off, and an orderly stop of all of them.
import { spawn } from 'node:child_process';
import { makePrefix, prefixOutput } from './log-prefix.mjs';

export class Supervisor {
  #procs = new Map();
  #stopping = false;

  /**
   * @param {object} opts
   * @param {(msg: string) => void} opts.log          supervisor's own messages
   * @param {number} opts.nameWidth                    column width for prefixes
   */
  constructor({ log, nameWidth = 12, minBackoffMs = 1000, maxBackoffMs = 30_000, stableAfterMs = 60_000, stopTimeoutMs = 10_000 }) {
    Object.assign(this, { log, nameWidth, minBackoffMs, maxBackoffMs, stableAfterMs, stopTimeoutMs });
  }

  /** Starts `command args` as `name` and keeps it running until stopAll(). */
  start({ name, command, args = [], env = process.env, cwd }) {
    if (this.#stopping) return;
    const proc = { name, command, args, env, cwd, prefix: makePrefix(name, this.nameWidth), failures: 0, child: null, timer: null };
    this.#procs.set(name, proc);
    this.#spawn(proc);
  }

  pids() {
    return [...this.#procs.values()].map((p) => p.child?.pid).filter(Boolean);
  }

  #spawn(proc) {
    const child = spawn(proc.command, proc.args, { env: proc.env, cwd: proc.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.child = child;
    proc.startedAt = Date.now();
    prefixOutput(child, proc.prefix);
    child.once('error', (err) => this.log(`${proc.name}: could not start: ${err.message}`));
    child.once('exit', (code, signal) => this.#onExit(proc, code, signal));
  }

  #onExit(proc, code, signal) {
    proc.child = null;
    if (this.#stopping) return;
    // A process that ran for a while before crashing starts the back-off from the beginning.
    if (Date.now() - proc.startedAt > this.stableAfterMs) proc.failures = 0;
    proc.failures += 1;
    const delay = Math.min(this.maxBackoffMs, this.minBackoffMs * 2 ** (proc.failures - 1));
    const how = signal ? `signal ${signal}` : `code ${code}`;
    this.log(`${proc.name} exited with ${how}; restarting in ${delay / 1000}s (restart #${proc.failures})`);
    proc.timer = setTimeout(() => {
      proc.timer = null;
      if (!this.#stopping) this.#spawn(proc);
    }, delay);
  }

  /** SIGTERM to every child, SIGKILL to those still running after the timeout. */
  async stopAll({ force = false } = {}) {
    this.#stopping = true;
    const running = [];
    for (const proc of this.#procs.values()) {
      if (proc.timer) clearTimeout(proc.timer);
      if (proc.child) running.push(this.#stopOne(proc, force));
    }
    await Promise.all(running);
  }

  #stopOne(proc, force) {
    const child = proc.child;
    return new Promise((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      let kill;
      child.once('exit', () => { clearTimeout(kill); resolve(); });
      if (force) {
        this.log(`killing ${proc.name}`);
        child.kill('SIGKILL');
        return;
      }
      kill = setTimeout(() => {
        this.log(`${proc.name} did not stop within ${this.stopTimeoutMs / 1000}s; killing it`);
        child.kill('SIGKILL');
      }, this.stopTimeoutMs);
      child.kill('SIGTERM');
    });
  }
}
