import { describe, expect, it } from 'vitest';
import { keywordSlots, parseArgument } from '../../src/slack/parse-argument.js';

describe('parseArgument', () => {
  it.each([
    ['', { kind: 'picker' }],
    ['   ', { kind: 'picker' }],
    ['help', { kind: 'help' }],
    ['Hilfe', { kind: 'help' }],
    ['12345', { kind: 'ticket', ticketId: '12345' }],
    ['#12345', { kind: 'ticket', ticketId: '12345' }],
    ['ticket #987', { kind: 'ticket', ticketId: '987' }],
    ['https://acme.zendesk.com/agent/tickets/12345', { kind: 'ticket', ticketId: '12345' }],
    ['<https://acme.zendesk.com/agent/tickets/12345>', { kind: 'ticket', ticketId: '12345' }],
    ['<https://acme.zendesk.com/agent/tickets/12345|#12345>', { kind: 'ticket', ticketId: '12345' }],
    ['https://acme.zendesk.com/api/v2/tickets/77.json', { kind: 'ticket', ticketId: '77' }],
    ['ldap keep de', { kind: 'describe', text: 'ldap keep de' }],
    ['12345 rename', { kind: 'describe', text: '12345 rename' }],
  ])('%j → %j', (text, expected) => {
    expect(parseArgument(text)).toEqual(expected);
  });
});

describe('keywordSlots', () => {
  it.each([
    ['ldap keep de', { directoryService: 'ldap', choice: 'hybrid', language: 'de' }],
    ['active directory rename', { directoryService: 'active-directory', choice: 'rename' }],
    ['AD umbenennen spe', { directoryService: 'active-directory', choice: 'rename', product: 'spe' }],
    ['Active-Directory behalten, Deutsch', { directoryService: 'active-directory', choice: 'hybrid', language: 'de' }],
    ['basic server en', { directoryService: 'm365-basic', product: 'server', language: 'en' }],
    ['Google Workspace', { directoryService: 'other' }],
    ['namen bleiben', { usernamesChange: 'no' }],
    ['nothing useful here', {}],
  ])('%j → %j', (text, slots) => {
    expect(keywordSlots(text).slots).toEqual(slots);
  });

  it('leaves contradicting words to the picker', () => {
    expect(keywordSlots('ldap keep rename')).toEqual({ slots: { directoryService: 'ldap' }, conflicts: ['choice'] });
  });
});
