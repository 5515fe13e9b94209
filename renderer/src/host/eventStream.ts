/**
 * Reads a server-sent event stream with fetch, so that it can carry headers (EventSource cannot),
 * and reconnects after a pause when the stream ends, as EventSource would. Returns the function
 * that stops it.
 */
export function readEventStream(
  url: string,
  headers: () => Record<string, string>,
  onEvent: (type: string, data: string) => void,
  reconnectMs = 3000,
): () => void {
  const controller = new AbortController();
  const run = async (): Promise<void> => {
    while (!controller.signal.aborted) {
      try {
        const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers() }, credentials: 'omit', signal: controller.signal });
        if (response.ok && response.body) await readEvents(response.body, onEvent);
      } catch {
        // A dropped connection (the host restarting, the page closing): try again below.
      }
      if (controller.signal.aborted) return;
      await new Promise((resolve) => setTimeout(resolve, reconnectMs));
    }
  };
  void run();
  return () => controller.abort();
}

/** Splits the stream into events (blank-line separated) and hands on each one's type and data. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (type: string, data: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') type = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length > 0) onEvent(type, data.join('\n'));
    }
  }
}
