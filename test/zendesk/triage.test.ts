import { describe, expect, it } from 'vitest';
import type { Classification } from '../../src/classify/types.js';
import { classificationTags, replaceClassificationTags, triageFor } from '../../src/zendesk/triage.js';

const cls = (over: Partial<Classification['slots']> = {}, branch: Classification['branch'] = 'hybrid'): Classification => ({
  slots: { topic: 'm365-conversion', directoryService: 'active-directory', usernamesChange: 'yes', choice: 'hybrid', product: 'spe', language: 'de', ...over },
  branch,
  confidence: 0.9,
  autoSend: false,
  evidence: [],
});

describe('triage tags', () => {
  it('names topic, branch, language, product and the slots with a stable m365_ prefix', () => {
    expect(classificationTags(cls())).toEqual([
      'm365_topic_conversion', 'm365_branch_hybrid', 'm365_lang_de', 'm365_product_spe', 'm365_ds_active_directory', 'm365_names_yes', 'm365_choice_hybrid',
    ]);
    expect(classificationTags(cls({ topic: 'off-topic', language: 'en' }, 'off-topic'))).toEqual(['m365_off_topic', 'm365_lang_en']);
  });

  it('keeps foreign tags and a just-added approve tag, replaces our stale classification tags', () => {
    const merged = replaceClassificationTags(['vip', 'm365_branch_full_guide', 'm365_lang_en', 'm365_approve', 'm365_approved'], ['m365_branch_hybrid', 'm365_lang_en']);
    expect(merged.sort()).toEqual(['m365_approve', 'm365_approved', 'm365_branch_hybrid', 'm365_lang_en', 'vip']);
    expect(replaceClassificationTags(['vip', 'm365_approve'], ['m365_approved'], ['m365_approve'])).toEqual(['vip', 'm365_approved']);
  });

  it('takes priority and group from the branch rule over the default', () => {
    const map = { default: { priority: 'normal' as const, groupId: 1 }, hybrid: { groupId: 2 } };
    expect(triageFor(cls(), map)).toEqual({ priority: 'normal', groupId: 2 });
    expect(triageFor(cls({}, 'rename'), map)).toEqual({ priority: 'normal', groupId: 1 });
    expect(triageFor(cls(), {})).toEqual({});
  });
});
