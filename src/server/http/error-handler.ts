import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from '../errors';

/** The one JSON shape of every API error. */
export interface ErrorEnvelope {
  error: { code: string; message: string; fields?: FieldError[] };
}

/** JSON schema of the error envelope, for route documentation. */
export const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: {
          type: 'array',
          items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
        },
      },
      required: ['code', 'message'],
    },
  },
} as const;

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, any>;
  message?: string;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文本',
  integer: '整数',
  number: '数字',
  boolean: '是/否',
  object: '对象',
  array: '列表',
  null: '空值',
};

/** Translate one JSON-schema validation error into a field and a Chinese message. */
export function translateAjvError(e: AjvError, context?: string): FieldError {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  let field = path || context || '';
  let message: string;
  switch (e.keyword) {
    case 'required':
      field = path ? `${path}.${e.params.missingProperty}` : String(e.params.missingProperty);
      message = '必填项不能为空';
      break;
    case 'type':
      message = `类型错误，应为${String(e.params.type).split(',').map((t) => TYPE_NAMES[t] ?? t).join('或')}`;
      break;
    case 'minLength':
      message = e.params.limit === 1 ? '不能为空' : `长度不能少于 ${e.params.limit} 个字符`;
      break;
    case 'maxLength':
      message = `长度不能超过 ${e.params.limit} 个字符`;
      break;
    case 'minimum':
    case 'exclusiveMinimum':
      message = `不能小于 ${e.params.limit}`;
      break;
    case 'maximum':
    case 'exclusiveMaximum':
      message = `不能大于 ${e.params.limit}`;
      break;
    case 'enum':
      message = `取值无效，可选：${(e.params.allowedValues ?? []).join('、')}`;
      break;
    case 'pattern':
    case 'format':
      message = '格式不正确';
      break;
    case 'additionalProperties':
      field = path ? `${path}.${e.params.additionalProperty}` : String(e.params.additionalProperty);
      message = '不允许的字段';
      break;
    case 'minItems':
      message = `至少需要 ${e.params.limit} 项`;
      break;
    case 'maxItems':
      message = `最多 ${e.params.limit} 项`;
      break;
    default:
      message = '取值无效';
  }
  return { field, message };
}

const PART_NAMES: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/** Turn any error into the envelope, with a status; the only place that does so. */
export function toEnvelope(err: unknown): { status: number; body: ErrorEnvelope } {
  if (err instanceof AppError) {
    return { status: err.status, body: { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } } };
  }
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe && Array.isArray(fe.validation)) {
    const fields = fe.validation.map((v) => translateAjvError(v));
    const part = PART_NAMES[fe.validationContext ?? 'body'] ?? '请求';
    return { status: 400, body: { error: { code: 'BAD_REQUEST', message: `${part}不符合要求`, fields } } };
  }
  switch (fe?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: { code: 'BAD_JSON', message: '请求内容不是合法的 JSON' } } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: { code: 'BAD_JSON', message: '请求内容为空' } } };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
      return { status: 413, body: { error: { code: 'TOO_LARGE', message: '请求内容过大' } } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' } } };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: { error: { code: 'BAD_REQUEST', message: '请求长度与内容不符' } } };
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 406, body: { error: { code: 'NOT_MULTIPART', message: '上传文件须使用 multipart/form-data' } } };
  }
  if (fe && typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { status: fe.statusCode, body: { error: { code: 'BAD_REQUEST', message: '请求无效' } } };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } } };
}

/** Install the error and not-found handlers for everything under /api. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toEnvelope(err);
    if (status >= 500) req.log.error({ err }, 'request failed');
    else req.log.info({ code: body.error.code }, 'request refused');
    void reply.status(status).send(body);
  });
}
