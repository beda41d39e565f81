import { describe, expect, it } from 'vitest';
import { formCsrfToken, parseTicketForm, parseTicketFormBytes } from '../../src/review/ticket-form.js';

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

  it('from the bytes a browser posts (URL-encoded UTF-8): + is a space, %-escapes decoded, CRLF made LF, pairs kept in order; unescaped UTF-8 read as UTF-8', () => {
    const bytes = Buffer.from('_csrf=t&subject=Gr%C3%BC%C3%9Fe+aus+K%C3%B6ln&body=Zeile+1%0D%0AZeile+2&followup_author=agent&followup_body=A%26B&followup_author=customer&followup_body=50%25&branch=hybrid');
    expect(parseTicketFormBytes(bytes)).toEqual({
      ok: true,
      form: {
        thread: { subject: 'Grüße aus Köln', body: 'Zeile 1\nZeile 2', comments: [{ author: 'agent', body: 'A&B' }, { author: 'customer', body: '50%' }] },
        lang: null,
        product: null,
        branch: 'hybrid',
      },
    });
    // A client that sends UTF-8 without %-escapes (curl --data) is read as UTF-8, as @fastify/formbody reads it.
    expect(parseTicketFormBytes(Buffer.from('body=Grüße aus Köln – “AD”'))).toMatchObject({ ok: true, form: { thread: { body: 'Grüße aus Köln – “AD”' } } });
  });

  it('the CSRF token is read from the bytes alone: anywhere in the form and decoded, never from inside another name; twice or missing is none', () => {
    expect(formCsrfToken(Buffer.from('_csrf=abc-DEF_1&subject=x&body=y'))).toBe('abc-DEF_1');
    expect(formCsrfToken(Buffer.from('subject=x&body=y&_csrf=a%2Bb+c'))).toBe('a+b c');
    expect(formCsrfToken(Buffer.from('subject=x&my_csrf=zzz&body=y&_csrf=tok'))).toBe('tok');
    expect(formCsrfToken(Buffer.from('subject=x&body=_csrf%3Devil'))).toBeUndefined();
    expect(formCsrfToken(Buffer.from('_csrf=one&body=y&_csrf=two'))).toBeUndefined();
    expect(formCsrfToken(Buffer.from('subject=x&body=y'))).toBeUndefined();
  });
});
