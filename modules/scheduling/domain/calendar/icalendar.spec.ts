import { Booking } from './booking';
import { aConfirmedBooking, aConsultationType, aSpecialist, CENTRE, z } from './calendar.fixture';
import { toICalendar } from './icalendar';
import { escapeText, foldLine, formatUtc } from './icalendar-text';

const NOW = z('2026-03-20T12:00');
const anna = aSpecialist('anna', { displayName: 'Anna Bērziņa' });
const octets = (line: string): number => Buffer.byteLength(line, 'utf8');
const unfold = (feed: string): string[] => feed.replace(/\r\n /g, '').split('\r\n').slice(0, -1);

describe('iCalendar text', () => {
  it('escapes backslash, semicolon, comma and newlines, and drops other control characters', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg\u0007h\tk')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng' + 'h\tk');
  });

  it('writes UTC date-times without milliseconds', () => {
    expect(formatUtc(new Date('2026-03-29T06:00:00.999Z'))).toBe('20260329T060000Z');
  });

  it('folds at 75 octets with a leading space and never splits a character', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
    const latvian = `SUMMARY:${'ā'.repeat(80)}`;
    const folded = foldLine(latvian);
    const lines = folded.split('\r\n');
    expect(lines.every((line) => octets(line) <= 75)).toBe(true);
    expect(lines[0]).toBe(`SUMMARY:${'ā'.repeat(33)}`); // 8 + 66 octets; one more would be 76
    expect(folded.replace(/\r\n /g, '')).toBe(latvian);
    expect(foldLine('A😀'.repeat(30)).split('\r\n').every((line) => octets(line) <= 75 && !line.includes('\uFFFD'))).toBe(true);
  });
});

describe('toICalendar', () => {
  const confirmed = aConfirmedBooking(z('2026-03-29T06:00'), { id: '11111111-1111-4111-8111-111111111111', specialist: anna, citizen: { name: 'Jānis Ozols', maskedCode: '010190-*****' } });

  it('writes an exact RFC 5545 feed', () => {
    const feed = toICalendar(anna, [confirmed], NOW);
    expect(feed).toBe(
      [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:-//VPVKAC IS//Scheduling//LV',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'X-WR-CALNAME:Videokonsultācijas — Anna Bērziņa',
        'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
        'X-PUBLISHED-TTL:PT15M',
        'BEGIN:VEVENT',
        'UID:11111111-1111-4111-8111-111111111111@vpvkac.gov.lv',
        'SEQUENCE:1',
        'DTSTAMP:20260320T120000Z',
        'CREATED:20260322T060000Z',
        'LAST-MODIFIED:20260322T060100Z',
        'DTSTART:20260329T060000Z',
        'DTEND:20260329T063000Z',
        'SUMMARY:Videokonsultācija: VID-KONS',
        'LOCATION:centre-talsi\\, booth-1',
        'DESCRIPTION:Pakalpojums: VID-KONS\\nPieraksta Nr.: 11111111-1111-4111-8111-1', // 75 octets
        ' 11111111111',
        'STATUS:CONFIRMED',
        'TRANSP:OPAQUE',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('uses CRLF only, lines of at most 75 octets, and no personal data of the citizen', () => {
    const feed = toICalendar(anna, [confirmed], NOW, { serviceNames: { 'VID-KONS': 'Konsultācija par nodokļu deklarāciju, IIN; arī \\ un jaunas\nrindas' } });
    expect(feed.endsWith('\r\n')).toBe(true);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(feed.split('\r\n').every((line) => octets(line) <= 75)).toBe(true);
    expect(feed).not.toMatch(/Jānis|Ozols|010190/);
    expect(unfold(feed)).toContain('SUMMARY:Videokonsultācija: Konsultācija par nodokļu deklarāciju\\, IIN\\; arī \\\\ un jaunas\\nrindas');
  });

  it('names centres and booths when told their names', () => {
    const feed = toICalendar(anna, [confirmed], NOW, { centreNames: { [CENTRE]: 'Talsu VPVKAC' }, boothNames: { 'booth-1': 'Kabīne 1' } });
    expect(unfold(feed)).toContain('LOCATION:Talsu VPVKAC\\, Kabīne 1');
  });

  it('shows cancelled and rescheduled bookings as CANCELLED with a higher SEQUENCE and the same UID', () => {
    const cancelled = aConfirmedBooking(z('2026-03-30T06:00'), { id: 'c', specialist: anna });
    cancelled.cancel('Speciālists slims', NOW);
    const moved = aConfirmedBooking(z('2026-03-31T06:00'), { id: 'm', specialist: anna });
    const target = Booking.hold({ id: 'n', consultationType: aConsultationType(), specialist: anna, centreId: CENTRE, boothId: 'booth-1', start: z('2026-04-01T06:00'), createdBy: 'clerk', now: NOW });
    moved.rescheduleTo(target, NOW);
    target.confirm(NOW);
    const lines = unfold(toICalendar(anna, [target, moved, cancelled], NOW));
    const events = lines.join('\n').split('BEGIN:VEVENT').slice(1).map((event) => event.split('\n').filter((line) => /^(UID|SEQUENCE|DTSTART|STATUS|TRANSP):/.test(line)).join(' '));
    expect(events).toEqual([
      'UID:c@vpvkac.gov.lv SEQUENCE:2 DTSTART:20260330T060000Z STATUS:CANCELLED TRANSP:TRANSPARENT',
      'UID:m@vpvkac.gov.lv SEQUENCE:2 DTSTART:20260331T060000Z STATUS:CANCELLED TRANSP:TRANSPARENT',
      'UID:n@vpvkac.gov.lv SEQUENCE:2 DTSTART:20260401T060000Z STATUS:CONFIRMED TRANSP:OPAQUE',
    ]);
  });

  it("leaves out holds, holds that lapsed, and other specialists' bookings; keeps completed and no-show", () => {
    const held = Booking.hold({ id: 'h', consultationType: aConsultationType(), specialist: anna, centreId: CENTRE, boothId: 'booth-1', start: z('2026-03-30T06:00'), createdBy: 'clerk', now: NOW });
    const lapsed = Booking.hold({ id: 'l', consultationType: aConsultationType(), specialist: anna, centreId: CENTRE, boothId: 'booth-1', start: z('2026-03-30T07:00'), createdBy: 'clerk', now: NOW });
    lapsed.expireHold(z('2026-03-20T12:05'));
    const bens = aConfirmedBooking(z('2026-03-30T06:00'), { id: 'ben-1', specialist: aSpecialist('ben') });
    const done = aConfirmedBooking(z('2026-03-23T06:00'), { id: 'done', specialist: anna });
    done.complete(z('2026-03-23T06:30'));
    const feed = toICalendar(anna, [held, lapsed, bens, done], z('2026-03-24T00:00'));
    expect(unfold(feed).filter((line) => line.startsWith('UID:'))).toEqual(['UID:done@vpvkac.gov.lv']);
    expect(feed).toContain('STATUS:CONFIRMED');
  });

  it('is an empty calendar without bookings', () => {
    expect(unfold(toICalendar(anna, [], NOW))).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//VPVKAC IS//Scheduling//LV',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Videokonsultācijas — Anna Bērziņa',
      'REFRESH-INTERVAL;VALUE=DURATION:PT15M',
      'X-PUBLISHED-TTL:PT15M',
      'END:VCALENDAR',
    ]);
  });
});
