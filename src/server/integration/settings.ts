/**
 * The integration settings of a deployment: which host, its to-do interface, the single sign-on, the
 * session token keys, embedding and uploads. Read from a JSON file (DUBAN_CONFIG) with the environment
 * laid over it; every missing or wrong setting is reported at once, in Chinese, before the server starts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { county as mockCounty } from '../../../mock/county';
import { DingTalkHost } from '../../host/DingTalkHost';
import { EmbeddedHost } from '../../host/EmbeddedHost';
import { HostConfigError } from '../../host/errors';
import type { Directory, HostAdapter } from '../../host/HostAdapter';
import { IDENTIFIER_KINDS } from '../../host/HostAdapter';
import { HttpHost } from '../../host/HttpHost';
import { DEFAULT_TTL_MINUTES } from '../../host/token';
import { WeaverHost } from '../../host/WeaverHost';
import type { UploadGroup } from '../attachments/upload-check';
import { CasProvider } from '../auth/sso/CasProvider';
import { OidcProvider } from '../auth/sso/OidcProvider';
import type { LoginMatch, SsoProvider } from '../auth/sso/provider';

/** The settings file's shape (every key optional; the environment may supply it instead). */
export interface SettingsFile {
  host?: 'embedded' | 'http' | 'weaver' | 'dingtalk';
  publicUrl?: string;
  county?: { name?: string; shortName?: string };
  http?: { baseUrl?: string; apiKey?: string; verifyPath?: string; seal?: boolean; archive?: boolean };
  weaver?: { baseUrl?: string; syscode?: string; receiver?: string; headers?: Record<string, string> };
  dingtalk?: { apiUrl?: string; appKey?: string; appSecret?: string; operatorUnionId?: string };
  /** Where the directory comes from with 泛微 or 钉钉: the generic HTTP bridge's `directory`, or a JSON file. */
  directory?: { url?: string; apiKey?: string; file?: string };
  sso?: {
    provider?: 'oidc' | 'cas';
    oidc?: { issuer?: string; clientId?: string; clientSecret?: string; scope?: string; claim?: string; match?: string; allowHttp?: boolean };
    cas?: { baseUrl?: string; attribute?: string; match?: string };
  };
  token?: { alg?: 'HS256' | 'ES256'; secret?: string; keyFile?: string; ttlMinutes?: number };
  pullApiKey?: string;
  embedding?: { frameAncestors?: string[]; corsOrigins?: string[] };
  uploads?: { allow?: string[] };
  /** The address to listen on; the demo login (embedded host) defaults to loopback. */
  listen?: { host?: string; port?: number };
}

