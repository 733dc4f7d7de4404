import { describe, expect, it } from 'vitest';
import { formatChannelKey, parseChannelKey, type ChannelAddress } from '../../src/channels/channel-key.js';

describe('channel keys', () => {
  it('never give two different channels the same key, whatever their ids hold', () => {
    const addresses: ChannelAddress[] = [
      { platform: 'slack', workspace: 'T1', channel: 'C1:X' },
      { platform: 'slack', workspace: 'T1:C1', channel: 'X' },
      { platform: 'slack', workspace: 'T1%3AC1', channel: 'X' },
      { platform: 'discord', workspace: 'G1', channel: '100%' },
      { platform: 'terminal', workspace: '', channel: 'a:b' },
    ];
    const keys = addresses.map(formatChannelKey);
    expect(new Set(keys).size).toBe(addresses.length);
    expect(keys.map(parseChannelKey)).toEqual(addresses);
  });

  it('keep the keys written before escaping: real platform ids read back unchanged', () => {
    expect(formatChannelKey({ platform: 'slack', workspace: 'T0123ABC', channel: 'C0456DEF' })).toBe('slack:T0123ABC:C0456DEF');
    expect(parseChannelKey('discord:200000000000000002:400000000000000004')).toEqual({ platform: 'discord', workspace: '200000000000000002', channel: '400000000000000004' });
    expect(parseChannelKey('terminal:local')).toEqual({ platform: 'terminal', workspace: '', channel: 'local' });
    expect(parseChannelKey('slack:T1:C1:X')).toBeNull();
  });
});
