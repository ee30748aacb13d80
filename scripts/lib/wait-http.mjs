// Polls a URL until it answers 2xx.
export async function waitForHttpOk(url, { intervalMs = 500, timeoutMs = Infinity, cancelled = () => false } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!cancelled() && Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return false;
}

export async function isPortFree(port, host = '0.0.0.0') {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, host, () => srv.close(() => resolve(true)));
  });
}
