import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';
import { IdentityPattern } from '#libs/contracts';
import { StreamContext } from '#libs/transport';
import { AccountCache } from './account-cache.js';

/**
 * Read-your-writes on this replica: any request a signed-in user makes here, other than reading
 * the account, drops that user's cached answer when it starts and again before its reply leaves,
 * without waiting for Postgres' change notice (which every replica also gets, a moment later).
 */
@Injectable()
export class OwnWritesInterceptor implements NestInterceptor {
  constructor(private readonly cache: AccountCache) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = ctx.switchToRpc().getContext<unknown>();
    if (!(rpc instanceof StreamContext) || rpc.getPattern() === IdentityPattern.AccountGet) return next.handle();
    const userId = rpc.getSession()?.userId;
    if (!userId) return next.handle();
    this.cache.changing(userId);
    return next.handle().pipe(finalize(() => this.cache.changing(userId)));
  }
}
