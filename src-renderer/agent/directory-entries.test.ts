import { describe, expect, it } from 'vitest';
import type { DirectoryResult } from '../../src-shared/contract/directory';
import { directoryEntries, filterEntries } from './directory-entries';

const directory: Extract<DirectoryResult, { available: true }> = {
  available: true,
  colleagues: [
    {
      userId: '00000000-0000-4000-8000-000000000001',
      displayName: '李娜',
      username: 'agent2',
      role: 'agent',
      sipUri: 'sip:agent2@127.0.0.1:5070',
      extension: 'agent2',
      teams: [{ key: 'front_line', labelEn: 'Front-line agents', labelZh: '一线坐席组' }],
      queues: [{ key: 'vip', labelEn: 'VIP desk', labelZh: 'VIP 专席' }],
      presence: 'ready',
      reasonCode: null,
      since: '2026-01-01T00:00:00.000Z',
    },
    {
      userId: '00000000-0000-4000-8000-000000000002',
      displayName: '张伟',
      username: 'supervisor',
      role: 'supervisor',
      sipUri: 'sip:supervisor@127.0.0.1:5070',
      extension: 'supervisor',
      teams: [],
      queues: [],
      presence: 'offline',
      reasonCode: null,
      since: null,
    },
  ],
  departments: [
    {
      key: 'billing',
      labelEn: 'Billing centre',
      labelZh: '账务中心',
      phone: '+862083886001',
      hoursEn: 'Daily',
      hoursZh: '每天',
    },
  ],
};

describe('directory entries', () => {
  it('dial a colleague at his SIP address and a department at its number, in the UI language', () => {
    const entries = directoryEntries(directory, 'en');
    expect(entries.map((entry) => [entry.name, entry.target, entry.unavailable])).toEqual([
      ['李娜', 'sip:agent2@127.0.0.1:5070', false],
      ['张伟', 'sip:supervisor@127.0.0.1:5070', true],
      ['Billing centre', '+862083886001', false],
    ]);
    expect(directoryEntries(directory, 'zh-CN')[0]?.details).toEqual(['一线坐席组', 'VIP 专席']);
  });

  it.each([
    ['李', ['李娜']],
    ['AGENT2', ['李娜']],
    ['vip', ['李娜']],
    ['8860', ['Billing centre']],
    ['  ', ['李娜', '张伟', 'Billing centre']],
    ['nobody', []],
  ])('finds %j in name, extension, team, queue or number', (query, names) => {
    const found = filterEntries(directoryEntries(directory, 'en'), query);
    expect(found.map((entry) => entry.name)).toEqual(names);
  });
});
