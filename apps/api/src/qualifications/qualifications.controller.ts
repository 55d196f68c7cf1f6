import { Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('qualifications')
@Controller('qualifications')
export class QualificationsController {}
