// What sealing costs per request, alone: seal + open of a request body and of its reply
// (AES-256-GCM with the message id as additional data), against JSON encoding alone.
//   node bench/sealing.mjs [--iterations 200000]
import { performance } from 'node:perf_hooks';
import { Sealer } from '#libs/transport';
import { printReport, row } from './lib/report.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const iterations = arg('iterations', 200_000);
const sealer = Sealer.fromSpec(undefined);
const request = { body: { email: 'someone@example.com', password: 'correct horse battery staple' }, params: {}, query: {}, ip: '10.0.0.1', headers: { 'user-agent': 'bench' } };
const reply = { response: { id: 'urn:authenticateit:user:email:someone@example.com', ticket: '2f1c0e9a-6a43-4a5e-9d1b-7f1d3c2b1a00', roles: ['user'], modules: [] }, isDisposed: true };
const id = '7d2f4a8e-3b1c-4e5f-9a6b-0c1d2e3f4a5b';

function time(label, work) {
  for (let i = 0; i < 10_000; i++) work();
  const started = performance.now();
  for (let i = 0; i < iterations; i++) work();
  const us = ((performance.now() - started) * 1000) / iterations;
  console.log(`${label.padEnd(48)} ${us.toFixed(2)} µs`);
  return us;
}

const json = time('JSON only (encode + decode, request and reply)', () => {
  JSON.parse(Buffer.from(JSON.stringify(request)).toString());
  JSON.parse(Buffer.from(JSON.stringify(reply)).toString());
});
const sealed = time('sealed (encode + seal + open + decode, both)', () => {
  JSON.parse(sealer.open(id, sealer.seal(id, Buffer.from(JSON.stringify(request)))).toString());
  JSON.parse(sealer.open(id, sealer.seal(id, Buffer.from(JSON.stringify(reply)))).toString());
});
console.log(`sealing adds ${(sealed - json).toFixed(2)} µs per request (request body and reply, one core)`);

/** The same work once per millisecond: what a service pays, its caches cold after each wait for I/O. */
async function spaced(label, work, calls = 2_000) {
  let cpu = 0;
  for (let i = 0; i < calls; i++) {
    await new Promise((r) => setTimeout(r, 1));
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    cpu += used.user + used.system;
  }
  console.log(`${label.padEnd(48)} ${(cpu / calls).toFixed(2)} µs CPU`);
  return cpu / calls;
}
const body = Buffer.from(JSON.stringify(request));
const spacedJson = await spaced('spaced: JSON only (encode + decode, request)', () => JSON.parse(Buffer.from(JSON.stringify(request)).toString()));
const spacedSealed = await spaced('spaced: seal + open of the request', () => sealer.open(id, sealer.seal(id, body)));
printReport('sealing', [
  row('sealed request + reply vs JSON only (one core)', sealed, json, 'µs', 'lower'),
  row('spaced (once per ms): seal + open of a request vs its JSON encode + decode', spacedSealed, spacedJson, 'µs', 'lower'),
]);
