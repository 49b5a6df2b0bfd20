/** One Janus server the video gateway may put rooms on. */
export interface JanusServerConfig {
  /** Stable short name, stored with each room (e.g. "janus-1"). */
  name: string;
  /** Admin API endpoint, e.g. http://127.0.0.1:7088/admin (reachable from the app only). */
  adminUrl: string;
  adminSecret: string;
  /** Janus WebSocket API as browsers reach it, e.g. wss://video.example.lv/janus or ws://host:8188. */
  publicWsUrl: string;
  /** VideoRoom `admin_key` (janus.plugin.videoroom.jcfg): needed to create rooms. */
  roomAdminKey: string;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * Parses and validates the JANUS_SERVERS setting: a JSON array of
 * `{ "name", "adminUrl", "adminSecret", "publicWsUrl", "roomAdminKey" }`.
 * Throws an Error listing every problem (secrets are never echoed).
 */
export function parseJanusServers(json: string | undefined): JanusServerConfig[] {
  if (json === undefined || json.trim() === '') throw new Error('JANUS_SERVERS is not set: expected a JSON array of Janus servers');
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error('JANUS_SERVERS is not valid JSON');
  }
  return validateJanusServers(value);
}

export function validateJanusServers(value: unknown): JanusServerConfig[] {
  if (!Array.isArray(value) || value.length === 0) throw new Error('JANUS_SERVERS must be a non-empty JSON array');
  const problems: string[] = [];
  const names = new Set<string>();
  const servers = value.map((entry: unknown, index): JanusServerConfig => {
    const at = `JANUS_SERVERS[${index}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(`${at} must be an object`);
      return { name: '', adminUrl: '', adminSecret: '', publicWsUrl: '', roomAdminKey: '' };
    }
    const raw = entry as Record<string, unknown>;
    const text = (key: string): string => {
      const v = raw[key];
      if (typeof v !== 'string' || v.trim() === '') {
        problems.push(`${at}.${key} must be a non-empty string`);
        return '';
      }
      return v.trim();
    };
    const server: JanusServerConfig = {
      name: text('name'),
      adminUrl: text('adminUrl'),
      adminSecret: text('adminSecret'),
      publicWsUrl: text('publicWsUrl'),
      roomAdminKey: text('roomAdminKey'),
    };
    const unknownKeys = Object.keys(raw).filter((key) => !['name', 'adminUrl', 'adminSecret', 'publicWsUrl', 'roomAdminKey'].includes(key));
    if (unknownKeys.length > 0) problems.push(`${at} has unknown fields: ${unknownKeys.join(', ')}`);
    if (server.name && !NAME.test(server.name)) problems.push(`${at}.name must be 1-40 characters of letters, digits, . _ -`);
    if (server.name && names.has(server.name)) problems.push(`${at}.name "${server.name}" is used twice`);
    names.add(server.name);
    if (server.adminUrl && !hasProtocol(server.adminUrl, ['http:', 'https:'])) problems.push(`${at}.adminUrl must be an http(s) URL`);
    if (server.publicWsUrl && !hasProtocol(server.publicWsUrl, ['ws:', 'wss:'])) problems.push(`${at}.publicWsUrl must be a ws(s) URL`);
    return server;
  });
  if (problems.length > 0) throw new Error(`Invalid JANUS_SERVERS: ${problems.join('; ')}`);
  return servers;
}

function hasProtocol(url: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}
