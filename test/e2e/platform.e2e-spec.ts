import { MikroORM } from '@mikro-orm/postgresql';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACCESS_POLICY } from '@infrastructure/auth/access.decorator';
import { DevIssuer } from '@infrastructure/auth/dev-issuer';
import { IntegrationEventBus } from '@infrastructure/messaging/integration-event-bus';
import { buildOpenApiDocument } from '@infrastructure/openapi/openapi';
import { NetworkEvents } from '@modules/network';
import { startTestApp, type TestApp } from '../support/test-app';

const centreBody = (code: string) => ({
  code,
  nameLv: 'Cēsu novada Zosēnu pagasta valsts un pašvaldības vienotais klientu apkalpošanas centrs',
  shortName: `Zosēnu VPVKAC ${code}`,
  kind: 'parish_contact_point',
  municipalityAtvk: '0026000',
  placeName: 'Zosēnu pagasts',
  placeType: 'parish',
  address: '"Zosēnu skola", Zosēni, Zosēnu pag., Cēsu nov., LV-4121',
  postcode: 'LV-4121',
  phone: '66954999',
  email: `${code.toLowerCase()}@pakalpojumucentri.lv`,
  languages: ['lv'],
  openingHours: { weekly: { '1': [{ from: '09:00', to: '17:00' }] } },
  serviceCodes: [] as string[],
});

