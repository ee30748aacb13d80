/**
 * The payload of every message the gateway forwards for an HTTP route. The caller's identity
 * travels in the message headers (see headers.ts), never in the payload.
 */
export interface HttpRequestPayload<B = unknown> {
  body: B;
  /** Path parameters, e.g. `{ id: '12' }` for `/participants/participant/:id`. */
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  /** Client IP as the gateway determined it (trusted proxies applied). */
  ip: string;
  /** A few request headers a handler may need (user-agent, accept-language, ticket for one-time flows). */
  headers: Record<string, string>;
  /** `application/json` or `application/x-www-form-urlencoded`. */
  contentType?: string;
  /** The body exactly as sent (UTF-8), only for routes with `rawBody` in the route table. */
  rawBody?: string;
}

/**
 * A handler normally returns the JSON body (status 200). To choose the status or add headers,
 * return `httpReply(status, body)`.
 */
export interface HttpReply<T = unknown> {
  $http: true;
  status: number;
  body: T;
  headers?: Record<string, string>;
  /** 'base64': body is a base64 string sent as raw bytes (e.g. a PNG with its content-type header). */
  bodyEncoding?: 'json' | 'base64';
}

export function httpReply<T>(status: number, body: T, headers?: Record<string, string>): HttpReply<T> {
  return { $http: true, status, body, headers };
}

/** Binary answer: the gateway decodes `base64` and sends it with `contentType`. */
export function binaryReply(contentType: string, base64: string, headers: Record<string, string> = {}): HttpReply<string> {
  return { $http: true, status: 200, body: base64, headers: { ...headers, 'content-type': contentType }, bodyEncoding: 'base64' };
}

export function isHttpReply(value: unknown): value is HttpReply {
  return typeof value === 'object' && value !== null && (value as HttpReply).$http === true;
}
