// `npm run test:profile`: where the suite's time goes. Records the machine's busy CPU (/proc/stat)
// at every suite start and end, splits each interval's CPU evenly among the suites running in it,
// and prints wall and CPU seconds per suite, most CPU first (written whole to TEST_PROFILE_FILE).
// An even split is rough (a suite that sleeps gets a share of its neighbour's work); run with
// --maxWorkers=1 for exact figures.
const fs = require('node:fs');
const os = require('node:os');

const TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** CPU this machine ran (busy), and apart from it the time the hypervisor took for others (steal). */
const ticks = () => {
  const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { busy: user + nice + system + irq + softirq, steal };
};

class CpuReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    this.running = new Map(); // path -> start time (ms)
    this.suites = new Map(); // path -> { wall, cpu, tests }
    this.started = Date.now();
    this.first = ticks();
    this.last = this.first.busy;
  }

  /** Shares the CPU spent since the last event among the suites running through it. */
  share() {
    const now = ticks().busy;
    const each = (now - this.last) / TICKS_PER_SECOND / Math.max(this.running.size, 1);
    for (const path of this.running.keys()) this.suite(path).cpu += each;
    this.last = now;
  }

  suite(path) {
    if (!this.suites.has(path)) this.suites.set(path, { wall: 0, cpu: 0, tests: 0 });
    return this.suites.get(path);
  }

  onTestStart(test) {
    this.share();
    this.running.set(test.path, Date.now());
  }

  onTestResult(test, result) {
    this.share();
    const suite = this.suite(test.path);
    suite.wall = (Date.now() - this.running.get(test.path)) / 1000;
    suite.tests = result.numPassingTests + result.numFailingTests;
    this.running.delete(test.path);
  }

  onRunComplete() {
    const wall = (Date.now() - this.started) / 1000;
    const end = ticks();
    const cpu = (end.busy - this.first.busy) / TICKS_PER_SECOND;
    const steal = (end.steal - this.first.steal) / TICKS_PER_SECOND;
    const rows = [...this.suites].map(([path, s]) => ({ suite: path.slice(this.rootDir.length + 1), ...s })).sort((a, b) => b.cpu - a.cpu);
    const fixed = (n) => n.toFixed(1).padStart(7);
    const lines = [
      `wall ${wall.toFixed(0)} s, busy ${cpu.toFixed(0)} CPU-s on ${os.availableParallelism()} cores (and ${steal.toFixed(0)} s stolen by the host)`,
      '   wall     cpu tests suite',
      ...rows.map((r) => `${fixed(r.wall)} ${fixed(r.cpu)} ${String(r.tests).padStart(5)} ${r.suite}`),
    ];
    const file = process.env.TEST_PROFILE_FILE ?? 'test-profile.txt';
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    console.log(`\n${lines.slice(0, 22).join('\n')}\n(all ${rows.length} suites in ${file})`);
  }
}

module.exports = CpuReporter;
