// --redact: e-mail addresses, phone numbers and the signature block go; the customer's statement stays.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactText, redactThread } from '../../src/labels/redact.js';

describe('redactText', () => {
  it('removes addresses, phone numbers and the signature, keeps the statement, versions and dates', () => {
    const text = 'Hello,\nwe use Active Directory (MailStore Server 24.1) since 2023-05-01 and keep it. Usernames like jdoe.\nWrite to it@kraus-gmbh.de or call +49 (0)89 1234-567 or 0171 2345678.\nThanks,\nJana Kraus\nKraus GmbH\nTel. 089 123456\njana.kraus@kraus-gmbh.de';
    const out = redactText(text);
    expect(out).toContain('we use Active Directory (MailStore Server 24.1) since 2023-05-01 and keep it. Usernames like jdoe.');
    expect(out).toContain('Write to [email] or call [phone] or [phone].');
    expect(out).toContain('[signature]');
    for (const gone of ['it@kraus-gmbh.de', '1234-567', '2345678', 'Jana Kraus', 'Kraus GmbH', '123456', 'jana.kraus']) expect(out).not.toContain(gone);
  });

  it('drops the requester name and redacts every comment', () => {
    const t = redactThread({ subject: 'from a@b.example', body: 'Mail me: x@y.example', comments: [{ author: 'customer', body: 'Phone: 555 123 4567' }], requesterName: 'Jana Kraus' });
    expect(t).toEqual({ subject: 'from [email]', body: 'Mail me: [email]', comments: [{ author: 'customer', body: 'Phone: [phone]' }] });
  });

  it('never throws and never leaves an address behind', () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), fc.string(), (a, email, b) => {
        const out = redactText(`${a} ${email} ${b}`);
        expect(out).not.toContain(email);
      }),
      { numRuns: 300 },
    );
  });
});
