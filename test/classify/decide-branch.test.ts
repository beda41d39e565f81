// The decision table of corpus/README.md, row by row, and the consequences the README calls out.
import { describe, expect, it } from 'vitest';
import { decideBranch } from '../../src/classify/index.js';
import type { Slots } from '../../src/classify/types.js';

const base: Slots = {
  topic: 'm365-conversion',
  directoryService: 'active-directory',
  usernamesChange: 'yes',
  choice: 'undecided',
  product: 'server',
  language: 'en',
};
const with_ = (over: Partial<Slots>): Slots => ({ ...base, ...over });

describe('decideBranch: rows', () => {
  it('row 1: off-topic beats everything, even a stated choice', () => {
    expect(decideBranch(with_({ topic: 'off-topic', choice: 'rename' }))).toBe('off-topic');
    expect(decideBranch(with_({ topic: 'off-topic', directoryService: 'm365-basic', usernamesChange: 'no' }))).toBe('off-topic');
  });
  it('row 2: choice rename', () => expect(decideBranch(with_({ choice: 'rename' }))).toBe('rename'));
  it('row 3: choice hybrid', () => expect(decideBranch(with_({ choice: 'hybrid' }))).toBe('hybrid'));
  it('row 4: unknown directory type', () => expect(decideBranch(with_({ directoryService: 'unknown' }))).toBe('full-guide'));
  it('row 5: Microsoft 365 Basic or Modern with usernames not yes', () => {
    for (const ds of ['m365-basic', 'm365-modern'] as const)
      for (const names of ['no', 'unknown'] as const) expect(decideBranch(with_({ directoryService: ds, usernamesChange: names }))).toBe('modern-direct');
  });
  it('row 6: usernames would not change', () => {
    for (const ds of ['active-directory', 'ldap', 'application-integration', 'internal', 'other'] as const)
      expect(decideBranch(with_({ directoryService: ds, usernamesChange: 'no' }))).toBe('modern-direct');
  });
  it('row 7: anything else', () => {
    for (const ds of ['active-directory', 'ldap', 'application-integration', 'internal', 'other'] as const)
      for (const names of ['yes', 'unknown'] as const) expect(decideBranch(with_({ directoryService: ds, usernamesChange: names }))).toBe('rename-or-hybrid');
  });
});

describe('decideBranch: consequences worth testing', () => {
  it('a stated choice beats an unknown directory type (rows 2 and 3 before row 4)', () => {
    expect(decideBranch(with_({ directoryService: 'unknown', choice: 'rename' }))).toBe('rename');
    expect(decideBranch(with_({ directoryService: 'unknown', choice: 'hybrid' }))).toBe('hybrid');
  });
  it('an unknown directory type gives full-guide even when usernames are known (row 4 before row 6)', () => {
    expect(decideBranch(with_({ directoryService: 'unknown', usernamesChange: 'no' }))).toBe('full-guide');
    expect(decideBranch(with_({ directoryService: 'unknown', usernamesChange: 'yes' }))).toBe('full-guide');
  });
  it('Microsoft 365 Basic with unknown usernames is modern-direct (row 5)', () => {
    expect(decideBranch(with_({ directoryService: 'm365-basic', usernamesChange: 'unknown' }))).toBe('modern-direct');
  });
  it('Microsoft 365 Basic with names like jdoe is rename-or-hybrid (row 7)', () => {
    expect(decideBranch(with_({ directoryService: 'm365-basic', usernamesChange: 'yes' }))).toBe('rename-or-hybrid');
  });
  it('product and language never change the branch', () => {
    expect(decideBranch(with_({ product: 'spe', language: 'de' }))).toBe(decideBranch(base));
  });
});
