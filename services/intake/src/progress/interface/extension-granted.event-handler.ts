import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EXTENSION_GRANTED_V1, type EventEnvelope, type ExtensionGrantedV1 } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { ProgressProjector } from '../application/progress.projector';

/** An extension of the handling limit was granted: the petitioner's look-up shows the new date and why (art. 34). */
@Controller()
export class ExtensionGrantedEventHandler {
  constructor(
    private readonly inbox: Inbox,
    private readonly projector: ProgressProjector,
  ) {}

  @EventPattern(EXTENSION_GRANTED_V1.subject)
  async handle(@Payload() event: EventEnvelope<ExtensionGrantedV1>): Promise<void> {
    await this.inbox.once('intake.progress.extension-granted', event, () => this.projector.extensionGranted(event));
  }
}