/** What the server is started with. */
export interface Settings {
  host: HostAdapter;
  sso: SsoProvider[];
  publicUrl?: string;
  token: { alg: 'HS256' | 'ES256'; secret?: string; keyFile?: string; ttlMs: number };
  pullApiKey?: string;
  frameAncestors: string[];
  corsOrigins: string[];
  uploads: UploadGroup[];
  listen: { host: string; port: number };
  /** Warnings to log at start (e.g. the demo login listening beyond loopback). */
  warnings: string[];
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const MATCHES = new Set<string>(['id', ...IDENTIFIER_KINDS]);
const GROUPS = new Set(['document', 'image', 'archive']);

/** Read the settings from the file named by DUBAN_CONFIG (if any) and the environment. Throws HostConfigError listing every problem. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: string[] = [];
  let file: SettingsFile = {};
  if (env.DUBAN_CONFIG) {
    if (!existsSync(env.DUBAN_CONFIG)) problems.push(`配置文件 ${env.DUBAN_CONFIG} 不存在（DUBAN_CONFIG）`);
    else {
      try {
        file = JSON.parse(readFileSync(env.DUBAN_CONFIG, 'utf8')) as SettingsFile;
      } catch (err) {
        problems.push(`配置文件 ${env.DUBAN_CONFIG} 不是有效的 JSON：${(err as Error).message}`);
      }
    }
  }
  const need = (value: string | undefined, what: string): string => {
    if (!value) problems.push(`缺少${what}`);
    return value ?? '';
  };
  const url = (value: string, what: string) => {
    if (value && !/^https?:\/\/[^/]/.test(value)) problems.push(`${what}应为 http:// 或 https:// 开头的地址，当前为“${value}”`);
    return value;
  };
  const county = { name: env.DUBAN_COUNTY_NAME ?? file.county?.name ?? mockCounty.name, shortName: env.DUBAN_COUNTY_SHORT ?? file.county?.shortName ?? mockCounty.shortName };
  const kind = env.DUBAN_HOST ?? file.host ?? 'embedded';

  // The directory of 泛微 and 钉钉 deployments: the HTTP bridge's `directory`, or an exported JSON file.
  const directorySource = (): (() => Promise<Directory>) => {
    const d = file.directory ?? {};
    const dUrl = env.DUBAN_DIRECTORY_URL ?? d.url;
    const dFile = env.DUBAN_DIRECTORY_FILE ?? d.file;
    if (dUrl) {
      const bridge = new HttpHost({ baseUrl: url(dUrl, '通讯录接口地址（DUBAN_DIRECTORY_URL）'), apiKey: need(env.DUBAN_DIRECTORY_KEY ?? d.apiKey, '通讯录接口密钥（DUBAN_DIRECTORY_KEY 或 directory.apiKey）'), county });
      return () => bridge.loadDirectory();
    }
    if (dFile) return async () => JSON.parse(readFileSync(dFile, 'utf8')) as Directory;
    problems.push('缺少通讯录来源：设置 directory.url（通讯录接口）或 directory.file（导出的通讯录 JSON）');
    return async () => ({ units: [], people: [], roles: [], grants: [], liaisons: [] });
  };

  let host: HostAdapter;
  if (kind === 'embedded') host = new EmbeddedHost();
  else if (kind === 'http') {
    const h = file.http ?? {};
    host = new HttpHost({
      baseUrl: url(need(env.DUBAN_HOST_URL ?? h.baseUrl, 'OA 接口地址（DUBAN_HOST_URL 或 http.baseUrl）'), 'OA 接口地址'),
      apiKey: need(env.DUBAN_HOST_KEY ?? h.apiKey, 'OA 接口密钥（DUBAN_HOST_KEY 或 http.apiKey）'),
      verifyPath: env.DUBAN_HOST_VERIFY_PATH ?? h.verifyPath,
      county,
      seal: (env.DUBAN_HOST_SEAL ?? (h.seal ? 'on' : '')) === 'on',
      archive: (env.DUBAN_HOST_ARCHIVE ?? (h.archive ? 'on' : '')) === 'on',
    });
  } else if (kind === 'weaver') {
    const w = file.weaver ?? {};
    const receiver = env.DUBAN_WEAVER_RECEIVER ?? w.receiver ?? 'login';
    if (!IDENTIFIER_KINDS.includes(receiver as 'login')) problems.push(`泛微接收人标识“${receiver}”无效，应为 ${IDENTIFIER_KINDS.join('、')} 之一`);
    host = new WeaverHost(
      {
        baseUrl: url(need(env.DUBAN_WEAVER_URL ?? w.baseUrl, '泛微 e-cology 地址（DUBAN_WEAVER_URL 或 weaver.baseUrl）'), '泛微 e-cology 地址'),
        syscode: need(env.DUBAN_WEAVER_SYSCODE ?? w.syscode, '泛微异构系统标识（DUBAN_WEAVER_SYSCODE 或 weaver.syscode）'),
        receiver: receiver as 'login',
        headers: w.headers,
      },
      { directory: directorySource(), county },
    );
  } else if (kind === 'dingtalk') {
    const d = file.dingtalk ?? {};
    host = new DingTalkHost(
      {
        apiUrl: url(env.DUBAN_DINGTALK_API_URL ?? d.apiUrl ?? 'https://api.dingtalk.com', '钉钉接口地址'),
        appKey: need(env.DUBAN_DINGTALK_APP_KEY ?? d.appKey, '钉钉应用 AppKey（DUBAN_DINGTALK_APP_KEY 或 dingtalk.appKey）'),
        appSecret: need(env.DUBAN_DINGTALK_APP_SECRET ?? d.appSecret, '钉钉应用 AppSecret（DUBAN_DINGTALK_APP_SECRET 或 dingtalk.appSecret）'),
        operatorUnionId: need(env.DUBAN_DINGTALK_OPERATOR ?? d.operatorUnionId, '钉钉待办创建者 unionId（DUBAN_DINGTALK_OPERATOR 或 dingtalk.operatorUnionId）'),
      },
      { directory: directorySource(), county },
    );
  } else {
    problems.push(`宿主类型“${kind}”无效（DUBAN_HOST 或 host），应为 embedded、http、weaver、dingtalk 之一`);
    host = new EmbeddedHost();
  }

  const sso: SsoProvider[] = [];
  const provider = env.DUBAN_SSO ?? file.sso?.provider;
  const match = (v: string | undefined, what: string): LoginMatch | undefined => {
    if (v && !MATCHES.has(v)) problems.push(`${what}“${v}”无效，应为 id、${IDENTIFIER_KINDS.join('、')} 之一`);
    return v as LoginMatch | undefined;
  };
  if (provider === 'oidc') {
    const o = file.sso?.oidc ?? {};
    const issuer = url(need(env.DUBAN_OIDC_ISSUER ?? o.issuer, 'OIDC 颁发者地址（DUBAN_OIDC_ISSUER 或 sso.oidc.issuer）'), 'OIDC 颁发者地址');
    sso.push(
      new OidcProvider({
        issuer,
        clientId: need(env.DUBAN_OIDC_CLIENT_ID ?? o.clientId, 'OIDC 客户端标识（DUBAN_OIDC_CLIENT_ID 或 sso.oidc.clientId）'),
        clientSecret: need(env.DUBAN_OIDC_CLIENT_SECRET ?? o.clientSecret, 'OIDC 客户端密钥（DUBAN_OIDC_CLIENT_SECRET 或 sso.oidc.clientSecret）'),
        scope: env.DUBAN_OIDC_SCOPE ?? o.scope,
        claim: env.DUBAN_OIDC_CLAIM ?? o.claim,
        match: match(env.DUBAN_SSO_MATCH ?? o.match, '登录账号对应的通讯录标识'),
        allowHttp: issuer.startsWith('http:') && (env.DUBAN_OIDC_ALLOW_HTTP === '1' || o.allowHttp === true),
      }),
    );
    if (issuer.startsWith('http:') && env.DUBAN_OIDC_ALLOW_HTTP !== '1' && o.allowHttp !== true) problems.push('OIDC 颁发者地址为 http://：仅在内网测试时可设 DUBAN_OIDC_ALLOW_HTTP=1（或 sso.oidc.allowHttp）');
  } else if (provider === 'cas') {
    const c = file.sso?.cas ?? {};
    sso.push(
      new CasProvider({
        baseUrl: url(need(env.DUBAN_CAS_URL ?? c.baseUrl, 'CAS 服务地址（DUBAN_CAS_URL 或 sso.cas.baseUrl）'), 'CAS 服务地址'),
        attribute: env.DUBAN_CAS_ATTRIBUTE ?? c.attribute,
        match: match(env.DUBAN_SSO_MATCH ?? c.match, '登录账号对应的通讯录标识'),
      }),
    );
  } else if (provider) problems.push(`单点登录方式“${provider}”无效（DUBAN_SSO 或 sso.provider），应为 oidc 或 cas`);

  const t = file.token ?? {};
  const alg = (env.DUBAN_TOKEN_ALG ?? t.alg ?? 'HS256') as 'HS256';
  if (alg !== 'HS256' && alg !== 'ES256') problems.push(`令牌算法“${alg}”无效（DUBAN_TOKEN_ALG 或 token.alg），应为 HS256 或 ES256`);
  const secret = env.DUBAN_SECRET ?? t.secret;
  if (secret && Buffer.byteLength(secret) < 32) problems.push('令牌密钥（DUBAN_SECRET 或 token.secret）至少 32 个字节');
  const ttlMinutes = Number(env.DUBAN_TOKEN_TTL_MINUTES ?? t.ttlMinutes ?? DEFAULT_TTL_MINUTES);
  if (!Number.isFinite(ttlMinutes) || ttlMinutes < 5 || ttlMinutes > 7 * 24 * 60) problems.push('令牌有效期（DUBAN_TOKEN_TTL_MINUTES 或 token.ttlMinutes）应在 5 分钟到 7 天之间');

  const uploads = env.DUBAN_UPLOAD_TYPES ? list(env.DUBAN_UPLOAD_TYPES) : file.uploads?.allow ?? ['document', 'image', 'archive'];
  for (const u of uploads) if (!GROUPS.has(u)) problems.push(`上传类型“${u}”无效（DUBAN_UPLOAD_TYPES 或 uploads.allow），应为 document、image、archive`);

  const publicUrl = env.DUBAN_PUBLIC_URL ?? file.publicUrl;
  if (publicUrl) url(publicUrl, '督办访问地址（DUBAN_PUBLIC_URL 或 publicUrl）');
  if (sso.length && !publicUrl) problems.push('启用单点登录时需设置督办访问地址（DUBAN_PUBLIC_URL 或 publicUrl），用作登录回调地址');

  const demo = host instanceof EmbeddedHost && sso.length === 0;
  // The demo login hands out an administrator's token without a password: loopback unless someone says otherwise.
  const listenHost = env.HOST ?? file.listen?.host ?? (demo ? '127.0.0.1' : '0.0.0.0');
  const warnings: string[] = [];
  if (demo && !LOOPBACK.has(listenHost)) {
    warnings.push(`警告：演示登录已开启（内置演示宿主），任何能访问 ${listenHost} 的人都可免密以管理员身份登录。正式部署请接入 OA 的单点登录，或只在本机监听（HOST=127.0.0.1）。`);
  }
  if (problems.length) throw new HostConfigError(problems);
  return {
    host,
    sso,
    publicUrl,
    token: { alg, secret, keyFile: env.DUBAN_TOKEN_KEY_FILE ?? t.keyFile, ttlMs: ttlMinutes * 60_000 },
    pullApiKey: env.DUBAN_PULL_KEY ?? file.pullApiKey,
    frameAncestors: env.DUBAN_FRAME_ANCESTORS ? list(env.DUBAN_FRAME_ANCESTORS) : file.embedding?.frameAncestors ?? [],
    corsOrigins: env.DUBAN_CORS_ORIGINS ? list(env.DUBAN_CORS_ORIGINS) : file.embedding?.corsOrigins ?? [],
    uploads: uploads as UploadGroup[],
    listen: { host: listenHost, port: Number(env.PORT ?? file.listen?.port ?? 8000) },
    warnings,
  };
}
