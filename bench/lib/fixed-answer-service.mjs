// A service over our transport whose one handler answers a fixed object (read from ANSWER_FILE):
// the floor of a request whose answer has that size — the transport's work (serialise, seal,
// publish, open, parse) with no database and no code of ours. Used as a bench reference.
//   REDIS_URL=... SERVICE=bench-floor PATTERN=bench.floor ANSWER_FILE=answer.json [ANSWER_ENCODED=1] node bench/lib/fixed-answer-service.mjs
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern } from '@nestjs/microservices';
import { RawJson, RedisStreamsServer } from '#libs/transport';

// ANSWER_ENCODED=1: the answer is handed over already encoded (RawJson), as the certificates list does.
const text = readFileSync(process.env.ANSWER_FILE, 'utf8');
const parsed = JSON.parse(text);
const bytes = Buffer.from(text);
const answer = process.env.ANSWER_ENCODED ? () => new RawJson(bytes) : () => parsed;
class Fixed { answer() { return answer(); } }
MessagePattern(process.env.PATTERN)(Fixed.prototype, 'answer', Object.getOwnPropertyDescriptor(Fixed.prototype, 'answer'));
Controller()(Fixed);
class FixedModule {}
Module({ controllers: [Fixed] })(FixedModule);

const app = await NestFactory.createMicroservice(FixedModule, { strategy: new RedisStreamsServer({ url: process.env.REDIS_URL, service: process.env.SERVICE }), logger: ['error'] });
await app.listen();
process.stdout.write('listening on the transport\n');
process.on('SIGTERM', () => app.close().then(() => process.exit(0)));
