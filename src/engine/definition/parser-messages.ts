/**
 * Chinese for the messages of the XML parser (saxen) and of bpmn-moddle, with
 * the line and column they carry. Whatever is not known is named generically,
 * never passed through in English.
 */

const NESTED: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^unrecognized element <([^>]*)>/, (m) => `无法识别的元素 <${m[1]}>`],
  [/^unexpected element <([^>]*)>/, (m) => `此处不能出现元素 <${m[1]}>`],
  [/^duplicate ID <([^>]*)>/, (m) => `元素编号“${m[1]}”重复`],
  [/^illegal ID <([^>]*)>/, (m) => `元素编号“${m[1]}”不合法`],
  [/^unknown type <([^>]*)>/, (m) => `未知的元素类型 <${m[1]}>`],
  [/^unknown attribute <([^>]*)>/, (m) => `无法识别的属性“${m[1]}”，已忽略`],
  [/^unresolved reference <([^>]*)>/, (m) => `引用的元素“${m[1]}”不存在`],
  [/^unexpected body text <([\s\S]*)>$/, () => '此处不能有文字内容'],
  [/^expected no sub nodes/, () => '此元素不能有子元素'],
  [/^failed to parse document as <([^>]*)>/, () => '文件的根元素不是 BPMN 2.0 的 definitions'],
  [/^unsupported document encoding <([^>]*)>/, (m) => `不支持文件声明的编码 ${m[1]}`],
  [/^unexpected end of file/, () => '文件意外结束（有元素没有闭合）'],
  [/^missing start tag/, () => '缺少开始标签'],
  [/^unclosed cdata/, () => 'CDATA 段没有结束'],
  [/^unclosed comment/, () => '注释没有结束'],
  [/^unclosed question/, () => 'XML 声明没有结束'],
  [/^unclosed tag/, () => '标签没有闭合'],
  [/^missing open tag/, () => '结束标签没有对应的开始标签'],
  [/^closing tag mismatch/, () => '结束标签与开始标签不匹配'],
  [/^close tag/, () => '结束标签写法有误'],
  [/^illegal first char nodeName/, () => '元素名称的首字符不合法'],
  [/^invalid nodeName/, () => '元素名称不合法'],
  [/^missing namespace on <([^>]*)>/, (m) => `元素 <${m[1]}> 使用的命名空间前缀没有声明`],
  [/^illegal value of xmlns:xml/, () => 'xmlns:xml 的取值不合法'],
  [/^(illegal|missing|attribute|illegal character after attribute)/, () => '属性写法有误'],
  [/^non-whitespace outside of root node/, () => '根元素之外有多余的内容'],
];

function nested(message: string): string {
  const text = message.trim();
  for (const [pattern, rewrite] of NESTED) {
    const match = pattern.exec(text);
    if (match) return rewrite(match);
  }
  return '文件结构不符合 BPMN 2.0 规范';
}

/** The Chinese text of one parser message; moddle's "unparsable content … line … column … nested error" keeps its position. */
export function translateParserMessage(message: string, data?: string): string {
  const unparsable = /unparsable content\s*(\S*)\s*detected\s+line:\s*(\d+)\s+column:\s*(\d+)\s+nested error:\s*([\s\S]*)$/.exec(message);
  if (unparsable) {
    const [, where, line, column, inner] = unparsable;
    const at = `第 ${Number(line) + 1} 行第 ${Number(column) + 1} 列${where ? ` ${where}` : ''}`;
    return `${at}：${nested(inner)}`;
  }
  const text = nested(message);
  return data && /^</.test(data) && text.endsWith('有误') ? `${text}（${data.slice(0, 40)}）` : text;
}
