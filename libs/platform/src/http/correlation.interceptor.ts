import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runWithCorrelation } from '../logging/correlation';

/** Runs each HTTP handler inside the request's correlation scope (set by the onRequest hook). */
@Injectable()
export class CorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ correlationId?: string }>();
    const correlationId = request.correlationId;
    if (!correlationId) return next.handle();
    return new Observable((subscriber) =>
      runWithCorrelation({ correlationId }, () => next.handle().subscribe(subscriber)),
    );
  }
}
