import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { PetitionerCredentials } from '../application/petitioner-verification';

export class PetitionStatusQueryDto implements PetitionerCredentials {
  @ApiProperty({ example: 'JH4Z2RT24R', description: 'The query code (查询码) on the acceptance notice' })
  @Matches(/^[A-Za-z0-9]{10}$/, { message: 'queryCode must be the 10-character code from the notice' })
  queryCode!: string;

  @ApiProperty({ example: '8000', description: 'Last four digits of the phone number given at registration' })
  @Matches(/^\d{4}$/, { message: 'phoneLast4 must be four digits' })
  phoneLast4!: string;
}
