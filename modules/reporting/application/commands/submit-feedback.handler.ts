import { createHash, randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EntityManager } from '@mikro-orm/postgresql';
import { invalid, rigaDateOf } from '@modules/shared-kernel';
import { daysBetween, feedbackAlreadyGiven, invalidReportRequest, unknownCentre, validateFeedbackAnswers } from '../../domain';
import { sql, sqlRunner } from '../../infrastructure/persistence/sql-fragment';
import { SubmitFeedbackCommand } from './submit-feedback.command';

/** How long after a visit it may still be rated. */
const FEEDBACK_WINDOW_DAYS = 7;

@CommandHandler(SubmitFeedbackCommand)
export class SubmitFeedbackHandler implements ICommandHandler<SubmitFeedbackCommand> {
  constructor(private readonly em: EntityManager) {}

  async execute({ input, now }: SubmitFeedbackCommand): Promise<{ accepted: true }> {
    const errors = validateFeedbackAnswers(input.answers);
    if (errors.length > 0) throw invalid('REQUEST.INVALID', 'Nederīgi dati', 'Invalid data', errors);
    const today = rigaDateOf(now);
    const visitDay = input.visitDay ?? today;
    const age = daysBetween(visitDay, today);
    if (age < 1 || age > FEEDBACK_WINDOW_DAYS + 1) {
      throw invalidReportRequest('visitDay', `Apmeklējumu var novērtēt ${FEEDBACK_WINDOW_DAYS} dienu laikā`, `A visit may be rated within ${FEEDBACK_WINDOW_DAYS} days`);
    }
    const run = sqlRunner(this.em.fork());
    const [centre] = await run<{ centre_id: string }>(sql`select centre_id from reporting.centre_dim where centre_id = ${input.centreId}::uuid`);
    if (!centre) throw unknownCentre();
    const tokenHash = input.token ? createHash('sha256').update(input.token).digest('hex') : null;
    const inserted = await run<{ id: string }>(sql`
      insert into reporting.feedback (id, centre_id, visit_day, ticket_number, token_hash, rating, answers, lang)
      values (${randomUUID()}, ${input.centreId}::uuid, ${visitDay}::date, ${input.ticketNumber?.toUpperCase() ?? null}, ${tokenHash}, ${input.rating},
              ${JSON.stringify(input.answers)}::jsonb, ${input.lang})
      on conflict do nothing returning id`);
    if (inserted.length === 0) throw feedbackAlreadyGiven();
    return { accepted: true };
  }
}
