import {
  Body,
  Controller,
  Delete,
  Get,
  INestApplication,
  NotFoundException,
  Post,
} from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import request from 'supertest';
import { Public } from '../auth/public.decorator';
import { createValidationPipe } from '../problem-details/problem-details';
import { ProblemDetailsFilter } from '../problem-details/problem-details.filter';
import { ApiRead, ApiWrite } from './api-docs';
import { ID } from './dto-fields';
import { openApiDocument } from './openapi';
import { IdParam, VersionParam } from './params';
import { routeMethodsOf } from './route-methods';

class ThingDto {
  @ApiProperty() @Matches(ID) thingId!: string;
  @ApiProperty() @IsIn(['a', 'b']) kind!: 'a' | 'b';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(20) note?: string;
}

@Controller('things')
class ThingsController {
  @Post() @ApiWrite({ creates: true }) create(@Body() body: ThingDto) {
    return body;
  }
  @Get(':thingId/versions/:version') @ApiRead() version(
    @IdParam('thingId') id: string,
    @VersionParam() version: number,
  ) {
    if (id === 'gone') throw new NotFoundException('no such thing');
    return { id, version };
  }
  @Delete(':thingId') @ApiWrite() remove(@IdParam('thingId') id: string) {
    return { id };
  }
  @Public() @Get('public/ping') ping() {
    return { ok: true };
  }
}

describe('the request contract: 405, path parameters, text, optional fields and the document', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThingsController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    app.useGlobalFilters(
      new ProblemDetailsFilter(routeMethodsOf(app.getHttpAdapter().getInstance() as object)),
    );
    await app.init();
  });
  afterAll(() => app.close());
  const http = () => request(app.getHttpServer());

  it('answers a method the path does not serve with 405, Allow and problem details', async () => {
    const res = await http()
      .put('/things')
      .expect(405)
      .expect('content-type', /application\/problem\+json/);
    expect(res.headers.allow).toBe('POST');
    expect(res.body).toMatchObject({ status: 405, type: '/problems/method-not-allowed' });
    const patch = await http().patch('/things/t-1').expect(405);
    expect(patch.headers.allow).toBe('DELETE');
    const post = await http().post('/things/t-1/versions/1').expect(405);
    expect(post.headers.allow).toBe('GET, HEAD');
  });

  it('keeps 404 for a path no route serves, and for what a route does not find', async () => {
    await http().put('/nothing/here').expect(404);
    await http().get('/things/gone/versions/1').expect(404);
  });

  it('refuses a path id that cannot exist and a version that is not 1, 2, … (400)', async () => {
    const bad = await http().get('/things/%20x/versions/1').expect(400);
    expect(bad.body.invalidParams).toEqual([{ name: 'thingId', reason: expect.any(String) }]);
    for (const version of ['0', '1e3', '0x10', '1.5', '2147483648'])
      await http().get(`/things/t-1/versions/${version}`).expect(400);
    await http()
      .get('/things/t-1/versions/2147483647')
      .expect(200, { id: 't-1', version: 2147483647 });
  });

  it('refuses U+0000 in any text and null for an optional field, naming them', async () => {
    const nul = await http()
      .post('/things')
      .send({ thingId: 't-1', kind: 'a', note: 'a\u0000b' })
      .expect(400);
    expect(nul.body.invalidParams).toEqual([
      { name: 'note', reason: 'note must not contain U+0000' },
    ]);
    const nulls = await http()
      .post('/things')
      .send({ thingId: 't-1', kind: 'a', note: null })
      .expect(400);
    expect(nulls.body.invalidParams.map((p: { name: string }) => p.name)).toEqual(['note', 'note']);
    await http().post('/things').send({ thingId: 't-1', kind: 'a' }).expect(201);
  });

  it('answers a body over the limit with 413 problem details, not a server error', async () => {
    await http()
      .post('/things')
      .send({ thingId: 't-1', kind: 'a', note: 'x'.repeat(200_000) })
      .expect(413)
      .expect('content-type', /application\/problem\+json/);
  });

  it('declares what the server checks: constraints, security, problem details, headers', () => {
    const doc = openApiDocument(app);
    expect(doc.components?.schemas?.ThingDto).toMatchObject({
      required: ['thingId', 'kind'],
      additionalProperties: false,
      properties: {
        thingId: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$' },
        kind: { type: 'string', enum: ['a', 'b'] },
        note: { type: 'string', maxLength: 20, pattern: '^[^\\u0000]*$' },
      },
    });
    const create = doc.paths['/things'].post!;
    expect(create.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(create.responses).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '415', '422'].sort(),
    );
    expect(Object.keys((create.responses['400'] as { content: object }).content)).toEqual([
      'application/problem+json',
    ]);
    const headers = (create.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(headers).toEqual(['If-Match', 'Idempotency-Key']);
    const version = doc.paths['/things/{thingId}/versions/{version}'].get!;
    expect(version.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'version',
          in: 'path',
          schema: { type: 'integer', minimum: 1, maximum: 2147483647 },
        }),
      ]),
    );
    expect(doc.paths['/things/public/ping'].get!.security).toEqual([]);
  });
});
