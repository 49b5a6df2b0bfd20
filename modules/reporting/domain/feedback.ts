import type { FieldError } from '@modules/shared-kernel';

export const FEEDBACK_LANGUAGES = ['lv', 'en', 'ru'] as const;
export type FeedbackLanguage = (typeof FEEDBACK_LANGUAGES)[number];

type Text = Record<FeedbackLanguage, string>;

export interface FeedbackQuestion {
  id: string;
  kind: 'yes_no' | 'choice';
  text: Text;
  options?: Array<{ value: string; text: Text }>;
}

/**
 * The short questionnaire after a visit. Closed answers only: free text could carry names or
 * personal codes, and the feedback store must hold no personal data.
 */
export const FEEDBACK_QUESTIONS: readonly FeedbackQuestion[] = [
  {
    id: 'resolved',
    kind: 'choice',
    text: { lv: 'Vai jūsu jautājums tika atrisināts?', en: 'Was your matter resolved?', ru: 'Был ли решён ваш вопрос?' },
    options: [
      { value: 'yes', text: { lv: 'Jā', en: 'Yes', ru: 'Да' } },
      { value: 'partly', text: { lv: 'Daļēji', en: 'Partly', ru: 'Частично' } },
      { value: 'no', text: { lv: 'Nē', en: 'No', ru: 'Нет' } },
    ],
  },
  { id: 'waitAcceptable', kind: 'yes_no', text: { lv: 'Vai gaidīšanas laiks bija pieņemams?', en: 'Was the waiting time acceptable?', ru: 'Было ли время ожидания приемлемым?' } },
  { id: 'staffHelpful', kind: 'yes_no', text: { lv: 'Vai darbinieks bija laipns un zinošs?', en: 'Was the staff member courteous and knowledgeable?', ru: 'Был ли сотрудник вежлив и компетентен?' } },
  { id: 'wouldRecommend', kind: 'yes_no', text: { lv: 'Vai ieteiktu šo centru citiem?', en: 'Would you recommend this centre to others?', ru: 'Порекомендовали бы вы этот центр другим?' } },
];

export type FeedbackAnswers = Partial<Record<string, string | boolean>>;

const fieldError = (field: string, lv: string, en: string): FieldError => ({ field, code: 'invalid', messageLv: lv, messageEn: en });

/** Every answer optional; unknown questions and wrong types are refused. */
export function validateFeedbackAnswers(answers: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const question = FEEDBACK_QUESTIONS.find((q) => q.id === id);
    const field = `answers.${id}`;
    if (!question) errors.push(fieldError(field, 'Nezināms jautājums', 'Unknown question'));
    else if (question.kind === 'yes_no' && typeof value !== 'boolean') errors.push(fieldError(field, 'Atbildei jābūt jā vai nē', 'The answer must be true or false'));
    else if (question.kind === 'choice' && !question.options!.some((o) => o.value === value)) errors.push(fieldError(field, 'Nederīga atbilde', 'Not one of the options'));
  }
  return errors;
}
