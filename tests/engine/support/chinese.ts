import { SEALS, SERVICE_ACTIONS, type Problem } from '../../../src/engine';

/** The codes of the duban: vocabulary (service actions, seals) that messages name as values to write. */
const CODES = [...Object.keys(SERVICE_ACTIONS), ...Object.keys(SEALS)].join('|');

// Words a Chinese message may carry: names of formats and of our attributes, not English sentences.
const ALLOWED = new RegExp(
  `\\b(?:duban:\\w+|isExecutable|BPMN|XML|DOCTYPE|ENTITY|CDATA|FEEL|UTF-?8|UTF-?16(?:LE|BE)?|GBK|GB18030|MB|definitions|bpmn|xmlns|now|today|true|false|Camunda|Flowable|Activiti|WD|assignee|candidateUsers|candidateGroups|potentialOwner|formKey|${CODES})\\b`,
  'gi',
);

/** The English left in a message once quoted names (“…”, <…>, (…)) and allowed format names are taken out; '' when none. */
export function englishIn(message: string): string {
  const bare = message
    .replace(/“[^”]*”/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/（<[^）]*）/g, '')
    .replace(ALLOWED, '');
  return (bare.match(/[A-Za-z]{3,}(?:\s+[A-Za-z]{2,})*/g) ?? []).join(' | ');
}

/** Problems whose message has no Chinese or still has English in it. */
export function unreadable(problems: Problem[]): Problem[] {
  return problems.filter((p) => !/[\u4e00-\u9fff]/.test(p.message) || englishIn(p.message) !== '');
}
