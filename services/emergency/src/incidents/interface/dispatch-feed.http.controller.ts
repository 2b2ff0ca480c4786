import { Controller, Get, Headers, Param, Query, Req, Res, type OnModuleDestroy } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal, RequirePermission, type Principal } from '@pdmc/auth';
import { parseDispatchFeedSubject, RESPONDER_UNITS } from '@pdmc/contracts';
import { NotFoundError, ValidationFailedError } from '@pdmc/platform';
import { DispatchFeedReader, type FeedItem } from '../infrastructure/dispatch-feed.reader';
import { parseUnit } from './incidents.http.controller';
import { mayActFor } from '../application/incident.view';

const KEEP_ALIVE_MS = 15_000;

function parseLastEventId(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\d{1,15}$/.test(value)) {
    throw new ValidationFailedError([
      { field: 'Last-Event-ID', rule: 'isFeedId', message: 'Last-Event-ID must be the id of a feed message (a positive integer)' },
    ]);
  }
  return Number(value);
}

/** The documented size of a JSON page of a feed. */
export const FEED_PAGE_SIZE = 100;

const kindOf = (item: FeedItem) => parseDispatchFeedSubject(item.subject)?.kind ?? 'message';

/** One SSE frame: `id` is the stream sequence, `event` the kind, `data` the envelope. */
export function sseFrame(item: FeedItem): string {
  return `id: ${item.seq}\nevent: ${kindOf(item)}\ndata: ${JSON.stringify(item.envelope)}\n\n`;
}

@ApiTags('dispatch feeds')
@ApiBearerAuth()
@Controller('units')
export class DispatchFeedHttpController implements OnModuleDestroy {
  /** Ends each open stream; called on shutdown so the HTTP server can close. */
  private readonly open = new Set<() => void>();

  constructor(private readonly feed: DispatchFeedReader) {}

  onModuleDestroy(): void {
    for (const end of [...this.open]) end();
  }

  @Get(':unit/feed')
  @RequirePermission('dispatch_feed.read')
  @ApiParam({ name: 'unit', enum: RESPONDER_UNITS })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last message received; the feed resumes after it' })
  @ApiQuery({ name: 'lastEventId', required: false, description: 'Same as the Last-Event-ID header (which wins), for clients that cannot set headers' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description:
      'Server-Sent Events: every dispatch and status change of the unit (`event` = kind, `id` = feed id, `data` = envelope). ' +
      'With a last id, everything after it first, in order, without duplicates; without one, from now. An id the feed never ' +
      'gave (or whose successors were removed) gets an `event: reset` and the feed from its first kept message. A request that ' +
      'accepts only JSON is answered 406.',
  })
  async follow(
    @Param('unit') unitParam: string,
    @Headers('last-event-id') header: string | undefined,
    @Query('lastEventId') query: string | undefined,
    @Headers('accept') accept: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const unit = parseUnit(unitParam);
    if (!mayActFor(principal, unit)) throw new NotFoundError('EMERGENCY.UNIT_NOT_FOUND', 'No feed of this unit for you');
    const lastEventId = parseLastEventId(header ?? (typeof query === 'string' ? query : undefined));
    if (accept && !/text\/event-stream|\*\/\*/.test(accept)) {
      // A JSON client gets a page instead of a stream: polling, or catching up before following.
      const page = await this.feed.page(unit, lastEventId, FEED_PAGE_SIZE);
      void reply.status(200).send({
        unit,
        items: page.items.map((item) => ({ id: String(item.seq), event: kindOf(item), data: item.envelope })),
        ...(page.reset ? { reset: page.reset } : {}),
        ...(page.lastEventId !== undefined ? { lastEventId: String(page.lastEventId) } : {}),
      });
      return;
    }

    const pending: string[] = [];
    let flush: ((frame: string) => void) | undefined = undefined;
    const subscription = await this.feed.follow(unit, lastEventId, (item) => {
      const frame = sseFrame(item);
      if (flush) flush(frame);
      else pending.push(frame);
    });

    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write(': dispatch feed\nretry: 2000\n\n');
    if (subscription.reset) raw.write(`event: reset\ndata: ${JSON.stringify(subscription.reset)}\n\n`);
    flush = (frame) => raw.write(frame);
    for (const frame of pending.splice(0)) raw.write(frame);
    const keepAlive = setInterval(() => raw.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    keepAlive.unref();
    const end = () => {
      if (!this.open.delete(end)) return;
      clearInterval(keepAlive);
      void subscription.stop();
      raw.end();
    };
    this.open.add(end);
    request.raw.on('close', end);
  }
}
