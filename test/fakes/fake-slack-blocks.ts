/**
 * The Block Kit checks Slack applies before accepting a message or a view, so a renderer that
 * breaks a limit fails against the fake as it would in production (`invalid_blocks`).
 * Problems use Slack's own wording: "[ERROR] … [json-pointer:/blocks/3/text/text]".
 */
type Fail = (path: string, message: string) => void;

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

const checkLength = (value: unknown, path: string, max: number, fail: Fail): void => {
  if (typeof value !== 'string') return fail(path, 'must be a string');
  if (value.length === 0) return fail(path, 'must be more than 0 characters');
  if (value.length > max) fail(path, `must be less than ${max + 1} characters`);
};

const checkText = (value: unknown, path: string, max: number, fail: Fail, plainOnly = false): void => {
  const text = asObject(value);
  if (!text) return fail(path, 'must provide an object');
  if (text.type !== 'plain_text' && (plainOnly || text.type !== 'mrkdwn')) {
    return fail(`${path}/type`, plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn');
  }
  checkLength(text.text, `${path}/text`, max, fail);
  if (text.verbatim !== undefined && (text.type !== 'mrkdwn' || typeof text.verbatim !== 'boolean')) {
    fail(`${path}/verbatim`, 'verbatim is only allowed on mrkdwn text, as a boolean');
  }
};

const checkOptional = (value: unknown, path: string, max: number, fail: Fail): void => {
  if (value !== undefined) checkLength(value, path, max, fail);
};

const checkButton = (element: Record<string, unknown>, path: string, fail: Fail): void => {
  checkText(element.text, `${path}/text`, 75, fail, true);
  checkOptional(element.action_id, `${path}/action_id`, 255, fail);
  checkOptional(element.value, `${path}/value`, 2000, fail);
  checkOptional(element.url, `${path}/url`, 3000, fail);
  if (element.style !== undefined && element.style !== 'primary' && element.style !== 'danger') {
    fail(`${path}/style`, 'must be one of primary, danger');
  }
  const confirm = asObject(element.confirm);
  if (element.confirm === undefined) return;
  if (!confirm) return fail(`${path}/confirm`, 'must provide an object');
  if (confirm.title !== undefined) checkText(confirm.title, `${path}/confirm/title`, 100, fail, true);
  checkText(confirm.text, `${path}/confirm/text`, 300, fail);
  if (confirm.confirm !== undefined) checkText(confirm.confirm, `${path}/confirm/confirm`, 30, fail, true);
  if (confirm.deny !== undefined) checkText(confirm.deny, `${path}/confirm/deny`, 30, fail, true);
};

const checkElements = (value: unknown, path: string, max: number, fail: Fail): Record<string, unknown>[] => {
  if (!Array.isArray(value) || value.length === 0) {
    fail(path, 'must provide a non-empty array');
    return [];
  }
  if (value.length > max) fail(path, `no more than ${max} items allowed`);
  return value.map((item, i) => {
    const element = asObject(item);
    if (!element) fail(`${path}/${i}`, 'must provide an object');
    return element ?? {};
  });
};

const checkBlock = (block: Record<string, unknown>, path: string, fail: Fail): void => {
  switch (block.type) {
    case 'header':
      return checkText(block.text, `${path}/text`, 150, fail, true);
    case 'section': {
      if (block.text === undefined && block.fields === undefined) return fail(path, 'must provide text or fields');
      if (block.text !== undefined) checkText(block.text, `${path}/text`, 3000, fail);
      if (block.fields !== undefined) {
        checkElements(block.fields, `${path}/fields`, 10, fail).forEach((field, i) => checkText(field, `${path}/fields/${i}`, 2000, fail));
      }
      const accessory = asObject(block.accessory);
      if (accessory?.type === 'button') checkButton(accessory, `${path}/accessory`, fail);
      return;
    }
    case 'context':
      return checkElements(block.elements, `${path}/elements`, 10, fail).forEach((element, i) => {
        if (element.type !== 'image') checkText(element, `${path}/elements/${i}`, 3000, fail);
      });
    case 'actions': {
      const actionIds = new Set<string>();
      return checkElements(block.elements, `${path}/elements`, 25, fail).forEach((element, i) => {
        if (element.type === 'button') checkButton(element, `${path}/elements/${i}`, fail);
        const actionId = element.action_id;
        if (typeof actionId !== 'string') return;
        if (actionIds.has(actionId)) fail(`${path}/elements/${i}/action_id`, `duplicate action_id ${actionId}`);
        actionIds.add(actionId);
      });
    }
    case 'input':
      checkText(block.label, `${path}/label`, 2000, fail, true);
      if (!asObject(block.element)) fail(`${path}/element`, 'must provide an object');
      return;
    case 'divider':
    case 'image':
    case 'rich_text':
    case 'markdown':
    case 'file':
    case 'video':
      return;
    default:
      fail(`${path}/type`, `unsupported block type ${String(block.type)}`);
  }
};

export const checkBlocks = (blocks: unknown, maxBlocks: number, root = '/blocks'): string[] => {
  const problems: string[] = [];
  const fail: Fail = (path, message) => problems.push(`[ERROR] ${message} [json-pointer:${path}]`);
  if (!Array.isArray(blocks)) {
    fail(root, 'must provide an array');
    return problems;
  }
  if (blocks.length > maxBlocks) fail(root, `no more than ${maxBlocks} items allowed`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = asObject(raw);
    if (!block) return fail(`${root}/${i}`, 'must provide an object');
    if (typeof block.block_id === 'string') {
      checkLength(block.block_id, `${root}/${i}/block_id`, 255, fail);
      if (blockIds.has(block.block_id)) fail(`${root}/${i}/block_id`, `duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    checkBlock(block, `${root}/${i}`, fail);
  });
  return problems;
};

export const checkModal = (view: unknown): string[] => {
  const problems: string[] = [];
  const fail: Fail = (path, message) => problems.push(`[ERROR] ${message} [json-pointer:${path}]`);
  const modal = asObject(view);
  if (!modal) return [`[ERROR] must provide an object [json-pointer:/view]`];
  if (modal.type !== 'modal') fail('/view/type', 'must be modal');
  checkText(modal.title, '/view/title', 24, fail, true);
  if (modal.submit !== undefined) checkText(modal.submit, '/view/submit', 24, fail, true);
  if (modal.close !== undefined) checkText(modal.close, '/view/close', 24, fail, true);
  checkOptional(modal.callback_id, '/view/callback_id', 255, fail);
  if (modal.private_metadata !== undefined && (typeof modal.private_metadata !== 'string' || modal.private_metadata.length > 3000)) {
    fail('/view/private_metadata', 'must be a string of at most 3000 characters');
  }
  return [...problems, ...checkBlocks(modal.blocks, 100, '/view/blocks')];
};
