import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@ecvet/identity';
import { Caller } from '../auth/principal.decorator';
import { Public } from '../auth/public.decorator';
import { ApiProblem, ApiRead } from '../http/api-docs';
import { AuditBundleService } from './audit-bundle.service';
import { AuditBundleQueryDto, SignedCheckpointDto } from './audit.dto';

/**
 * The auditors' evidence (docs/audit-bundle.md): an object's audit bundle — its events as stored,
 * the seals over them with an inclusion proof per event, the keys, a signed checkpoint and a
 * signed manifest — and the signed checkpoint of the log that auditors poll and keep.
 */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly bundles: AuditBundleService) {}

  @Get('bundles')
  @ApiOperation({
    summary: "An object's audit bundle: one deterministic file that verifies offline",
    description:
      'Exactly one of mobilityId, partnershipId, institutionId. For the operator, auditors in ' +
      "scope and the object's institutions' administrators and coordinators (docs/access.md). " +
      'Verify it with `npm run cli -- verify-bundle FILE`.',
  })
  @ApiRead({
    produces: ['application/x-ndjson'],
    schema: { type: 'string' },
    description: 'RFC 8785 JSON lines (docs/audit-bundle.md)',
  })
  @ApiProblem(403, 'Visible to you, but not yours to export')
  @ApiProblem(422, 'Not exactly one object, or a range that ends before it starts (rule)')
  async bundle(
    @Caller() principal: Principal | undefined,
    @Query() query: AuditBundleQueryDto,
  ): Promise<StreamableFile> {
    const bytes = await this.bundles.bundle(principal, query);
    const name = (
      query.mobilityId ??
      query.partnershipId ??
      query.institutionId ??
      'bundle'
    ).replace(/[^A-Za-z0-9_.-]/g, '_');
    return new StreamableFile(bytes, {
      type: 'application/x-ndjson; charset=utf-8',
      disposition: `attachment; filename="audit-bundle-${name}.jsonl"`,
      length: bytes.length,
    });
  }

  @Public()
  @Get('checkpoint')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: "The log's signed checkpoint: its latest seal's hash and tree size (public)",
    description:
      'Poll it and keep what it returns: `verify-bundle --checkpoint` then proves that a later ' +
      'bundle extends that history — a log rewritten and sealed again, even with a new key, ' +
      'does not. 503 while the log has no seal or the API no seal key.',
    security: [],
  })
  @ApiOkResponse({ type: SignedCheckpointDto })
  @ApiProblem(503, 'The log has no seal yet, or the API no seal key')
  checkpoint() {
    return this.bundles.checkpoint();
  }
}
