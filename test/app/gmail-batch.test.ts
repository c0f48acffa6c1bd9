// The Gmail batch request's encoding and the decoding of its multipart answer (the adapter's pure
// half; the emulator's batch endpoint answers the bundle in test/campaign).
import { decodeBatch, encodeBatch } from '../../src/adapters/gas/gmail-batch';

const CRLF = '\r\n';

function answerPart(contentId: string | undefined, status: string, body: string): string {
  const id = contentId ? `Content-ID: ${contentId}${CRLF}` : '';
  return (
    `--resp${CRLF}Content-Type: application/http${CRLF}${id}${CRLF}` +
    `HTTP/1.1 ${status}${CRLF}Content-Type: application/json; charset=UTF-8${CRLF}${CRLF}${body}${CRLF}`
  );
}

describe('Gmail batch requests', () => {
  it('encodes one application/http part per GET, numbered by Content-ID', () => {
    const body = encodeBatch(
      [{ path: '/gmail/v1/users/me/messages/a?format=minimal' }, { path: '/gmail/v1/x' }],
      'B',
    );
    expect(body.split('--B\r\n')).toHaveLength(3);
    expect(body).toContain(
      'Content-Type: application/http\r\nContent-ID: <item-0>\r\n\r\nGET /gmail/v1/users/me/messages/a?format=minimal\r\n',
    );
    expect(body).toContain('Content-ID: <item-1>');
    expect(body.endsWith('--B--\r\n')).toBe(true);
  });

  it('matches answers to calls by Content-ID, whatever their order, and keeps each status', () => {
    const text =
      answerPart('<response-item-1>', '404 Not Found', '{"error":{"code":404}}') +
      answerPart('<response-item-0>', '200 OK', '{"id":"m0","threadId":"t0"}') +
      answerPart('<response-item-2>', '429 Too Many Requests', '{"error":{"code":429}}') +
      `--resp--${CRLF}`;
    const answers = decodeBatch('multipart/mixed; boundary=resp', text, 4);
    expect(answers.map((a) => a.status)).toEqual([200, 404, 429, 0]);
    expect(answers[0].body).toEqual({ id: 'm0', threadId: 't0' });
    expect(answers[3].body).toBeUndefined();
  });

  it('falls back to the position of a part when the server sends no Content-ID', () => {
    const text = answerPart(undefined, '200 OK', '{"id":"only"}') + `--resp--${CRLF}`;
    const [first] = decodeBatch('multipart/mixed; boundary="resp"', text, 1);
    expect(first).toEqual({ status: 200, body: { id: 'only' } });
  });

  it('answers nothing when the response is not multipart', () => {
    expect(decodeBatch('application/json', '{}', 2)).toEqual([
      { status: 0, body: undefined },
      { status: 0, body: undefined },
    ]);
  });
});
