import { describe, expect, it } from 'vitest';
import { renderAccountLine, renderConfig } from './engine-config.js';

const ports = { sip: 5070, ctrl: 4444, rtpMin: 10000, rtpMax: 10009 };

describe('engine config', () => {
  it('renders a headless loopback config with the required modules', () => {
    const config = renderConfig({ ports });
    for (const line of [
      'sip_listen 127.0.0.1:5070',
      'net_interface 127.0.0.1',
      'rtp_ports 10000-10009',
      'ctrl_tcp_listen 127.0.0.1:4444',
      'module g711.so',
      'module ausine.so',
      'module aubridge.so',
      'module_tmp account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
    ]) {
      expect(config.split('\n')).toContain(line);
    }
    expect(config).not.toContain('stdio');
  });

  it('renders direct and registering accounts', () => {
    expect(renderAccountLine({ aor: 'sip:agent@127.0.0.1:5070', displayName: 'Li Na' })).toBe(
      '"Li Na" <sip:agent@127.0.0.1:5070>;answermode=manual;regint=0',
    );
    expect(
      renderAccountLine({
        aor: 'sip:agent1@pbx.example',
        password: 's3cret',
        registrar: 'sip:127.0.0.1:5060',
        displayName: '',
      }),
    ).toBe(
      '<sip:agent1@pbx.example>;answermode=manual;auth_pass=s3cret;outbound="sip:127.0.0.1:5060";regint=60',
    );
  });

  it('refuses values that would break out of their slot', () => {
    const bad = [
      { aor: 'sip:a@b;transport=tcp', displayName: '' },
      { aor: 'sip:a@b', displayName: 'x"\nmodule evil.so' },
      { aor: 'sip:a@b', password: 'p;regint=0', displayName: '' },
      { aor: 'sip:a@b\nmodule x', displayName: '' },
    ];
    for (const account of bad) expect(() => renderAccountLine(account)).toThrow();
  });
});
