import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_JANUS_CONFIG_VALUES, JANUS_CONFIG_FILES, JANUS_DEFAULT_CONFIG_DIR, renderJanusConfig, renderJanusTemplate } from './janus-config';

describe('Janus config templates', () => {
  it('config/ is the templates rendered with the defaults (regenerate it as README.md says)', () => {
    const rendered = renderJanusConfig(DEFAULT_JANUS_CONFIG_VALUES);
    for (const file of JANUS_CONFIG_FILES) expect({ file, text: readFileSync(join(JANUS_DEFAULT_CONFIG_DIR, file), 'utf8') }).toEqual({ file, text: rendered[file] });
  });

  it('fills every placeholder', () => {
    const rendered = renderJanusConfig({ ...DEFAULT_JANUS_CONFIG_VALUES, httpPort: 18088, iceEnforceList: '127.0.0.2' });
    for (const text of Object.values(rendered)) expect(text).not.toMatch(/\{\{/);
    expect(rendered['janus.transport.http.jcfg']).toMatch(/^\s*port = 18088$/m);
    expect(rendered['janus.jcfg']).toMatch(/^\s*ice_enforce_list = "127\.0\.0\.2"/m);
    expect(rendered['janus.jcfg']).toMatch(/^\s*token_auth = true/m);
    expect(rendered['janus.plugin.videoroom.jcfg']).toMatch(/^\s*admin_key = "change-me-room-admin-key"/m);
    expect(rendered['janus.plugin.videoroom.jcfg']).not.toMatch(/^room-/m);
  });

  it('refuses values that would break the config or leave it open', () => {
    expect(() => renderJanusTemplate('x', { ...DEFAULT_JANUS_CONFIG_VALUES, adminSecret: 'a"b' })).toThrow(/adminSecret/);
    expect(() => renderJanusTemplate('x', { ...DEFAULT_JANUS_CONFIG_VALUES, apiSecret: 'short' })).toThrow(/apiSecret/);
    expect(() => renderJanusTemplate('x', { ...DEFAULT_JANUS_CONFIG_VALUES, wsPort: 8088 })).toThrow(/must differ/);
    expect(() => renderJanusTemplate('x', { ...DEFAULT_JANUS_CONFIG_VALUES, bindIp: '0.0.0.999' })).toThrow(/bindIp/);
    expect(() => renderJanusTemplate('x', { ...DEFAULT_JANUS_CONFIG_VALUES, rtpPortRange: '20000' })).toThrow(/rtpPortRange/);
    expect(() => renderJanusTemplate('{{NOPE}}', DEFAULT_JANUS_CONFIG_VALUES)).toThrow(/Unknown placeholder \{\{NOPE\}\}/);
  });
});
