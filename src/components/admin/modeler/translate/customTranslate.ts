import { ZH_TRANSLATIONS } from './translations';

/** bpmn-js `translate` service: the Chinese template (or the original when unknown) with `{key}` replacements filled in. */
export default function customTranslate(template: string, replacements: Record<string, unknown> = {}): string {
  const text = ZH_TRANSLATIONS[template] ?? template;
  return text.replace(/{([^}]+)}/g, (whole, key: string) => {
    const value = replacements[key];
    if (value === undefined || value === null) return whole;
    return ZH_TRANSLATIONS[String(value)] ?? String(value);
  });
}
