import { Injectable } from '@nestjs/common';
import { BlindIndex, FieldCipher, maskAddress, maskIdNumber, maskName, maskPhone, type EncryptedField } from '@pdmc/privacy';
import { fieldContext, PETITIONER_FIELDS, type Petitioner, type StoredPetitioner } from '../domain/petitioner';

const MASKS: Record<keyof Petitioner, (value: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
};

/** Encrypts petitioners for storage and shows them masked or, to permitted readers, in full. */
@Injectable()
export class PetitionerProtection {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly index: BlindIndex,
  ) {}

  protect(petitioner: Petitioner): StoredPetitioner {
    const stored: Partial<StoredPetitioner> = {};
    for (const field of PETITIONER_FIELDS) {
      const value = petitioner[field];
      if (value) stored[field] = this.cipher.encrypt(value, fieldContext(field));
    }
    if (petitioner.idNumber) stored.idNumberIndex = this.index.compute(petitioner.idNumber, 'idNumber');
    if (petitioner.phone) stored.phoneIndex = this.index.compute(petitioner.phone, 'phone');
    return stored as StoredPetitioner;
  }

  reveal(stored: StoredPetitioner): Petitioner {
    const plain: Partial<Petitioner> = {};
    for (const field of PETITIONER_FIELDS) {
      const value = stored[field];
      if (value) plain[field] = this.cipher.decrypt(value, fieldContext(field));
    }
    return plain as Petitioner;
  }

  mask(stored: StoredPetitioner): Petitioner {
    const plain = this.reveal(stored);
    const masked: Partial<Petitioner> = {};
    for (const field of PETITIONER_FIELDS) {
      const value = plain[field];
      if (value) masked[field] = MASKS[field](value);
    }
    return masked as Petitioner;
  }

  idNumberIndex(idNumber: string): string {
    return this.index.compute(idNumber, 'idNumber');
  }

  phoneIndex(phone: string): string {
    return this.index.compute(phone, 'phone');
  }

  needsRotation(stored: StoredPetitioner): boolean {
    return PETITIONER_FIELDS.some((f) => stored[f] && this.cipher.needsRotation(stored[f] as EncryptedField));
  }

  /** Re-encrypts every field under the active key; blind indexes do not change. */
  rotate(stored: StoredPetitioner): StoredPetitioner {
    const next: StoredPetitioner = { ...stored };
    for (const field of PETITIONER_FIELDS) {
      const value = stored[field];
      if (value) next[field] = this.cipher.reencrypt(value, fieldContext(field));
    }
    return next;
  }
}
