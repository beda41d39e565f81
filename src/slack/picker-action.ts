// A change in the picker re-renders the ephemeral message in place (response_url with replace_original: chat.update
// cannot edit ephemeral messages).
import { randomUUID } from 'node:crypto';
import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { renderGuide, UNKNOWN_SLOTS } from './guide.js';
import { PICKER_ACTION_PREFIX, pickerMessage, slotsAfterChange } from './picker.js';

export function registerPickerActions(bolt: App): void {
  bolt.action<BlockAction<StaticSelectAction>>({ type: 'block_actions', action_id: new RegExp(`^${PICKER_ACTION_PREFIX}`) }, async ({ ack, body, action, respond }) => {
    await ack();
    const slots = slotsAfterChange(action, body.state?.values as never, UNKNOWN_SLOTS);
    const m = pickerMessage(slots, renderGuide(slots), { nonce: randomUUID().slice(0, 8) });
    await respond({ response_type: 'ephemeral', replace_original: true, ...m });
  });
}
