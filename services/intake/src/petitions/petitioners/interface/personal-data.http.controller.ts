import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '@pdmc/auth';
import { Audit } from '@pdmc/platform';
import { RotateKeysHandler, type RotationReport } from '../application/rotate-keys.handler';

@ApiTags('administration')
@ApiBearerAuth()
@Controller('admin/personal-data')
export class PersonalDataHttpController {
  constructor(private readonly rotateKeys: RotateKeysHandler) {}

  @Post('rotate-keys')
  @HttpCode(200)
  @RequirePermission('pii.rotate_keys')
  @Audit({ action: 'pii.rotate_keys', objectType: 'keyring' })
  @ApiOkResponse({ description: 'Re-encrypted every petitioner still under an old key; run until reencrypted and skipped are 0.' })
  rotate(): Promise<RotationReport> {
    return this.rotateKeys.execute();
  }
}
