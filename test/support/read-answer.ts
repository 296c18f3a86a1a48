/** A response's status and body: parsed JSON, or the text when it is empty or not JSON (Meta's hub.challenge, say). */
export const readAnswer = async (response: Response): Promise<{ status: number; json: unknown }> => {
  const text = await response.text();
  try {
    return { status: response.status, json: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, json: text };
  }
};
