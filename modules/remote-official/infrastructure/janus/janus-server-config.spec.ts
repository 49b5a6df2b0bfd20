import { parseJanusServers } from './janus-server-config';

const server = {
  name: 'janus-1',
  adminUrl: 'http://127.0.0.1:7088/admin',
  adminSecret: 'admin-secret',
  publicWsUrl: 'wss://video.example.lv/janus',
  roomAdminKey: 'room-key',
};

describe('parseJanusServers', () => {
  it('reads a JSON array of servers', () => {
    expect(parseJanusServers(JSON.stringify([server, { ...server, name: 'janus-2', publicWsUrl: 'ws://10.0.0.2:8188' }]))).toEqual([
      server,
      { ...server, name: 'janus-2', publicWsUrl: 'ws://10.0.0.2:8188' },
    ]);
  });

  it('rejects a missing, malformed or empty setting', () => {
    expect(() => parseJanusServers(undefined)).toThrow(/JANUS_SERVERS is not set/);
    expect(() => parseJanusServers('[{')).toThrow(/not valid JSON/);
    expect(() => parseJanusServers('[]')).toThrow(/non-empty JSON array/);
    expect(() => parseJanusServers('{}')).toThrow(/non-empty JSON array/);
  });

  it('lists every problem without echoing secrets', () => {
    const bad = [
      { ...server, adminUrl: 'ftp://x', adminSecret: 'top-secret-value' },
      { ...server, publicWsUrl: 'http://x', roomAdminKey: '' },
      { name: 'bad name!', adminUrl: 'http://x/admin', adminSecret: 's', publicWsUrl: 'ws://x', roomAdminKey: 'k', extra: 1 },
    ];
    let message = '';
    try {
      parseJanusServers(JSON.stringify(bad));
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('JANUS_SERVERS[0].adminUrl must be an http(s) URL');
    expect(message).toContain('JANUS_SERVERS[1].name "janus-1" is used twice');
    expect(message).toContain('JANUS_SERVERS[1].publicWsUrl must be a ws(s) URL');
    expect(message).toContain('JANUS_SERVERS[1].roomAdminKey must be a non-empty string');
    expect(message).toContain('JANUS_SERVERS[2].name must be');
    expect(message).toContain('JANUS_SERVERS[2] has unknown fields: extra');
    expect(message).not.toContain('top-secret-value');
  });
});
