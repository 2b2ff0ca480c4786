import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DomainError } from '@pdmc/platform';
import type { Petitioner } from '../domain/petitioner';
import { completeFlags, type CategoryRef, type PetitionFlags, type PetitionRef, type PetitionStatus } from '../../domain/petition';
import { PetitionerProtection } from './petitioner-protection';
import { PetitionDocument } from '../../infrastructure/petition.schema';
import { PersonRegistry } from './person-registry.service';
import type { PersonDocument } from '../infrastructure/person.schema';

export interface PersonPetitionSummary {
  id: string;
  caseNumber: string;
  status: PetitionStatus;
  receivedAt: Date;
  category?: CategoryRef;
  flags: PetitionFlags;
  repeatOf?: PetitionRef;
  mergedInto?: PetitionRef;
}

/** A registry entry as staff see it: masked, with every petition of the person. */
export interface PersonView {
  id: string;
  person: Petitioner;
  firstSeenAt: Date;
  lastSeenAt: Date;
  petitions: PersonPetitionSummary[];
}

@Injectable()
export class PersonsQueryHandler {
  constructor(
    @InjectModel(PetitionDocument.name) private readonly petitions: Model<PetitionDocument>,
    private readonly registry: PersonRegistry,
    private readonly protection: PetitionerProtection,
  ) {}

  async search(by: { idNumber?: string; phone?: string }): Promise<PersonView[]> {
    const people = await this.registry.find(by);
    return Promise.all(people.map((p) => this.view(p)));
  }

  async byId(id: string): Promise<PersonView> {
    const person = await this.registry.byId(id);
    if (!person) throw new DomainError('INTAKE.PERSON_NOT_FOUND', 'No person with this id', 404);
    return this.view(person);
  }

  private async view(person: PersonDocument): Promise<PersonView> {
    const docs = await this.petitions
      .find(
        { 'petitioners.personId': person._id },
        { caseNumber: 1, status: 1, receivedAt: 1, category: 1, flags: 1, repeatOf: 1, mergedInto: 1 },
      )
      .sort({ receivedAt: -1 })
      .limit(200)
      .lean()
      .exec();
    return {
      id: person._id,
      person: this.protection.mask({
        name: person.name,
        ...(person.idNumber ? { idNumber: person.idNumber } : {}),
        ...(person.phone ? { phone: person.phone } : {}),
        ...(person.address ? { address: person.address } : {}),
      }),
      firstSeenAt: person.firstSeenAt,
      lastSeenAt: person.lastSeenAt,
      petitions: docs.map((d) => ({
        id: d._id,
        caseNumber: d.caseNumber,
        status: d.status,
        receivedAt: d.receivedAt,
        ...(d.category ? { category: d.category } : {}),
        flags: completeFlags(d.flags),
        ...(d.repeatOf ? { repeatOf: d.repeatOf } : {}),
        ...(d.mergedInto ? { mergedInto: d.mergedInto } : {}),
      })),
    };
  }
}
