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

  @ApiProperty({ type: String, nullable: true, example: '合心镇', description: 'The town or sub-district’s name; null for a department' })
  name!: string | null;
}
