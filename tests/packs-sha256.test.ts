/** The pure SHA-256 that Apps Script and the server share, checked against node:crypto. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../schema/packs';
import { allFormats, demoSnapshot } from './packs-fixtures';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A small seeded generator, so a failure names an input that can be made again. */
function randomText(seed: number, length: number): string {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state;
  };
  const alphabets = [
    [0x20, 0x7e],
    [0xa0, 0x2ff],
    [0x4e00, 0x4fff],
    [0x1f600, 0x1f64f],
  ] as const;
  let text = '';
  for (let i = 0; i < length; i++) {
    const [low, high] = alphabets[next() % alphabets.length] ?? [0x20, 0x7e];
    text += String.fromCodePoint(low + (next() % (high - low + 1)));
  }
  return text;
}

describe('sha256Hex', () => {
  it('gives the FIPS 180-4 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('matches node:crypto at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length++) {
      const text = 'a'.repeat(length);
      expect(sha256Hex(text), `length ${length}`).toBe(nodeSha256(text));
    }
  });

  it('matches node:crypto on non-ASCII text: accents, CJK, emoji (surrogate pairs)', () => {
    for (const text of [
      'café',
      'Ærøskøbing – “quotes” £5 €',
      '中文测试',
      '😀👩🏽‍🦽',
      'a\u0000b\r\n',
    ]) {
      expect(sha256Hex(text), text).toBe(nodeSha256(text));
    }
  });

  it('encodes a lone surrogate as U+FFFD, as node:crypto and TextEncoder do', () => {
    for (const text of ['\ud800', 'x\udc00y', '\ud83d', '\ude00\ud83d']) {
      expect(sha256Hex(text)).toBe(nodeSha256(text));
    }
  });

  it('matches node:crypto on 500 random strings of many lengths', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const text = randomText(seed, seed % 97 === 0 ? 5_000 : seed % 150);
      expect(sha256Hex(text), `seed ${seed}`).toBe(nodeSha256(text));
    }
  });

  it("is the pack's sha256: the hash of its content", () => {
    for (const pack of allFormats(demoSnapshot())) {
      expect(pack.sha256).toBe(nodeSha256(pack.content));
      expect(pack.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});
