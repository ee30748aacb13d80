import { BaseRpcContext } from '@nestjs/microservices';
import { Header, type MessageHeaders, type SessionInfo, sessionFromHeaders } from '#libs/contracts';

type StreamContextArgs = [pattern: string, headers: MessageHeaders, stream: string, entryId: string, deliveries: number];

/** What `@Ctx()` gives a handler on this transport. */
export class StreamContext extends BaseRpcContext<StreamContextArgs> {
  getPattern(): string { return this.args[0]; }
  getHeaders(): MessageHeaders { return this.args[1]; }
  /** Stream the message was read from (`rq:<service>` or `ev:<pattern>`). */
  getStream(): string { return this.args[2]; }
  /** Redis stream entry id. */
  getEntryId(): string { return this.args[3]; }
  /** 1 on first delivery; more when reclaimed after a failure or crash. */
  getDeliveries(): number { return this.args[4]; }
  getRequestId(): string | undefined { return this.args[1][Header.RequestId]; }
  /** The forwarded session (x-session header), parsed once per message. */
  getSession(): SessionInfo | undefined {
    if (this.session === undefined) this.session = sessionFromHeaders(this.args[1]) ?? null;
    return this.session ?? undefined;
  }
  private session?: SessionInfo | null;

  /** Set by TransportExceptionFilter so a failed event's real error reaches the dead-letter stream. */
  handlerError?: unknown;
}
