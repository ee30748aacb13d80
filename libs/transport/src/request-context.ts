import { AsyncLocalStorage } from 'node:async_hooks';

/** What every inner call inherits from the message its handler is working on. */
export interface RequestContext {
  requestId?: string;
  /** Epoch ms after which the original caller no longer waits. */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * Set by the transport server around each handler; read by the client when it builds an inner
 * call, so the request id and the remaining deadline travel without being passed by hand.
 */
export const requestContext = {
  run<T>(context: RequestContext, work: () => T): T { return storage.run(context, work); },
  current(): RequestContext | undefined { return storage.getStore(); },
};
