import { DomainError } from '@modules/shared-kernel';
import { INSTITUTION, SERVICE } from './calendar.fixture';
import { consultationType } from './consultation-type';
import { canServe, createSpecialist } from './specialist';

const fieldErrorsOf = (act: () => unknown, code: string): string[] => {
  try {
    act();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    expect((error as DomainError).kind).toBe('validation');
    return (error as DomainError).fieldErrors.map((e) => `${e.field}:${e.code}`);
  }
  throw new Error('expected a validation error');
};

describe('consultationType', () => {
  it('defaults the slot interval to the duration, buffers and notice to zero, no daily limit', () => {
    expect(consultationType({ id: 't', institutionId: INSTITUTION, serviceCode: SERVICE, durationMinutes: 20 })).toEqual({
      id: 't',
      institutionId: INSTITUTION,
      serviceCode: SERVICE,
      durationMinutes: 20,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumNoticeMinutes: 0,
      bookingHorizonDays: 30,
      maxPerSpecialistPerDay: null,
      slotIntervalMinutes: 20,
    });
  });

  it('keeps an explicit slot interval and is frozen', () => {
    const type = consultationType({ institutionId: INSTITUTION, serviceCode: SERVICE, durationMinutes: 45, slotIntervalMinutes: 15, maxPerSpecialistPerDay: 6 });
    expect(type.slotIntervalMinutes).toBe(15);
    expect(type.maxPerSpecialistPerDay).toBe(6);
    expect(Object.isFrozen(type)).toBe(true);
  });

  it('names every bad field', () => {
    expect(
      fieldErrorsOf(
        () =>
          consultationType({
            institutionId: ' ',
            serviceCode: '',
            durationMinutes: 2.5,
            bufferBeforeMinutes: -1,
            bufferAfterMinutes: 121,
            minimumNoticeMinutes: -5,
            bookingHorizonDays: 0,
            maxPerSpecialistPerDay: 0,
            slotIntervalMinutes: 1,
          }),
        'CONSULTATION_TYPE.INVALID',
      ),
    ).toEqual([
      'institutionId:REQUIRED',
      'serviceCode:REQUIRED',
      'durationMinutes:OUT_OF_RANGE',
      'bufferBeforeMinutes:OUT_OF_RANGE',
      'bufferAfterMinutes:OUT_OF_RANGE',
      'minimumNoticeMinutes:OUT_OF_RANGE',
      'bookingHorizonDays:OUT_OF_RANGE',
      'slotIntervalMinutes:OUT_OF_RANGE',
      'maxPerSpecialistPerDay:OUT_OF_RANGE',
    ]);
  });
});

describe('createSpecialist', () => {
  it('defaults to Europe/Riga and active, and drops duplicate services', () => {
    const specialist = createSpecialist({ id: 's', institutionId: INSTITUTION, userId: 'sub-1', displayName: ' Anna Bērziņa ', serviceCodes: [SERVICE, SERVICE] });
    expect(specialist).toEqual({ id: 's', institutionId: INSTITUTION, userId: 'sub-1', displayName: 'Anna Bērziņa', serviceCodes: [SERVICE], timeZone: 'Europe/Riga', active: true });
    expect(canServe(specialist, SERVICE)).toBe(true);
    expect(canServe(specialist, 'OTHER')).toBe(false);
    expect(canServe({ ...specialist, active: false }, SERVICE)).toBe(false);
  });

  it('rejects missing fields and unknown zones', () => {
    expect(
      fieldErrorsOf(() => createSpecialist({ institutionId: '', userId: '', displayName: '', serviceCodes: [], timeZone: 'Mars/Base' }), 'SPECIALIST.INVALID'),
    ).toEqual(['institutionId:REQUIRED', 'userId:REQUIRED', 'displayName:REQUIRED', 'serviceCodes:REQUIRED', 'timeZone:UNKNOWN_TIME_ZONE']);
  });
});
