// Open-loop load at a fixed rate, as wrk2 does: requests fall due at even intervals whatever the
// answers do, and each one's latency counts from when it fell due, so a stall shows in the tail
// instead of slowing the sender (coordinated omission). autocannon's rate cap is not this: each
// connection sends flat out until its per-second budget is spent and then waits for the next
// second, so "70 % of the rate" is full load for 0.7 s of every second.
// Keep-alive HTTP/1.1 GETs over raw sockets with one prepared request, so the generator itself
// takes little of the machine; answers must carry Content-Length (fastify's JSON answers do).
import net from 'node:net';
import { performance } from 'node:perf_hooks';

export async function pacedLoad({ url, headers = {}, connections = 64, duration = 10, rate }) {
  const { hostname, port, pathname, search } = new URL(url);
  const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const request = Buffer.from(`GET ${pathname}${search} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n${head}\r\n`);
  const latencies = [];
  const waiting = []; // due times (ms) of requests that found no free connection
  const free = [];
  let errors = 0;

  const send = (conn, dueAt) => { conn.dueAt = dueAt; conn.socket.write(request); };
  const answered = (conn, status) => {
    latencies.push(performance.now() - conn.dueAt);
    if (status < 200 || status > 299) errors++;
    if (waiting.length > 0) send(conn, waiting.shift());
    else free.push(conn);
  };
  const conns = await Promise.all(Array.from({ length: connections }, () => open(hostname, Number(port), answered)));
  free.push(...conns);

  const started = performance.now();
  const interval = 1000 / rate;
  let scheduled = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      for (const end = Math.min(Math.floor((now - started) / interval), rate * duration); scheduled < end; scheduled++) {
        const dueAt = started + scheduled * interval;
        const conn = free.pop();
        if (conn) send(conn, dueAt);
        else waiting.push(dueAt);
      }
      if (scheduled >= rate * duration) { clearInterval(timer); resolve(); }
    }, 1);
  });
  const drainBy = performance.now() + 10_000;
  while (latencies.length < scheduled && performance.now() < drainBy) await new Promise((r) => setTimeout(r, 10));
  const elapsedS = (performance.now() - started) / 1000;
  for (const c of conns) c.socket.destroy();

  const sorted = Float64Array.from(latencies).sort();
  const at = (p) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] * 10) / 10 : NaN);
  const unanswered = scheduled - latencies.length;
  return { rps: Math.round(latencies.length / elapsedS), p50: at(50), p99: at(99), errors: errors + unanswered, total: scheduled };
}

/** One keep-alive connection; calls `answered(conn, status)` once per complete answer. */
function open(host, port, answered) {
  return new Promise((resolve, reject) => {
    const conn = { socket: net.connect({ host, port, noDelay: true }), dueAt: 0 };
    let buffer = Buffer.alloc(0);
    conn.socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
      for (;;) {
        const headEnd = buffer.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const headText = buffer.subarray(0, headEnd).toString('latin1');
        const length = /\r\ncontent-length: *(\d+)/i.exec(headText);
        if (!length) throw new Error(`paced load: an answer without Content-Length:\n${headText}`);
        const total = headEnd + 4 + Number(length[1]);
        if (buffer.length < total) return;
        buffer = buffer.subarray(total);
        answered(conn, Number(headText.slice(9, 12)));
      }
    });
    conn.socket.once('connect', () => { conn.socket.on('error', () => {}); resolve(conn); }); // a dead connection shows as unanswered requests
    conn.socket.once('error', reject);
  });
}
