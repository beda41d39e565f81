// Block Kit limits as Slack documents them, checked by the fake Slack on everything that carries blocks
// (chat.postMessage, chat.update, chat.postEphemeral, views.open/update, response_url). Slack answers a payload
// that breaks one with `invalid_blocks` and nothing is posted; so does the fake. Returns the problems found
// (empty = valid), each naming the path, so a failing test says which limit was broken.

const MESSAGE_BLOCKS = 50; // https://docs.slack.dev/reference/block-kit/blocks ("up to 50 blocks in each message")
const MODAL_BLOCKS = 100; // same page: "up to 100 blocks in modals or Home tabs"

type Problems = string[];

function textObject(p: Problems, path: string, t: any, o: { max: number; plainOnly?: boolean; required?: boolean }): void {
  if (t === undefined || t === null) {
    if (o.required) p.push(`${path}: missing`);
    return;
  }
  // https://docs.slack.dev/reference/block-kit/composition-objects/text-object
  if (t.type !== 'plain_text' && t.type !== 'mrkdwn') return void p.push(`${path}: type must be plain_text or mrkdwn`);
  if (o.plainOnly && t.type !== 'plain_text') p.push(`${path}: must be plain_text`);
  if (typeof t.text !== 'string' || t.text.length === 0) return void p.push(`${path}: text must be a non-empty string`);
  if (t.text.length > o.max) p.push(`${path}: ${t.text.length} characters, over ${o.max}`);
}

// https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
// title plain_text ≤ 100, text plain_text ≤ 300, confirm and deny plain_text ≤ 30.
function confirm(p: Problems, path: string, c: any): void {
  if (c === undefined) return;
  textObject(p, `${path}.title`, c.title, { max: 100, plainOnly: true, required: true });
  textObject(p, `${path}.text`, c.text, { max: 300, plainOnly: true, required: true });
  textObject(p, `${path}.confirm`, c.confirm, { max: 30, plainOnly: true, required: true });
  textObject(p, `${path}.deny`, c.deny, { max: 30, plainOnly: true, required: true });
}

function element(p: Problems, path: string, e: any): void {
  if (!e || typeof e !== 'object') return void p.push(`${path}: not an object`);
  // https://docs.slack.dev/reference/block-kit/block-elements/button-element: text plain ≤ 75, value ≤ 2000,
  // action_id ≤ 255, url ≤ 3000.
  if (typeof e.action_id === 'string' && e.action_id.length > 255) p.push(`${path}.action_id: over 255`);
  if (e.type === 'button') {
    textObject(p, `${path}.text`, e.text, { max: 75, plainOnly: true, required: true });
    if (typeof e.value === 'string' && e.value.length > 2000) p.push(`${path}.value: over 2000`);
    if (typeof e.url === 'string' && e.url.length > 3000) p.push(`${path}.url: over 3000`);
    confirm(p, `${path}.confirm`, e.confirm);
  } else if (e.type === 'static_select') {
    // https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element: ≤ 100 options; option text
    // plain ≤ 75, value ≤ 150 (https://docs.slack.dev/reference/block-kit/composition-objects/option-object).
    const options = Array.isArray(e.options) ? e.options : [];
    if (options.length > 100) p.push(`${path}.options: over 100`);
    options.forEach((o: any, i: number) => {
      textObject(p, `${path}.options[${i}].text`, o.text, { max: 75, plainOnly: true, required: true });
      if (typeof o.value !== 'string' || o.value.length > 150) p.push(`${path}.options[${i}].value: missing or over 150`);
    });
    textObject(p, `${path}.placeholder`, e.placeholder, { max: 150, plainOnly: true });
    confirm(p, `${path}.confirm`, e.confirm);
  } else if (e.type === 'plain_text_input') {
    // https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element: max_length ≤ 3000.
    if (typeof e.max_length === 'number' && e.max_length > 3000) p.push(`${path}.max_length: over 3000`);
  }
}

export function blockKitProblems(blocks: unknown, surface: 'message' | 'modal' = 'message'): string[] {
  const p: Problems = [];
  if (blocks === undefined) return p;
  if (!Array.isArray(blocks)) return [`blocks: not an array`];
  const max = surface === 'modal' ? MODAL_BLOCKS : MESSAGE_BLOCKS;
  if (blocks.length > max) p.push(`blocks: ${blocks.length} blocks, over ${max}`);
  const ids = new Set<string>();
  blocks.forEach((b: any, i: number) => {
    const path = `blocks[${i}]`;
    if (!b || typeof b !== 'object') return void p.push(`${path}: not an object`);
    // https://docs.slack.dev/reference/block-kit/blocks: block_id ≤ 255, unique within a message.
    if (b.block_id !== undefined) {
      if (typeof b.block_id !== 'string' || b.block_id.length > 255) p.push(`${path}.block_id: over 255`);
      else if (ids.has(b.block_id)) p.push(`${path}.block_id: duplicate ${b.block_id}`);
      else ids.add(b.block_id);
    }
    switch (b.type) {
      case 'section': {
        // https://docs.slack.dev/reference/block-kit/blocks/section-block: text ≤ 3000; fields ≤ 10 items of
        // ≤ 2000 characters each; text or fields required.
        textObject(p, `${path}.text`, b.text, { max: 3000 });
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > 10) p.push(`${path}.fields: over 10 items`);
          else b.fields.forEach((f: any, j: number) => textObject(p, `${path}.fields[${j}]`, f, { max: 2000, required: true }));
        }
        if (b.text === undefined && b.fields === undefined) p.push(`${path}: needs text or fields`);
        if (b.accessory !== undefined) element(p, `${path}.accessory`, b.accessory);
        break;
      }
      case 'context': {
        // https://docs.slack.dev/reference/block-kit/blocks/context-block: ≤ 10 elements.
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length === 0 || els.length > 10) p.push(`${path}.elements: 1 to 10 required`);
        els.forEach((e: any, j: number) => (e?.type === 'image' ? undefined : textObject(p, `${path}.elements[${j}]`, e, { max: 3000, required: true })));
        break;
      }
      case 'actions': {
        // https://docs.slack.dev/reference/block-kit/blocks/actions-block: ≤ 25 elements.
        const els = Array.isArray(b.elements) ? b.elements : [];
        if (els.length === 0 || els.length > 25) p.push(`${path}.elements: 1 to 25 required`);
        els.forEach((e: any, j: number) => element(p, `${path}.elements[${j}]`, e));
        break;
      }
      case 'header':
        // https://docs.slack.dev/reference/block-kit/blocks/header-block: plain_text ≤ 150.
        textObject(p, `${path}.text`, b.text, { max: 150, plainOnly: true, required: true });
        break;
      case 'input':
        // https://docs.slack.dev/reference/block-kit/blocks/input-block: label plain ≤ 2000; modals only.
        if (surface !== 'modal') p.push(`${path}: input blocks are for modals`);
        textObject(p, `${path}.label`, b.label, { max: 2000, plainOnly: true, required: true });
        element(p, `${path}.element`, b.element);
        break;
      case 'divider':
        break;
      default:
        p.push(`${path}: unknown block type ${String(b.type)}`);
    }
  });
  return p;
}
