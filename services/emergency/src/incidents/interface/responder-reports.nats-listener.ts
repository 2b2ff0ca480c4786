import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/nats-core';
import { isResponderUnit, ResponderStatusReportV1, validatePlain } from '@pdmc/contracts';
import { BUS, PDMC_HEADERS, headersToRecord, type Bus, type RequestReply } from '@pdmc/messaging';
import { acceptCorrelationId, DomainError, runWithCorrelation } from '@pdmc/platform';
import { ReportDispatchStatusHandler } from '../application/report-dispatch-status.handler';

/** Every unit's report subject; the unit is the second token (`responders.<unit>.status-reports`). */
const REPORTS = 'responders.*.status-reports';

/**
 * Responder units report their progress over NATS request/reply as well as over HTTP. The unit
 * comes from the subject, and NATS permissions let each unit's user publish on its own subject
 * only (`responderPermissionsFor`), so a unit cannot report for another. The reply is the
 * platform's `RequestReply`: `{ ok: true, data }` or `{ ok: false, error: { code, message } }`
 * with the same codes as HTTP (`EMERGENCY.DISPATCH_OUT_OF_ORDER`, ...).
 */
@Injectable()
export class ResponderReportsNatsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ResponderReportsNatsListener.name);
  private subscription?: Subscription;
  private readonly inflight = new Set<Promise<void>>();

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly reportStatus: ReportDispatchStatusHandler,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.bus.connection.subscribe(this.bus.subject(REPORTS), {
      // One queue group: each report is handled by one instance of the service.
      queue: 'emergency',
      callback: (err, msg) => {
        if (err) {
          this.logger.error({ msg: 'responder report subscription failed', error: String(err) });
          return;
        }
        const answering = this.answer(msg).finally(() => this.inflight.delete(answering));
        this.inflight.add(answering);
      },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
    await Promise.allSettled([...this.inflight]);
  }

  private async answer(msg: Msg): Promise<void> {
    const correlationId = acceptCorrelationId(headersToRecord(msg.headers)[PDMC_HEADERS.correlationId]);
    const reply = await runWithCorrelation({ correlationId }, () => this.handle(msg));
    if (!reply.ok) this.logger.warn({ msg: 'responder report refused', code: reply.error.code, correlationId });
    if (msg.reply) msg.respond(JSON.stringify(reply));
  }

  private async handle(msg: Msg): Promise<RequestReply> {
    const unit = this.bus.logicalSubject(msg.subject).split('.')[1];
    if (!isResponderUnit(unit)) return { ok: false, error: { code: 'EMERGENCY.UNKNOWN_UNIT', message: `No responder unit ${unit}` } };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(msg.data).toString('utf8'));
    } catch {
      return { ok: false, error: { code: 'MALFORMED_JSON', message: 'The report is not valid JSON' } };
    }
    const checked = validatePlain(ResponderStatusReportV1, body);
    if (!checked.ok) {
      const fields = checked.violations.map((v) => `${v.field} (${v.rule})`).join(', ');
      return { ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid report: ${fields}` } };
    }
    const { incidentId, status, note } = checked.value;
    try {
      const incident = await this.reportStatus.execute(incidentId, unit, status, `unit:${unit}`, note);
      const dispatch = incident.dispatches.find((d) => d.unit === unit);
      return { ok: true, data: { incidentId, unit, status: dispatch?.status } };
    } catch (error) {
      if (error instanceof DomainError) return { ok: false, error: { code: error.code, message: error.message } };
      this.logger.error({ msg: 'responder report failed', error: String(error) });
      return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
    }
  }
}
