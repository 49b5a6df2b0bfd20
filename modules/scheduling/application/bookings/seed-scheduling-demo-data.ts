import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetInstitutionQuery, GetServiceQuery } from '@modules/network';
import { availabilitySchedule, consultationType, createSpecialist, type WeeklyRules } from '../../domain/calendar';
import { CalendarRepository } from '../../infrastructure/persistence/calendar.repository';

const WEEKDAYS_9_TO_16: WeeklyRules = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [{ from: '09:00', to: '16:00' }]]));

/** Demo specialists per institution; the first of each is the demo user `specialist.<code>`. */
const DEMO = [
  { institution: 'VSAA', services: ['VSAA-001', 'VSAA-002', 'VSAA-003', 'VSAA-004', 'VSAA-005', 'VSAA-006', 'VSAA-007', 'VSAA-008', 'VSAA-009', 'VSAA-010'], people: [['demo:specialist.vsaa', 'Evija Speciāliste'], ['demo:vsaa.ilze', 'Ilze Kļaviņa']] },
  { institution: 'VID', services: ['VID-001', 'VID-002', 'VID-004', 'VID-005'], people: [['demo:specialist.vid', 'Mārtiņš Speciālists'], ['demo:vid.raimonds', 'Raimonds Zariņš']] },
  { institution: 'VZD', services: ['VZD-001', 'VZD-002', 'VZD-003', 'VZD-004'], people: [['demo:specialist.vzd', 'Zane Speciāliste']] },
] as const;

/** Demo specialists (weekdays 09:00–16:00) and one consultation type per video service; runs once (after the network seed). */
@Injectable()
export class SeedSchedulingDemoData {
  private readonly logger = new Logger(SeedSchedulingDemoData.name);

  constructor(
    private readonly repo: CalendarRepository,
    private readonly queries: QueryBus,
  ) {}

  async run(): Promise<boolean> {
    if ((await this.repo.countSpecialists()) > 0) return false;
    for (const demo of DEMO) {
      const institution = await this.queries.execute(new GetInstitutionQuery(demo.institution));
      if (!institution) continue;
      const codes: string[] = [];
      for (const code of demo.services) {
        const service = await this.queries.execute(new GetServiceQuery(code));
        if (!service || service.institutionId !== institution.id || service.channels === 'in_person') continue;
        codes.push(code);
        await this.repo.insertConsultationType(
          consultationType({ institutionId: institution.id, serviceCode: code, durationMinutes: service.defaultDurationMin, slotIntervalMinutes: 30, minimumNoticeMinutes: 60, bookingHorizonDays: 60 }),
        );
      }
      if (codes.length === 0) continue;
      for (const [userId, displayName] of demo.people) {
        const specialist = createSpecialist({ institutionId: institution.id, userId, displayName, serviceCodes: codes });
        await this.repo.insertSpecialist(specialist);
        await this.repo.saveSchedule(availabilitySchedule({ specialistId: specialist.id, weekly: WEEKDAYS_9_TO_16 }));
      }
    }
    this.logger.log('scheduling demo data loaded');
    return true;
  }
}
