import type { Petition } from '../domain/petition';
import type { PetitionDocument } from '../infrastructure/petition.schema';

export function toPetition(doc: Omit<PetitionDocument, 'outbox'>): Petition {
  return {
    id: doc._id,
    caseNumber: doc.caseNumber,
    queryCode: doc.queryCode,
    channel: doc.channel,
    itemClass: doc.itemClass,
    category: doc.category,
    townCode: doc.townCode,
    subject: doc.subject,
    description: doc.description,
    headcount: doc.headcount,
    flags: doc.flags,
    status: doc.status,
    receivedAt: doc.receivedAt,
    registeredAt: doc.registeredAt,
  };
}
