import { connect, constants, type ClientHttp2Session, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import { rootCertificates } from 'node:tls';
import { networkError } from '../push-provider.port.js';

export interface Http2Answer { status: number; headers: IncomingHttpHeaders; body: string }

/**
 * One kept-alive HTTP/2 session per origin (APNs wants long-lived connections and many streams
 * on each); a session that closes, errs or receives GOAWAY is replaced on the next request.
 */
export class Http2Sessions {
  private readonly sessions = new Map<string, ClientHttp2Session>();

  constructor(private readonly extraCa?: string, private readonly timeoutMs = 10_000) {}

  request(origin: string, headers: OutgoingHttpHeaders, body: string): Promise<Http2Answer> {
    return new Promise((resolve, reject) => {
      let stream;
      try {
        stream = this.session(origin).request(headers);
      } catch (error) {
        this.drop(origin);
        reject(networkError(error));
        return;
      }
      const chunks: Buffer[] = [];
      let answer: IncomingHttpHeaders = {};
      stream.setTimeout(this.timeoutMs, () => stream.close(constants.NGHTTP2_CANCEL));
      stream.on('response', (h) => { answer = h; });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve({ status: Number(answer[':status'] ?? 0), headers: answer, body: Buffer.concat(chunks).toString('utf8') }));
      stream.on('close', () => { if (!answer[':status']) reject(networkError(Object.assign(new Error('stream closed'), { code: 'stream_closed' }))); });
      stream.on('error', (error) => reject(networkError(error)));
      stream.end(body);
    });
  }

  close(): void {
    for (const session of this.sessions.values()) session.close();
    this.sessions.clear();
  }

  private session(origin: string): ClientHttp2Session {
    const open = this.sessions.get(origin);
    if (open && !open.closed && !open.destroyed) return open;
    const session = connect(origin, this.extraCa ? { ca: [...rootCertificates, this.extraCa] } : {});
    session.on('error', () => this.drop(origin, session));
    session.on('goaway', () => this.drop(origin, session));
    session.on('close', () => this.drop(origin, session));
    session.unref();
    this.sessions.set(origin, session);
    return session;
  }

  private drop(origin: string, session = this.sessions.get(origin)): void {
    if (this.sessions.get(origin) === session) this.sessions.delete(origin);
  }
}
