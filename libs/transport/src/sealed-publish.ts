import { Command, Redis } from 'ioredis';
import type { RedisClient } from '#libs/redis';
import { binaryReplyParts, encodeBinaryReplies } from './binary-replies.js';
import type { Sealer } from './sealer.js';
import type { ReplyPacket } from './wire-format.js';

const CRLF = Buffer.from('\r\n');

/**
 * PUBLISHes replies as a binary frame. On a single Redis the frame is sealed straight into the
 * bytes of the PUBLISH command: given the frame as an argument, ioredis copies it into the
 * command's bytes and its auto-pipeline copies those into the batch, two more allocations of a
 * 1 MB answer whose external memory drives the collector. Sent past the auto-pipeline, it still
 * leaves after this client's earlier replies: those were queued one turn or more before and the
 * pipeline flushes on the next tick. A Cluster gets the plain command.
 */
export function publishBinaryReplies(redis: RedisClient, channel: string, key: string, packets: readonly ReplyPacket[], sealer: Sealer): Promise<unknown> {
  if (!(redis instanceof Redis)) return redis.publish(channel, encodeBinaryReplies(key, packets, sealer));
  const { prefix, parts } = binaryReplyParts(key, packets);
  const payloadBytes = prefix.length + sealer.sealedLength(parts.reduce((n, p) => n + p.length, 0));
  const channelBytes = Buffer.from(channel);
  const command = Buffer.concat([Buffer.from(`*3\r\n$7\r\nPUBLISH\r\n$${channelBytes.length}\r\n`), channelBytes, Buffer.from(`\r\n$${payloadBytes}\r\n`), prefix]);
  const sealed = new PrebuiltCommand(sealer.sealParts(key, parts, command, CRLF), channel);
  redis.sendCommand(sealed);
  return sealed.promise;
}

/** A command whose RESP bytes are already written (its arguments only name it in errors and traces). */
class PrebuiltCommand extends Command {
  constructor(private readonly bytes: Buffer, channel: string) {
    super('publish', [channel]);
  }

  override toWritable(): Buffer {
    return this.bytes;
  }
}
