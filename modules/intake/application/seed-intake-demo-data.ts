import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { integrationEvent } from '@modules/shared-kernel';
import { Outbox } from '@infrastructure/messaging/outbox';
import { EFormDefinition, EFormVersion, defaultEFormValidator } from '../domain/eform';
import { INTAKE_MODULE, IntakeEvents } from '../contracts';

const FORMS_DIR = join(__dirname, '..', 'infrastructure', 'seed', 'forms');

interface SeedForm {
  code: string;
  institutionCode: string;
  serviceCodes: string[];
  titleLv: string;
  titleEn: string;
  jsonSchema: Record<string, unknown>;
  uiSchema: Record<string, unknown>;
  labels: Record<string, unknown>;
  sensitiveFields: string[];
}

/** The five e-forms for the most demanded services, published as version 1 (idempotent). */
@Injectable()
export class SeedIntakeDemoData {
  private readonly logger = new Logger(SeedIntakeDemoData.name);

  constructor(
    private readonly em: EntityManager,
    private readonly outbox: Outbox,
  ) {}

  async run(): Promise<boolean> {
    const files = readdirSync(FORMS_DIR).filter((f) => f.endsWith('.json')).sort();
    const validator = defaultEFormValidator();
    const seeded = await this.em.fork().transactional(async (em) => {
      if ((await em.count(EFormDefinition, {})) > 0) return false;
      let published = 0;
      for (const file of files) {
        const seed = JSON.parse(readFileSync(join(FORMS_DIR, file), 'utf8')) as SeedForm;
        const form = EFormDefinition.create({ code: seed.code, institutionCode: seed.institutionCode, serviceCodes: seed.serviceCodes, titleLv: seed.titleLv, titleEn: seed.titleEn });
        const version = EFormVersion.draft({
          formId: form.id,
          version: 1,
          createdBy: 'seed',
          changeNote: 'Sākotnējā versija',
          jsonSchema: seed.jsonSchema,
          uiSchema: seed.uiSchema as never,
          labels: seed.labels as never,
          sensitiveFields: seed.sensitiveFields,
        });
        version.publish(new Date(), 'seed', validator);
        em.persist([form, version]);
        published++;
        this.outbox.stage(
          em,
          integrationEvent(INTAKE_MODULE, IntakeEvents.EFormPublished, { formId: form.id, formCode: form.code, institutionCode: form.institutionCode, version: 1, publishedForms: published }, form.id),
        );
      }
      await em.flush();
      return true;
    });
    if (seeded) this.logger.log(`${files.length} e-forms published`);
    return seeded;
  }
}
