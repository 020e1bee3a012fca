/**
 * Field keys from Chinese titles: known words of the county's forms become English words in
 * the keys' camelCase style (整改期限 → rectificationDeadline); other characters are dropped,
 * and a title with no known word falls back to the component's base key.
 */

/** Words of field titles and their key words, longest first when matched. */
const GLOSSARY: Record<string, string> = {
  整改: 'rectification', 期限: 'deadline', 截止: 'deadline', 时限: 'deadline', 日期: 'date', 时间: 'time', 开始: 'start', 结束: 'end',
  通报: 'circular', 类型: 'type', 类别: 'category', 标题: 'title', 名称: 'name', 内容: 'content', 意见: 'opinion', 说明: 'note',
  备注: 'remark', 附件: 'attachments', 材料: 'materials', 单位: 'unit', 承办: 'handling', 牵头: 'lead', 责任: 'responsible',
  表扬: 'praised', 批评: 'criticised', 追责: 'accountability', 建议: 'suggestion', 要求: 'requirement', 情况: 'status', 结果: 'result',
  办理: 'handling', 办结: 'completed', 进展: 'progress', 原因: 'reason', 理由: 'reason', 问题: 'problem', 措施: 'measures',
  联系人: 'contact', 联系: 'contact', 电话: 'phone', 手机: 'mobile', 号码: 'number', 编号: 'no', 文号: 'docNo', 人员: 'person',
  签发: 'signed', 签字: 'signature', 审核: 'review', 审批: 'approval', 结论: 'conclusion', 核查: 'verification', 回访: 'revisit',
  复查: 'recheck', 复核: 'recheck', 督查: 'inspection', 督办: 'supervision', 催办: 'urge', 事项: 'item', 任务: 'task', 目标: 'target',
  得分: 'score', 分数: 'score', 扣分: 'deduction', 总分: 'total', 权重: 'weight', 指标: 'indicator', 金额: 'amount', 数量: 'count',
  份数: 'copies', 地点: 'place', 对象: 'target', 范围: 'scope', 方式: 'mode', 依据: 'basis', 来源: 'source', 领导: 'leader',
  批示: 'instruction', 会议: 'meeting', 年度: 'year', 等级: 'level', 级别: 'level', 是否: 'is', 需要: 'need', 身份证: 'idCard',
  信用代码: 'creditCode', 邮箱: 'email', 地址: 'address', 分析: 'analysis', 总结: 'summary', 摘要: 'summary', 报告: 'report',
};

const WORDS = Object.keys(GLOSSARY).sort((a, b) => b.length - a.length);

/** A key from a title ('' when no word of it is known); ASCII words in the title are kept. */
export function keyFromTitle(title: string): string {
  const words: string[] = [];
  let i = 0;
  const text = title.trim();
  while (i < text.length) {
    const word = WORDS.find((w) => text.startsWith(w, i));
    if (word) {
      const en = GLOSSARY[word];
      if (words[words.length - 1] !== en) words.push(en);
      i += word.length;
      continue;
    }
    const ascii = /^[A-Za-z][A-Za-z0-9]*/.exec(text.slice(i));
    if (ascii) {
      words.push(ascii[0]);
      i += ascii[0].length;
      continue;
    }
    i += 1;
  }
  return words.map((w, n) => (n === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/** Whether text may be a field key (letters, digits and underscores, not starting with a digit). */
export function isValidKey(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(text);
}
