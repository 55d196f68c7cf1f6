import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Language } from '@ecvet/notifications';

/** `?lang=lv|en`: the language of a rendered document (Latvian by default). */
export class DocumentLanguageDto {
  @ApiPropertyOptional({ enum: ['lv', 'en'], default: 'lv' })
  @IsOptional()
  @IsIn(['lv', 'en'])
  lang?: Language;
}
