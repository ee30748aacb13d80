// Container health check: exits 0 when /health/ready answers 2xx.
//   node scripts/healthcheck.mjs [port]   (default: $HEALTH_PORT)
const port = process.argv[2] ?? process.env.HEALTH_PORT;
try {
  const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) });
  process.exit(res.ok ? 0 : 1);
} catch {
  process.exit(1);
}
