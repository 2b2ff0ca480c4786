import { Injectable } from '@nestjs/common';
import { FieldCipher, maskAddress, maskIdNumber, maskName, maskPhone } from '@pdmc/privacy';
import {
  BENEFICIARY_FIELDS,
  beneficiaryContext,
  maskBankAccount,
  type Beneficiary,
  type BeneficiaryField,
  type StoredBeneficiary,
} from '../domain/beneficiary';

const MASKS: Record<BeneficiaryField, (value: string) => string> = {
  name: maskName,
  idNumber: maskIdNumber,
  phone: maskPhone,
  address: maskAddress,
  bankAccount: maskBankAccount,
};

/** Encrypts beneficiaries for storage and shows them masked or, to permitted readers, in full. */
@Injectable()
export class BeneficiaryProtection {
  constructor(private readonly cipher: FieldCipher) {}

  protect(b: Beneficiary): StoredBeneficiary {
    const stored: StoredBeneficiary = { kind: b.kind };
    for (const field of BENEFICIARY_FIELDS) {
      const value = b[field];
      if (value) stored[field] = this.cipher.encrypt(value, beneficiaryContext(field));
    }
    return stored;
  }

  reveal(stored: StoredBeneficiary): Beneficiary {
    const plain: Beneficiary = { kind: stored.kind, name: '' };
    for (const field of BENEFICIARY_FIELDS) {
      const value = stored[field];
      if (value) plain[field] = this.cipher.decrypt(value, beneficiaryContext(field));
    }
    return plain;
  }

  /** A unit's name is public; everything about a person is masked. */
  mask(stored: StoredBeneficiary): Beneficiary {
    const plain = this.reveal(stored);
    const masked: Beneficiary = { kind: plain.kind, name: plain.kind === 'unit' ? plain.name : maskName(plain.name) };
    for (const field of BENEFICIARY_FIELDS) {
      const value = plain[field];
      if (value && field !== 'name') masked[field] = MASKS[field](value);
    }
    return masked;
  }
}
