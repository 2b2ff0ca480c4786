import { Injectable } from '@nestjs/common';
import { isAcceptanceOverdue } from '../domain/acceptance';
import { completeFlags, type Petition, type PetitionerView } from '../domain/petition';
import type { Petitioner } from '../petitioners/domain/petitioner';
import type { PetitionDocument } from '../infrastructure/petition.schema';

/** A stored petition as read for a view (without its outbox and timeline). */
export type StoredPetition = Omit<PetitionDocument, 'outbox' | 'history'>;
import { PetitionerProtection } from '../petitioners/application/petitioner-protection';

/** Turns stored petitions into views: petitioners masked, or revealed for the audited read. */
@Injectable()
export class PetitionMapper {
  constructor(private readonly protection: PetitionerProtection) {}

  toView(doc: StoredPetition): Petition {
    return this.build(
      doc,
      (doc.petitioners ?? []).map((p) => ({ ...this.protection.mask(p), ...(p.personId ? { personId: p.personId } : {}) })),
    );
  }

  toPersonalDataView(doc: StoredPetition): { id: string; caseNumber: string; petitioners: Petitioner[] } {
    return { id: doc._id, caseNumber: doc.caseNumber, petitioners: (doc.petitioners ?? []).map((p) => this.protection.reveal(p)) };
  }

  private build(doc: StoredPetition, petitioners: PetitionerView[]): Petition {
    return {
      id: doc._id,
      caseNumber: doc.caseNumber,
      queryCode: doc.queryCode,
      channel: doc.channel,
      itemClass: doc.itemClass,
      ...(doc.category ? { category: doc.category } : {}),
      // Petitions registered before classification was recorded were all entered by clerks.
      classification: doc.classification ?? { confirmed: true },
      townCode: doc.townCode,
      ...(doc.referral ? { referral: doc.referral } : {}),
      petitioners,
      subject: doc.subject,
      description: doc.description,
      headcount: doc.headcount,
      flags: completeFlags(doc.flags),
      ...(doc.repeatOf ? { repeatOf: doc.repeatOf } : {}),
      firstAtThisBody: doc.firstAtThisBody ?? false,
      status: doc.status,
      ...(doc.mergedInto ? { mergedInto: doc.mergedInto } : {}),
      ...(doc.mergedCaseNumber ? { mergedCaseNumber: doc.mergedCaseNumber } : {}),
      receivedAt: doc.receivedAt,
      registeredAt: doc.registeredAt,
      acceptanceDueAt: doc.acceptanceDueAt,
      acceptanceOverdue: doc.status === 'registered' && isAcceptanceOverdue(doc.acceptanceDueAt, new Date()),
      ...(doc.acceptance ? { acceptance: doc.acceptance } : {}),
    };
  }
}
