import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGenericMessage } from '../../../adapters/sources/generic/schema.js';

/* The shipped n8n workflow: its wiring is whole, and its mapping code turns a TikTok comment event into a message Switchboard accepts. */

interface WorkflowNode {
  name: string;
  type: string;
  parameters: Record<string, unknown>;
}
interface Workflow {
  nodes: WorkflowNode[];
  connections: Record<string, { main: { node: string }[][] }>;
}

const workflow = JSON.parse(readFileSync(new URL('../../../examples/n8n-tiktok-to-switchboard.json', import.meta.url), 'utf8')) as Workflow;
const nodeNamed = (name: string): WorkflowNode => {
  const found = workflow.nodes.find((node) => node.name === name);
  if (!found) throw new Error(`no node named ${name}`);
  return found;
};

describe('examples/n8n-tiktok-to-switchboard.json', () => {
  it('connects only nodes it has, and signs what it sends with HMAC-SHA256 hex', () => {
    const names = new Set(workflow.nodes.map((node) => node.name));
    for (const [from, outputs] of Object.entries(workflow.connections)) {
      expect(names.has(from), from).toBe(true);
      for (const target of outputs.main.flat()) expect(names.has(target.node), target.node).toBe(true);
    }
    expect(nodeNamed('Sign the body').parameters).toMatchObject({
      action: 'hmac',
      type: 'SHA256',
      encoding: 'hex',
      value: '={{ $json.body }}',
    });
    const post = nodeNamed('POST to Switchboard').parameters;
    expect(post).toMatchObject({ method: 'POST', contentType: 'raw', body: '={{ $json.body }}' });
    expect(JSON.stringify(post)).toContain('X-Switchboard-Signature');
  });

  it('maps a TikTok comment event to the contract’s generic message', () => {
    const code = String(nodeNamed('Map to Switchboard message').parameters.jsCode);
    const event = {
      body: {
        business_id: 'acme-business',
        comment: {
          comment_id: '7301999',
          video_id: '7301',
          user_id: '6812345',
          username: 'robinlee',
          display_name: 'Robin Lee',
          text: 'I want a refund',
          create_time: 1764410400,
        },
      },
    };
    const run = new Function('$input', '$env', code) as (input: unknown, env: unknown) => { json: { body: string } }[];
    const [item] = run({ all: () => [{ json: event }] }, {});
    const parsed = parseGenericMessage(JSON.parse(item?.json.body ?? '{}'));
    expect(parsed).toMatchObject({
      ok: true,
      message: {
        id: '7301999',
        platform: 'tiktok',
        kind: 'comment',
        account_id: 'acme-business',
        author: { id: '6812345', name: 'Robin Lee' },
      },
    });
  });
});