describe('platform (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  describe('health, metrics and OpenAPI', () => {
    it('reports liveness and database readiness', async () => {
      expect((await t.request('GET', '/health/live')).body).toEqual({ status: 'ok' });
      const ready = await t.request('GET', '/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.database).toBe('ok');
    });

    it('exposes Prometheus metrics including request durations', async () => {
      await t.request('GET', '/api/v1/network/institutions');
      const res = await t.request('GET', '/metrics');
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/network\/institutions"/);
      expect(res.text).toContain('process_cpu_user_seconds_total');
    });

    it('serves the OpenAPI document generated from the code', async () => {
      const res = await t.request('GET', '/docs/json');
      expect(res.status).toBe(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/network/centres', '/api/v1/network/kpis', '/api/v1/audit/verify']));
      expect((await t.request('GET', '/docs')).status).toBe(200);
    });

    it('has the exported docs/api/openapi.json (npm run openapi) describing the same paths as the code', () => {
      const exported = JSON.parse(readFileSync('docs/api/openapi.json', 'utf8')) as { paths: Record<string, Record<string, unknown>> };
      const live = buildOpenApiDocument(t.app) as unknown as { paths: Record<string, Record<string, unknown>> };
      const operations = (doc: { paths: Record<string, Record<string, unknown>> }) =>
        Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)).sort();
      expect(operations(exported)).toEqual(operations(live));
      expect(operations(live)).toEqual(expect.arrayContaining(['GET /api/v1/network/centres.geojson', 'POST /api/v1/network/centres', 'GET /api/v1/network/centres/{id}/opening-hours']));
    });
  });

  describe('database', () => {
    it('has a committed migration for every entity change: the migrated schema matches the entities', async () => {
      const diff = await t.app.get(MikroORM).getSchemaGenerator().getUpdateSchemaSQL({ wrap: false });
      const unexpected = diff
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '')
        // Written by hand in migrations, invisible to the ORM (see scripts/create-migration.ts): generated
        // tsvector columns with their partial indexes, and the platform outbox, which the ORM looks for
        // outside the schemas it introspects.
        .filter((line) => !/knowledge_article_one_current_idx|knowledge_article_search_idx|search_vector/.test(line))
        .filter((line) => line !== 'create schema if not exists "platform";' && !line.startsWith('create table "platform"."outbox" '));
      expect(unexpected).toEqual([]);
    });
  });

  describe('problem+json errors', () => {
    it('answers unknown routes with a Latvian problem by default and English on request', async () => {
      const lv = await t.request('GET', '/api/v1/nothing-here');
      expect(lv.status).toBe(404);
      expect(lv.headers.get('content-type')).toContain('application/problem+json');
      expect(lv.body).toMatchObject({ status: 404, code: 'REQUEST.NOT_FOUND', title: 'Resurss nav atrasts' });
      const en = await t.request('GET', '/api/v1/nothing-here', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
      expect(en.body.title).toBe('Resource not found');
    });

    it('rejects malformed JSON and oversized bodies', async () => {
      const admin = await t.token('admin');
      const malformed = await t.request('POST', '/api/v1/network/institutions', { token: admin, rawBody: '{"code": ', headers: { 'content-type': 'application/json' } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.code).toBe('REQUEST.MALFORMED_JSON');
      const institutions = async () => Number((await t.sql<{ n: string }>('select count(*) as n from network.institution'))[0]!.n);
      const before = await institutions();
      const huge = await t.request('POST', '/api/v1/network/institutions', { token: admin, body: { code: 'XLB', nameLv: 'x'.repeat(400_000), nameEn: 'Oversized' } });
      expect(huge.status).toBe(413);
      expect(huge.headers.get('content-type')).toContain('application/problem+json');
      expect(huge.body.code).toBe('REQUEST.BODY_TOO_LARGE');
      expect(await institutions()).toBe(before);
    });
  });

  describe('authentication', () => {
    const path = '/api/v1/auth/me';

    it('accepts a demo token and shows the principal', async () => {
      const res = await t.request('GET', path, { token: await t.token('clerk.cesis') });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ subject: 'demo:clerk.cesis', roles: ['clerk'] });
      expect(res.body.centreIds).toHaveLength(1);
    });

    it('refuses a missing, garbled, expired, wrongly addressed or foreign token', async () => {
      const issuer = t.app.get(DevIssuer);
      const expired = await issuer.sign('demo:admin', { roles: ['network_admin'] }, -120);
      const wrongAudience = await issuer.sign('demo:admin', { roles: ['network_admin'] }, 600, 'someone-else');
      const { privateKey } = await generateKeyPair('ES256');
      const foreign = await new SignJWT({ roles: ['network_admin'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(issuer.issuer)
        .setAudience('vpvkac-is')
        .setSubject('intruder')
        .setExpirationTime('5m')
        .sign(privateKey);
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x","roles":["network_admin"]}').toString('base64url')}.`;
      expect((await t.request('GET', path)).body.code).toBe('AUTH.UNAUTHENTICATED');
      for (const token of ['garbage', expired, wrongAudience, foreign, unsigned]) {
        const res = await t.request('GET', path, { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH.INVALID_TOKEN');
      }
    });

    it('refuses a role the route does not allow', async () => {
      const res = await t.request('GET', '/api/v1/audit/verify', { token: await t.token('clerk.cesis') });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('AUTH.FORBIDDEN');
    });

    it('serves the demo issuer: users, discovery and a JWKS that verifies its tokens', async () => {
      const users = await t.request('GET', '/api/v1/auth/demo-users');
      expect(users.status).toBe(200);
      const roles = new Set(users.body.flatMap((u: { roles: string[] }) => u.roles));
      expect([...roles].sort()).toEqual(['auditor', 'clerk', 'institution_integration', 'institution_specialist', 'municipality_coordinator', 'network_admin']);
      const discovery = await t.request('GET', '/auth/.well-known/openid-configuration');
      expect(discovery.status).toBe(200);
      const jwks = await t.request('GET', new URL(discovery.body.jwks_uri).pathname);
      expect(jwks.status).toBe(200);
      expect(JSON.stringify(jwks.body)).not.toMatch(/"d":/); // public keys only
      const { payload } = await jwtVerify(await t.token('integration.vsaa'), createLocalJWKSet(jwks.body), { issuer: discovery.body.issuer, audience: 'vpvkac-is' });
      expect(payload).toMatchObject({ sub: 'demo:integration.vsaa', roles: ['institution_integration'] });
      const unknown = await t.request('POST', '/api/v1/auth/demo-token', { body: { username: 'nobody' } });
      expect(unknown.status).toBe(422);
    });

    it('lets each role do only what its routes declare, and writes nothing when refused', async () => {
      const users = (await t.request('GET', '/api/v1/auth/demo-users')).body as Array<{ username: string; roles: string[] }>;
      const centres = async () => Number((await t.sql<{ n: string }>('select count(*) as n from network.centre'))[0]!.n);
      const before = await centres();
      // [method, path, body, roles that pass the guard]; a passing write with an empty body stops at validation (422).
      const routes: Array<[string, string, unknown, string[], number]> = [
        ['POST', '/api/v1/network/centres', {}, ['network_admin', 'municipality_coordinator'], 422],
        ['GET', '/api/v1/audit/verify', undefined, ['network_admin', 'auditor'], 200],
        ['GET', '/api/v1/network/cooperation-agreements', undefined, ['network_admin', 'municipality_coordinator', 'auditor'], 200],
        ['GET', '/api/v1/network/knowledge-base?q=pabalsts', undefined, ['network_admin', 'municipality_coordinator', 'clerk', 'institution_specialist', 'auditor'], 200],
        ['POST', '/api/v1/network/institutions', {}, ['network_admin'], 422],
      ];
      const seen: string[] = [];
      for (const user of users) {
        const token = await t.token(user.username);
        const me = await t.request('GET', '/api/v1/auth/me', { token });
        expect(me.body.roles).toEqual(user.roles);
        for (const [method, path, body, allowed, okStatus] of routes) {
          const res = await t.request(method, path, { token, body });
          const expected = user.roles.some((r) => allowed.includes(r)) ? okStatus : 403;
          if (res.status !== expected) seen.push(`${user.username} ${method} ${path}: ${res.status}, expected ${expected}`);
          if (res.status >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
        }
      }
      expect(seen).toEqual([]);
      expect(await centres()).toBe(before);
    });

    it('declares an access policy on every route', () => {
      const modules = t.app.get(ModulesContainer);
      const scanner = new MetadataScanner();
      const reflector = t.app.get(Reflector);
      const undeclared: string[] = [];
      let checked = 0;
      const controllers = [...modules.values()].flatMap((m) => [...m.controllers.values()]);
      for (const wrapper of controllers) {
        const instance = wrapper.instance as object | undefined;
        if (!instance) continue;
        const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
        for (const name of scanner.getAllMethodNames(proto)) {
          const handler = proto[name] as (...args: unknown[]) => unknown;
          if (!Reflect.getMetadata('path', handler)) continue;
          checked++;
          if (!reflector.getAllAndOverride<unknown>(ACCESS_POLICY, [handler, wrapper.metatype as () => void])) undeclared.push(`${wrapper.name}.${name}`);
        }
      }
      expect(checked).toBeGreaterThan(30);
      expect(undeclared).toEqual([]);
    });
  });

  describe('institution API keys', () => {
    it('issues a key once, authenticates with it, and revokes it', async () => {
      const admin = await t.token('admin');
      const issued = await t.request('POST', '/api/v1/network/institutions/VSAA/api-keys', { token: admin, body: { name: 'VSAA lietvedība' } });
      expect(issued.status).toBe(201);
      expect(issued.body.key).toMatch(/^vpk_[a-z0-9]{12}_/);
      const stored = await t.sql<{ secret_hash: string }>('select secret_hash from platform.api_key where id = $1', [issued.body.id]);
      // The secret is the 43 characters after the prefix (base64url: it may itself contain '_').
      const secret = (issued.body.key as string).slice('vpk_'.length + 12 + 1);
      expect(secret).toHaveLength(43);
      expect(stored[0]!.secret_hash).not.toContain(secret);
      const me = await t.request('GET', '/api/v1/auth/me', { headers: { 'x-api-key': issued.body.key } });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: 'machine', roles: ['institution_integration'] });
      const listed = await t.request('GET', '/api/v1/network/institutions/VSAA/api-keys', { token: admin });
      expect(JSON.stringify(listed.body)).not.toContain(issued.body.key);
      const revoked = await t.request('DELETE', `/api/v1/network/institutions/VSAA/api-keys/${issued.body.id}`, { token: admin });
      expect(revoked.status).toBe(204);
      expect((await t.request('GET', '/api/v1/auth/me', { token: issued.body.key })).status).toBe(401);
      const tampered = issued.body.key.slice(0, -2) + 'xx';
      expect((await t.request('GET', '/api/v1/auth/me', { headers: { 'x-api-key': tampered } })).status).toBe(401);
    });
  });

  describe('integration events', () => {
    it('writes the outbox row in the same transaction as the change: either both or neither', async () => {
      const admin = await t.token('admin');
      await t.sql(`create or replace function public.test_fail_insert() returns trigger language plpgsql as $$ begin raise exception 'simulated failure'; end $$`);
      await t.sql(`create trigger test_fail_outbox before insert on platform.outbox for each row when (new.payload::text like '%OBX-001%') execute function public.test_fail_insert()`);
      await t.sql(`create trigger test_fail_centre before insert on network.centre for each row when (new.code = 'OBX-002') execute function public.test_fail_insert()`);
      try {
        // The event cannot be written: the centre is not written either.
        const noEvent = await t.request('POST', '/api/v1/network/centres', { token: admin, body: centreBody('OBX-001') });
        expect(noEvent.status).toBe(500);
        expect(noEvent.body.code).toBe('SERVER.INTERNAL');
        expect(noEvent.text).not.toContain('simulated failure');
        expect(await t.sql("select id from network.centre where code = 'OBX-001'")).toEqual([]);
        // The centre cannot be written: no event escapes.
        expect((await t.request('POST', '/api/v1/network/centres', { token: admin, body: centreBody('OBX-002') })).status).toBe(500);
        expect(await t.sql("select id from platform.outbox where payload::text like '%OBX-002%'")).toEqual([]);
        // Control: without a failure both are written.
        const ok = await t.request('POST', '/api/v1/network/centres', { token: admin, body: centreBody('OBX-003') });
        expect(ok.status).toBe(201);
        expect(await t.sql('select type from platform.outbox where aggregate_id = $1', [ok.body.id])).toEqual([{ type: NetworkEvents.CentreRegistered }]);
      } finally {
        await t.sql('drop trigger test_fail_outbox on platform.outbox');
        await t.sql('drop trigger test_fail_centre on network.centre');
      }
    });

    it('delivers at least once: a consumer that fails is retried until it succeeds, and applies the event once', async () => {
      const attempts = new Map<string, number>();
      const applied: string[] = [];
      t.app.get(IntegrationEventBus).subscribe('test.flaky-consumer', [NetworkEvents.ServiceCatalogueChanged], async (event) => {
        const n = (attempts.get(event.id) ?? 0) + 1;
        attempts.set(event.id, n);
        if (n === 1) throw new Error('temporary outage');
        applied.push(event.id);
      });
      const created = await t.request('POST', '/api/v1/network/institutions', { token: await t.token('admin'), body: { code: 'RETRY', nameLv: 'Atkārtošanas iestāde', nameEn: 'Retry agency' } });
      expect(created.status).toBe(201);
      const [row] = await t.sql<{ id: string }>("select id from platform.outbox where type = $1 and payload::text like $2", [NetworkEvents.ServiceCatalogueChanged, `%${created.body.id}%`]);
      const deadline = Date.now() + 20_000;
      while (!applied.includes(row!.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(attempts.get(row!.id)).toBe(2);
      expect(applied.filter((id) => id === row!.id)).toHaveLength(1);
      const [processed] = await t.sql<{ n: string }>("select count(*) as n from platform.processed_event where consumer = 'test.flaky-consumer' and event_id = $1", [row!.id]);
      expect(Number(processed!.n)).toBe(1);
    }, 30_000);
    it("delivers one aggregate's events to a consumer in the order they were committed, also across several dispatches and fetched batches", async () => {
      // 250 events of one aggregate: two dispatches (200 rows each at most) and three fetches of
      // the worker (100 jobs each at most). Jobs of one dispatch share their creation time, so
      // only ids in outbox order keep the fetches in order.
      const seen: number[] = [];
      const type = 'test.OrderProbe';
      t.app.get(IntegrationEventBus).subscribe<{ id: string; type: string; occurredAt: string; sourceModule: string; payload: { n: number } }>('test.order-probe', [type], async (event) => {
        seen.push(event.payload.n);
      });
      const aggregate = '3f0c2b0e-8a34-4c51-9a77-0d1f6a0b9e11';
      await t.sql(
        `with e as (select gen_random_uuid() as id, n from generate_series(1, 250) n)
         insert into platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at)
          select e.id, $1, 'test', $2::uuid,
            jsonb_build_object('id', e.id, 'type', $1::text, 'sourceModule', 'test', 'aggregateId', $2::text, 'occurredAt', now(), 'payload', jsonb_build_object('n', e.n)), now()
          from e order by e.n`,
        [type, aggregate],
      );
      const deadline = Date.now() + 20_000;
      while (seen.length < 250 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    }, 30_000);
  });

  describe('audit trail', () => {
    it('records reads of personal data, verifies the chain and detects tampering', async () => {
      const admin = await t.token('admin');
      const auditor = await t.token('auditor');
      const centre = (await t.request('GET', '/api/v1/network/centres?q=Cēsu VPVKAC', {})).body.items[0];
      await t.request('GET', `/api/v1/network/centres/${centre.id}/staff`, { token: admin });
      await t.request('GET', `/api/v1/network/centres/${centre.id}/staff`, { token: auditor });
      const events = await t.request('GET', `/api/v1/audit/events?resourceId=${centre.id}`, { token: auditor });
      expect(events.body.items.map((e: { actorId: string; action: string }) => [e.actorId, e.action])).toEqual([
        ['demo:admin', 'staff.personal-data.read'],
        ['demo:auditor', 'staff.personal-data.read'],
      ]);
      expect((await t.request('GET', '/api/v1/audit/verify', { token: auditor })).body).toMatchObject({ valid: true, firstBrokenSeq: null });

      await expect(t.sql("update platform.audit_log set actor_id = 'someone' where seq = 1")).rejects.toThrow(/append-only/);
      await expect(t.sql('delete from platform.audit_log')).rejects.toThrow(/append-only/);

      // Someone with superuser rights bypasses the trigger: the chain still gives them away.
      const [first] = await t.sql<{ seq: string }>('select min(seq) as seq from platform.audit_log');
      await t.sql('alter table platform.audit_log disable trigger audit_log_no_update');
      await t.sql("update platform.audit_log set actor_id = 'someone-else' where seq = $1", [first!.seq]);
      await t.sql('alter table platform.audit_log enable trigger audit_log_no_update');
      const verify = await t.request('GET', '/api/v1/audit/verify', { token: auditor });
      expect(verify.body).toMatchObject({ valid: false, firstBrokenSeq: Number(first!.seq) });
    });
  });

  describe('with a real OpenID Connect issuer (production path)', () => {
    let external: TestApp;
    let idp: Server;
    let issuerUrl = '';
    let sign: (claims: Record<string, unknown>, options?: { alg?: string; issuer?: string; audience?: string; expiresIn?: string }) => Promise<string>;

    beforeAll(async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
      // The same RSA key for RSA-PSS, so that only the algorithm differs.
      const pssKey = await importJWK(await exportJWK(privateKey), 'PS256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'fed-1', use: 'sig' };
      idp = createServer((req, res) => {
        res.setHeader('content-type', 'application/json');
        if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: issuerUrl, jwks_uri: `${issuerUrl}/keys` }));
        else if (req.url === '/keys') res.end(JSON.stringify({ keys: [jwk] }));
        else res.writeHead(404).end('{}');
      });
      await new Promise<void>((r) => idp.listen(0, '127.0.0.1', r));
      issuerUrl = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
      sign = (claims, o = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: o.alg ?? 'RS256', kid: 'fed-1' })
          .setIssuer(o.issuer ?? issuerUrl)
          .setAudience(o.audience ?? 'vpvkac-is')
          .setSubject('fed:12345')
          .setIssuedAt()
          .setExpirationTime(o.expiresIn ?? '5m')
          .sign(o.alg === 'PS256' ? pssKey : privateKey);
      external = await startTestApp({ OIDC_ISSUER_URL: issuerUrl });
    });
    afterAll(async () => {
      await external.close();
      await new Promise((r) => idp.close(r));
    });

    it("accepts the federation's tokens found through discovery and its JWKS", async () => {
      const res = await external.request('GET', '/api/v1/auth/me', { token: await sign({ roles: ['auditor'], name: 'Federācijas auditors' }) });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ subject: 'fed:12345', roles: ['auditor'] });
      expect((await external.request('GET', '/api/v1/audit/verify', { token: await sign({ roles: ['auditor'] }) })).status).toBe(200);
    });

    it('refuses a wrong issuer, a wrong audience, an expired token and an algorithm not allowed', async () => {
      const bad = [
        await sign({ roles: ['auditor'] }, { issuer: 'https://idp.example.invalid' }),
        await sign({ roles: ['auditor'] }, { audience: 'another-system' }),
        await sign({ roles: ['auditor'] }, { expiresIn: '-2m' }),
        await sign({ roles: ['auditor'] }, { alg: 'PS256' }), // same key, but only RS256/ES256 are allowed
        await t.token('admin'), // the demo issuer means nothing here
      ];
      for (const token of bad) {
        const res = await external.request('GET', '/api/v1/auth/me', { token });
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('AUTH.INVALID_TOKEN');
      }
    });

    it('runs no demo issuer', async () => {
      expect((await external.request('POST', '/api/v1/auth/demo-token', { body: { username: 'admin' } })).status).toBe(404);
      expect((await external.request('GET', '/api/v1/auth/demo-users')).status).toBe(404);
      expect((await external.request('GET', '/auth/jwks.json')).status).toBe(404);
    });
  });
});
