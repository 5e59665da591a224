// Company-name normalisation for duplicate and first-referrer conflict detection (domain.md §6):
// full-width to half-width, spaces and brackets removed, "(中国)" and legal-form words stripped,
// so 信阳食品有限公司, 信阳食品（集团）股份有限公司 and "信阳 食品 集团" compare equal.

const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '集团', '股份', '公司'];
const BRACKETS = /[()[\]{}<>（）【】〔〕［］｛｝《》〈〉「」『』]/g;

export function normaliseCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[\s\u200B-\u200F\u2060\uFEFF·・.,，。、'"“”‘’\-—_]/g, '');
  s = s.replace(/\(中国\)|\[中国\]|【中国】/g, '');
  s = s.replace(BRACKETS, '');
  // Strip legal-form words from the end, repeatedly: 集团股份有限公司 → (empty).
  let changed = true;
  while (changed) {
    changed = false;
    for (const form of LEGAL_FORMS) {
      if (s.length > form.length && s.endsWith(form)) {
        s = s.slice(0, -form.length);
        changed = true;
      }
    }
  }
  // "(中国)" also appears in the middle: 华为技术(中国)有限公司 was handled above; a bare 中国 after
  // a foreign brand is kept, since 中国平安 and 平安 are different names.
  return s;
}
