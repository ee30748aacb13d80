// Prefixes every line a child writes with its name, padded and coloured (on a terminal),
// so the interleaved output of several processes stays readable.
const COLOURS = [36, 32, 35, 33, 34, 96, 92, 95];
let next = 0;

export function useColour(stream = process.stdout) {
  if (process.env.NO_COLOR) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function makePrefix(name, width, colour = useColour()) {
  const label = name.padEnd(width);
  if (!colour) return `${label} | `;
  const code = COLOURS[next++ % COLOURS.length];
  return `\x1b[${code}m${label} |\x1b[0m `;
}

/** Returns a function that takes chunks and writes complete, prefixed lines to `out`. */
export function lineWriter(prefix, out) {
  let pending = '';
  const write = (chunk) => {
    pending += String(chunk);
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) out.write(`${prefix}${line}\n`);
  };
  write.flush = () => {
    if (pending) out.write(`${prefix}${pending}\n`);
    pending = '';
  };
  return write;
}

/** Pipes a child's stdout and stderr through a prefix. */
export function prefixOutput(child, prefix) {
  const out = lineWriter(prefix, process.stdout);
  const err = lineWriter(prefix, process.stderr);
  child.stdout?.on('data', out);
  child.stderr?.on('data', err);
  child.once('close', () => { out.flush(); err.flush(); });
}
