import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { SignJWT, generateKeyPair } from 'jose';
import { ACCESS_POLICY } from '@infrastructure/auth/access.decorator';
import { DevIssuer } from '@infrastructure/auth/dev-issuer';
import { startTestApp, type TestApp } from '../support/test-app';

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
      const huge = await t.request('POST', '/api/v1/network/institutions', { token: admin, body: { code: 'X', nameLv: 'x'.repeat(400_000) } });
      expect(huge.status).toBe(413);
      expect(huge.body.code).toBe('REQUEST.BODY_TOO_LARGE');
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
      expect(stored[0]!.secret_hash).not.toContain(issued.body.key.split('_')[2]);
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
});
