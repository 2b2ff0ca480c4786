import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Passes handler exceptions to the transport unchanged. Nest's default RPC filter replaces any
 * non-`RpcException` error with "Internal server error", which would leave dead letters without
 * their real cause. The transport decides what callers may see: request/reply answers still
 * hide errors without a `code`.
 *
 * Register it on event controllers (`@UseFilters(JetStreamExceptionFilter)`) or on the
 * microservice (`app.useGlobalFilters(new JetStreamExceptionFilter())`).
 */
@Catch()
export class JetStreamExceptionFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
