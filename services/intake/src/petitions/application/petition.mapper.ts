import { Injectable } from '@nestjs/common';
import { isAcceptanceOverdue } from '../domain/acceptance';
import type { Petition } from '../domain/petition';
import type { Petitioner } from '../domain/petitioner';
import type { PetitionDocument } from '../infrastructure/petition.schema';
import { PetitionerProtection } from './petitioner-protection';

/** Turns stored petitions into views: petitioners masked, or revealed for the audited read. */
@Injectable()
export class PetitionMapper {
  constructor(private readonly protection: PetitionerProtection) {}

  toView(doc: Omit<PetitionDocument, 'outbox'>): Petition {
    return this.build(doc, (doc.petitioners ?? []).map((p) => this.protection.mask(p)));
  }

  toPersonalDataView(doc: Omit<PetitionDocument, 'outbox'>): { id: string; caseNumber: string; petitioners: Petitioner[] } {
    return { id: doc._id, caseNumber: doc.caseNumber, petitioners: (doc.petitioners ?? []).map((p) => this.protection.reveal(p)) };
  }

  private build(doc: Omit<PetitionDocument, 'outbox'>, petitioners: Petitioner[]): Petition {
    return {
      id: doc._id,
      caseNumber: doc.caseNumber,
      queryCode: doc.queryCode,
      channel: doc.channel,
      itemClass: doc.itemClass,
      category: doc.category,
      townCode: doc.townCode,
      petitioners,
      subject: doc.subject,
      description: doc.description,
      headcount: doc.headcount,
      flags: doc.flags,
      status: doc.status,
      receivedAt: doc.receivedAt,
      registeredAt: doc.registeredAt,
      acceptanceDueAt: doc.acceptanceDueAt,
      acceptanceOverdue: doc.status === 'registered' && isAcceptanceOverdue(doc.acceptanceDueAt, new Date()),
      ...(doc.acceptance ? { acceptance: doc.acceptance } : {}),
    };
  }
}
