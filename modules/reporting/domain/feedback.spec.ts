import { FEEDBACK_LANGUAGES, FEEDBACK_QUESTIONS, validateFeedbackAnswers } from './feedback';

describe('feedback questionnaire', () => {
  it('has every question and option in Latvian, English and Russian', () => {
    for (const q of FEEDBACK_QUESTIONS) {
      for (const lang of FEEDBACK_LANGUAGES) {
        expect(q.text[lang].length).toBeGreaterThan(3);
        for (const o of q.options ?? []) expect(o.text[lang].length).toBeGreaterThan(0);
      }
    }
  });

  it('accepts closed answers and refuses unknown questions, wrong types and free text', () => {
    expect(validateFeedbackAnswers({ resolved: 'partly', waitAcceptable: false })).toEqual([]);
    expect(validateFeedbackAnswers({ resolved: 'maybe', staffHelpful: 'yes', comment: 'Jānis Bērziņš' }).map((e) => e.field)).toEqual([
      'answers.resolved',
      'answers.staffHelpful',
      'answers.comment',
    ]);
  });
});
