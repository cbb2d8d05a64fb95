import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './sender-policy';

const trusted = ['app://switchboard'];

describe('isTrustedSender', () => {
  it('trusts the top frame of our own origin', () => {
    expect(
      isTrustedSender({ url: 'app://switchboard/index.html', isTopFrame: true }, trusted),
    ).toBe(true);
  });

  it('refuses subframes even of our own origin', () => {
    expect(
      isTrustedSender({ url: 'app://switchboard/index.html', isTopFrame: false }, trusted),
    ).toBe(false);
  });

  it.each([
    'https://evil.example/',
    'app://switchboard.evil/index.html',
    'file:///app/out/renderer/index.html',
    'about:blank',
    'garbage',
  ])('refuses a top frame at %s', (url) => {
    expect(isTrustedSender({ url, isTopFrame: true }, trusted)).toBe(false);
  });

  it('refuses a destroyed or missing frame', () => {
    expect(isTrustedSender(null, trusted)).toBe(false);
    expect(isTrustedSender(undefined, trusted)).toBe(false);
  });
});
