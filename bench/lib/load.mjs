import autocannon from 'autocannon';

/** Runs autocannon and returns the numbers we report. `rate` caps requests/s overall. */
export async function load({ url, headers = {}, connections = 64, duration = 10, rate }) {
  const result = await autocannon({ url, headers, connections, duration, pipelining: 1, ...(rate ? { overallRate: rate } : {}) });
  const non2xx = result.non2xx + result.errors + result.timeouts;
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: non2xx,
    total: result.requests.total,
  };
}

export function line(label, r) {
  return `${label.padEnd(44)} ${String(r.rps).padStart(7)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(4)} ms  non-2xx/errors ${r.errors}/${r.total}`;
}
