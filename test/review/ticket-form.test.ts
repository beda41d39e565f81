import { describe, expect, it } from 'vitest';
import { parseTicketForm } from '../../src/review/ticket-form.js';

describe('Try it form', () => {
  it('builds a thread, normalising CRLF and pairing follow-ups with their authors', () => {
    const r = parseTicketForm({
      subject: ' Hi ',
      body: 'line one\r\nline two',
      name: 'Anna',
      followup_author: ['agent', 'customer', 'customer'],
      followup_body: ['We can help.', 'We keep AD.\r\nThanks', '   '],
      lang: 'de',
    });
    expect(r).toEqual({
      ok: true,
      form: {
        thread: { subject: 'Hi', body: 'line one\nline two', comments: [{ author: 'agent', body: 'We can help.' }, { author: 'customer', body: 'We keep AD.\nThanks' }], requesterName: 'Anna' },
        lang: 'de',
        product: null,
        branch: null,
      },
    });
  });

  it('reply options: product, language and a branch chosen by hand; the language switch wins over the menu', () => {
    const r = parseTicketForm({ body: 'x', product: 'spe', reply_lang: 'en', branch: 'hybrid' });
    expect(r.ok && r.form).toMatchObject({ lang: 'en', product: 'spe', branch: 'hybrid' });
    expect(parseTicketForm({ body: 'x', reply_lang: 'en', lang: 'de' })).toMatchObject({ form: { lang: 'de' } });
    expect(parseTicketForm({ body: 'x', reply_lang: 'en', lang: '' })).toMatchObject({ form: { lang: 'en' } });
    expect(parseTicketForm({ body: 'x', product: 'unknown', branch: 'nonsense', reply_lang: '' })).toMatchObject({ form: { lang: null, product: null, branch: null } });
  });

  it('a single follow-up arrives as plain strings; an unknown language means "as classified"', () => {
    const r = parseTicketForm({ body: 'x', followup_author: 'customer', followup_body: 'later', lang: 'fr' });
    expect(r.ok && r.form).toEqual({ thread: { subject: '', body: 'x', comments: [{ author: 'customer', body: 'later' }] }, lang: null, product: null, branch: null });
  });

  it('says what to fix and keeps what was typed', () => {
    const r = parseTicketForm({ subject: 'only a subject', body: '  ' });
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/first message/), thread: { subject: 'only a subject' } });
    expect(parseTicketForm({ body: 'x'.repeat(20_001) })).toMatchObject({ ok: false, message: expect.stringMatching(/longer than/) });
    expect(parseTicketForm(null)).toMatchObject({ ok: false });
  });
});
