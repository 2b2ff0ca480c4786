import { ApiProperty } from '@nestjs/swagger';
import { WORK_UNITS, type WorkUnit } from '@pdmc/contracts';

export class WorkUnitRefView {
  @ApiProperty({ enum: WORK_UNITS, example: 'LABOUR' })
  code!: WorkUnit;

  @ApiProperty({ example: '劳动保障' })
  name!: string;
}

export class ResponsibleBodyRefView {
  @ApiProperty({ example: 'area:HX', description: '`area:<town code>` or `dept:<department>`' })
  code!: string;

  @ApiProperty({ type: String, nullable: true, example: '合心镇', description: 'The town, sub-district or department’s name from the gazetteer; null for a body it does not list' })
  name!: string | null;
}
