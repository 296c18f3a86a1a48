import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * An OpenAI stand-in on loopback speaking `/v1/chat/completions` as the real API does, so
 * tests drive the real `openai` SDK through its baseURL. Each test scripts the answers and
 * reads back the requests it received.
 */

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: {
    model?: string;
    messages?: { role: string; content: string }[];
    response_format?: { type: string; json_schema?: { name: string; strict?: boolean; schema: unknown } };
    [key: string]: unknown;
  };
}

export type Scripted =
  /** The assistant message content (for structured output, a JSON string). */
  | { content: string; delayMs?: number }
  /** Content worked out from the request, as a model reads its prompt (the judge's verdicts per message id). */
  | { reply: (body: RecordedRequest['body']) => string; delayMs?: number }
  | { refusal: string }
  | { status: number; error: { message: string; type: string; code?: string } }
  /** Accepts the request and never answers before the client gives up. */
  | { hang: true };

export interface FakeOpenAi {
  /** Base URL for the SDK, ending in /v1. */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queues answers, used in order; when none is queued, `fallback` answers. */
  script(...answers: Scripted[]): void;
  close(): Promise<void>;
}

const completion = (model: string, content: string | null, refusal: string | null) => ({
  id: `chatcmpl-fake-${Math.random().toString(36).slice(2, 10)}`,
  object: 'chat.completion',
  created: Math.floor(Date.now() / 1000),
  model,
  choices: [{ index: 0, message: { role: 'assistant', content, refusal }, finish_reason: 'stop', logprobs: null }],
  usage: { prompt_tokens: 42, completion_tokens: 17, total_tokens: 59 },
});

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const send = (response: ServerResponse, status: number, body: unknown): void => {
  response.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_fake' });
  response.end(JSON.stringify(body));
};

export const startFakeOpenAi = async (
  fallback: Scripted = {
    content: JSON.stringify({ reply: 'Thanks for reaching out! A teammate will follow up shortly.', language: 'en' }),
  },
  { apiKey = 'sk-test', models = ['gpt-test', 'gpt-4o-mini'] }: { apiKey?: string; models?: string[] } = {},
): Promise<FakeOpenAi> => {
  const queue: Scripted[] = [];
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer((request, response) => {
    void (async () => {
      const text = await readBody(request);
      const path = request.url ?? '';
      const modelPath = /\/v1\/models\/([^/?]+)$/u.exec(path);
      if (request.method === 'GET' && modelPath) {
        // GET /v1/models/{model}: what `client.models.retrieve` (and `switchboard doctor`) asks.
        const id = decodeURIComponent(modelPath[1]!);
        if (request.headers.authorization !== `Bearer ${apiKey}`) {
          send(response, 401, {
            error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
          });
        } else if (!models.includes(id)) {
          send(response, 404, {
            error: {
              message: `The model '${id}' does not exist or you do not have access to it.`,
              type: 'invalid_request_error',
              code: 'model_not_found',
            },
          });
        } else {
          send(response, 200, { id, object: 'model', created: 1_700_000_000, owned_by: 'fake' });
        }
        return;
      }
      if (request.method !== 'POST' || !path.endsWith('/chat/completions')) {
        send(response, 404, { error: { message: `Unknown request URL: ${request.method} ${path}`, type: 'invalid_request_error' } });
        return;
      }
      let body: RecordedRequest['body'];
      try {
        body = JSON.parse(text) as RecordedRequest['body'];
      } catch {
        send(response, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' } });
        return;
      }
      requests.push({ path, headers: request.headers, body });
      if (request.headers.authorization === undefined) {
        send(response, 401, { error: { message: "You didn't provide an API key.", type: 'invalid_request_error' } });
        return;
      }
      const answer = queue.shift() ?? fallback;
      const model = body.model ?? 'unknown';
      if ('hang' in answer) {
        hanging.add(response);
        response.on('close', () => hanging.delete(response));
        return;
      }
      if ('status' in answer) {
        send(response, answer.status, { error: answer.error });
        return;
      }
      if ('refusal' in answer) {
        send(response, 200, completion(model, null, answer.refusal));
        return;
      }
      if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
      send(response, 200, completion(model, 'reply' in answer ? answer.reply(body) : answer.content, null));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...answers) => queue.push(...answers),
    close: async () => {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** The JSON object between <data> and </data> in a request's last user message (see src/drafts/untrusted-data.ts). */
export const dataOf = (body: RecordedRequest['body']): Record<string, unknown> => {
  const user = [...(body.messages ?? [])].reverse().find((message) => message.role === 'user')?.content ?? '';
  const inside = /<data>\n([\s\S]*)\n<\/data>/u.exec(user)?.[1];
  return inside === undefined ? {} : (JSON.parse(inside) as Record<string, unknown>);
};

/**
 * A judge that reads its messages as a careful person would, for tests: sarcasm markers (🙃, "really",
 * "yeah right") need a person, anything else does not. One verdict per message id in the request.
 */
export const judgeBySarcasm = (body: RecordedRequest['body']): string => {
  const messages = (dataOf(body).messages ?? []) as { id: string; text: string }[];
  const verdicts = messages.map(({ id, text }) => {
    const sarcastic = /🙃|\breally\b|yeah right/iu.test(text);
    return { id, needs_person: sarcastic, reason: sarcastic ? 'sarcastic: the praise means the opposite' : 'sincere' };
  });
  return JSON.stringify({ verdicts });
};
