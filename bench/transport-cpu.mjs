// CPU cost of one request/reply through our transport, client and server in one process (Redis
// on another core): process CPU time per request at a fixed number in flight. Steadier than
// throughput on a shared 2-core machine, so it can compare variants of the transport.
//   node bench/transport-cpu.mjs [--requests 20000] [--inflight 32]   (ours, then stock Transport.REDIS)
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ClientProxyFactory, MessagePattern, Payload, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';
import { RedisStreamsClient, RedisStreamsServer } from '#libs/transport';
import { freePort, scratchDir, startRedis } from '../scripts/lib/infra.mjs';
import { printReport, row } from './lib/report.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const requests = arg('requests', 20_000);
const inflight = arg('inflight', 32);

class Echo { echo(data) { return data; } }
MessagePattern('bench.echo')(Echo.prototype, 'echo', Object.getOwnPropertyDescriptor(Echo.prototype, 'echo'));
Payload()(Echo.prototype, 'echo', 0);
Controller()(Echo);
class EchoModule {}
Module({ controllers: [Echo] })(EchoModule);

const redis = process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: async () => {} } : await startRedis({ port: await freePort(), dir: scratchDir('tcpu') });
const { hostname, port } = new URL(redis.url);
const payload = { body: { email: 'someone@example.com', password: 'correct horse battery staple' }, params: {}, query: {}, ip: '10.0.0.1', headers: { 'user-agent': 'bench' } };

/** CPU µs per request of one transport; stock = @nestjs/microservices' Transport.REDIS (pub/sub; every replica runs every request). */
async function measure(stock) {
  const app = stock
    ? await NestFactory.createMicroservice(EchoModule, { transport: Transport.REDIS, options: { host: hostname, port: Number(port) }, logger: ['error'] })
    : await NestFactory.createMicroservice(EchoModule, { strategy: new RedisStreamsServer({ url: redis.url, service: 'bench-cpu' }), logger: ['error'] });
  await app.listen();
  const client = stock
    ? ClientProxyFactory.create({ transport: Transport.REDIS, options: { host: hostname, port: Number(port) } })
    : new RedisStreamsClient({ url: redis.url, service: 'bench-cpu', caller: 'bench' });
  await client.connect();
  const run = async (n) => {
    let next = 0;
    const worker = async () => { while (next++ < n) await firstValueFrom(client.send('bench.echo', payload)); };
    await Promise.all(Array.from({ length: inflight }, worker));
  };
  await run(3_000); // warm-up
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run(requests);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const us = (used.user + used.system) / requests;
  console.log(`${stock ? 'stock' : 'ours '} ${(requests / seconds).toFixed(0)} req/s, ${us.toFixed(1)} µs CPU per request (client + server, one process), ${inflight} in flight`);
  await client.close();
  await app.close();
  return us;
}

const ours = await measure(false);
const stock = await measure(true);
printReport('transport-cpu', [row('CPU per request/reply, ours vs stock Transport.REDIS', ours, stock, 'µs', 'lower')], { requests, inflight });
await redis.stop();
