import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The highest page any list serves. Lists are read page by page with a skip, so a page beyond
 * this is no use to anyone, and an unbounded one (`page=1e308`) makes the skip infinite.
 */
export const MAX_PAGE = 10_000;
/** The largest page size a `PageQuery` list serves. */
export const MAX_PAGE_SIZE = 100;

/** `page` and `pageSize` for list endpoints; extend it with the list's own filters. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
