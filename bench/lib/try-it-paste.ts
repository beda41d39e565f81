// The Try it paste both Try it benches post: a first message and five follow-ups just under Try it's 20,000
// characters each, about 115 KiB a post (form-encoded).
export const MESSAGE = `Hi,\nwe use MailStore Server with Active Directory and want to keep the AD sync.\n${'Some long quoted history line about the old setup and other things.\n'.repeat(270)}`;

export function paste(token: string): URLSearchParams {
  const form = new URLSearchParams({ _csrf: token, subject: 'Keep AD', body: MESSAGE });
  for (let i = 0; i < 5; i++) {
    form.append('followup_author', 'customer');
    form.append('followup_body', MESSAGE);
  }
  return form;
}
