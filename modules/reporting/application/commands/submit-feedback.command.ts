import { Command } from '@nestjs/cqrs';
import type { FeedbackLanguage } from '../../domain';

export interface FeedbackInput {
  centreId: string;
  /** The number on the ticket (e.g. 'A012'); links the rating to the visit's services. */
  ticketNumber?: string;
  /** Local date of the visit; today in Riga when omitted. */
  visitDay?: string;
  /** The visit's tracking token or a feedback token: one rating per token. Only its hash is kept. */
  token?: string;
  rating: number;
  answers: Record<string, string | boolean>;
  lang: FeedbackLanguage;
}

/** An anonymous rating of a visit. */
export class SubmitFeedbackCommand extends Command<{ accepted: true }> {
  constructor(
    readonly input: FeedbackInput,
    readonly now: Date,
  ) {
    super();
  }
}
