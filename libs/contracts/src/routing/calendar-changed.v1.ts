import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { defineEvent } from '../event-definition';

export class CalendarDayV1 {
  @Matches(/^\d{4}-\d{2}-\d{2}$/) date!: string;
  @IsString() @IsNotEmpty() @MaxLength(50) name!: string;
}

/**
 * An administrator replaced one year of the working-day calendar in routing (official holidays
 * and make-up working days, 调休). Carries the whole year, so that every service that counts
 * legal periods can replace its copy; `revision` orders changes to the same year.
 */
export class CalendarChangedV1 {
  @IsInt() @Min(2000) @Max(2100) year!: number;
  @IsInt() @Min(1) revision!: number;
  @IsArray() @ArrayMaxSize(60) @ValidateNested({ each: true }) @Type(() => CalendarDayV1) holidays!: CalendarDayV1[];
  @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => CalendarDayV1) workdays!: CalendarDayV1[];
  @IsString() @IsNotEmpty() @MaxLength(300) source!: string;
  @IsBoolean() provisional!: boolean;
  @IsDateString() changedAt!: string;
}

export const CALENDAR_CHANGED_V1 = defineEvent('routing.calendar.changed.v1', CalendarChangedV1);
