import { describe, expect, it } from 'vitest';
import { encodeNetstring, NetstringDecoder, type NetstringProblem } from './netstring.js';

function decoder(maxPayloadBytes = 1024) {
  const messages: string[] = [];
  const problems: NetstringProblem[] = [];
  const d = new NetstringDecoder({
    maxPayloadBytes,
    onMessage: (m) => messages.push(m),
    onProblem: (p) => problems.push(p),
  });
  return { d, messages, problems };
}

describe('netstring codec', () => {
  it('round-trips, counting bytes not characters', () => {
    const { d, messages } = decoder();
    const text = '{"data":"坐席 ✓"}';
    d.push(encodeNetstring(text));
    expect(messages).toEqual([text]);
    expect(encodeNetstring('é').toString()).toBe('2:é,');
  });

  it('reassembles frames split anywhere, byte by byte', () => {
    const { d, messages, problems } = decoder();
    const wire = Buffer.concat([encodeNetstring('{"a":1}'), encodeNetstring('{"b":2}')]);
    for (const byte of wire) d.push(Buffer.from([byte]));
    expect(messages).toEqual(['{"a":1}', '{"b":2}']);
    expect(problems).toEqual([]);
    expect(d.pendingBytes).toBe(0);
  });

  it('skips garbage and resynchronises on the next frame', () => {
    const { d, messages, problems } = decoder();
    d.push(Buffer.from('hello world,' + '3:abc,' + 'x:yz,' + '5:ab,' + '2:ok,'));
    expect(messages).toEqual(['abc', 'ok']);
    expect(problems).toEqual(['bad-length-prefix', 'bad-length-prefix', 'missing-terminator']);
  });

  it('refuses oversized and absurd length prefixes without buffering them', () => {
    const { d, messages, problems } = decoder(16);
    d.push(Buffer.from('99999999999999999999:'));
    d.push(Buffer.from('17:aaaaaaaaaaaaaaaaa,2:ok,'));
    expect(problems).toEqual(['bad-length-prefix', 'oversized']);
    expect(messages).toEqual(['ok']);
  });

  it('bounds its buffer when a writer ignores the framing', () => {
    const { d, problems } = decoder(64);
    d.push(Buffer.from('60:' + 'x'.repeat(50)));
    d.push(Buffer.from('y'.repeat(1000)));
    expect(problems).toContain('missing-terminator');
    expect(d.pendingBytes).toBeLessThanOrEqual(64 + 11);
  });

  it('reports a truncated frame at end of stream', () => {
    const { d } = decoder();
    d.push(Buffer.from('10:abc'));
    expect(d.end()).toBe('10:abc');
    expect(d.end()).toBeUndefined();
  });
});
