// Checks the plain-JavaScript charset decoders against Node's own (ICU) decoders, byte by byte.
import { decodeCharset } from '../../src/core/mime';
import { JIS0208 } from '../../src/core/mime/jis0208';

const node = (label: string, bytes: number[]): string =>
  new TextDecoder(label).decode(new Uint8Array(bytes));

describe('decodeCharset', () => {
  it('decodes every single byte of ISO-8859-15 as Node does', () => {
    for (let b = 0; b < 256; b++) {
      expect([b, decodeCharset([b], 'iso-8859-15').text]).toEqual([b, node('iso-8859-15', [b])]);
    }
  });

  it('decodes windows-1252 0x80-0x9F to its typographic characters (Node 20 reads them as Latin-1)', () => {
    const high = Array.from({ length: 32 }, (_, i) => 0x80 + i);
    expect(decodeCharset(high, 'windows-1252').text).toBe(
      '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ',
    );
    const rest = Array.from({ length: 224 }, (_, i) => (i < 128 ? i : i + 32));
    expect(decodeCharset(rest, 'cp1252').text).toBe(node('latin1', rest));
  });

  it('reads ISO-8859-1 labels as windows-1252, as mail clients do', () => {
    expect(decodeCharset([0x80, 0xe9], 'ISO-8859-1').text).toBe('€é');
  });

  it('decodes every two-byte Shift_JIS code as Node does', () => {
    const mismatches: string[] = [];
    for (let pointer = 0; pointer < JIS0208.length; pointer++) {
      const lead = Math.floor(pointer / 188);
      const trail = pointer % 188;
      const bytes = [
        lead < 0x1f ? lead + 0x81 : lead + 0xc1,
        trail < 0x3f ? trail + 0x40 : trail + 0x41,
      ];
      const expected = node('shift_jis', bytes);
      const actual = decodeCharset(bytes, 'Shift_JIS').text;
      // Node decodes the user-defined area to private-use characters; we give U+FFFD there.
      const privateUse = /[\ue000-\uf8ff]/.test(expected);
      if (!privateUse && expected !== actual) mismatches.push(`${bytes} ${expected} ${actual}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('decodes EUC-JP and ISO-2022-JP text as Node does', () => {
    const text = 'お世話になっております。2027年1月12日まで不在です。ｶﾀｶﾅ ABC';
    // Encode with the table itself (inverse lookup), then compare both decoders on the bytes.
    const euc: number[] = [];
    const jis: number[] = [];
    let mode = 'ascii';
    const switchTo = (next: string, escape: number[]): void => {
      if (mode !== next) jis.push(0x1b, ...escape);
      mode = next;
    };
    for (const ch of text) {
      const code = ch.charCodeAt(0);
      if (code < 0x80) {
        euc.push(code);
        switchTo('ascii', [0x28, 0x42]);
        jis.push(code);
      } else if (code >= 0xff61 && code <= 0xff9f) {
        euc.push(0x8e, code - 0xff61 + 0xa1);
        switchTo('kana', [0x28, 0x49]);
        jis.push(code - 0xff61 + 0x21);
      } else {
        const pointer = JIS0208.indexOf(ch);
        euc.push(Math.floor(pointer / 94) + 0xa1, (pointer % 94) + 0xa1);
        switchTo('jis', [0x24, 0x42]);
        jis.push(Math.floor(pointer / 94) + 0x21, (pointer % 94) + 0x21);
      }
    }
    switchTo('ascii', [0x28, 0x42]);
    expect(decodeCharset(euc, 'EUC-JP').text).toBe(node('euc-jp', euc));
    expect(decodeCharset(euc, 'EUC-JP').text).toBe(text);
    expect(decodeCharset(jis, 'ISO-2022-JP').text).toBe(node('iso-2022-jp', jis));
  });

  it('sniffs UTF-8 under a missing or US-ASCII label, else falls back to windows-1252', () => {
    expect(decodeCharset([0xc3, 0xa9], undefined).text).toBe('é');
    expect(decodeCharset([0xe9], 'us-ascii').text).toBe('é');
  });

  it('reads bytes mislabelled as UTF-8 as windows-1252, and says so', () => {
    expect(decodeCharset([0x63, 0x61, 0x66, 0xe9, 0x80], 'UTF-8')).toEqual({
      text: 'café€',
      note: 'bytes labelled UTF-8 are not UTF-8, decoded as windows-1252',
    });
    expect(decodeCharset([0x63, 0xc3, 0xa9], 'utf-8')).toEqual({ text: 'cé' });
  });

  it('says so when a charset is unknown, and still returns readable text', () => {
    expect(decodeCharset([0x68, 0xc3, 0xa9], 'x-mystery')).toEqual({
      text: 'hé',
      note: 'unsupported charset "x-mystery", decoded as UTF-8',
    });
    expect(decodeCharset([0x68, 0xe9], 'koi8-r').note).toBe(
      'unsupported charset "koi8-r", decoded as windows-1252',
    );
  });

  it('turns truncated multibyte sequences into U+FFFD instead of throwing', () => {
    expect(decodeCharset([0x82], 'shift_jis').text).toBe('\ufffd');
    expect(decodeCharset([0xa4], 'euc-jp').text).toBe('\ufffd');
    expect(decodeCharset([0x1b, 0x24, 0x42, 0x30], 'iso-2022-jp').text).toBe('\ufffd');
  });
});
