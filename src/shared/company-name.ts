// Company-name normalisation for duplicate and first-referrer conflict detection (domain.md §6):
// full-width to half-width, spaces and brackets removed, "(中国)" and legal-form words stripped,
// so 信阳食品有限公司, 信阳食品（集团）股份有限公司, 信阳食品股份有限公司（集团） and "信阳 食品 集团"
// compare equal.

// Longest first, so 股份有限公司 goes as one word rather than leaving 股份有限 behind.
const LEGAL_FORMS = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '集团', '股份', '公司'];
const OPEN_BRACKETS = /[[{<（【〔［｛《〈「『〖]/g;
const CLOSE_BRACKETS = /[\]}>）】〕］｝》〉」』〗]/g;
const PUNCTUATION = /[\s\u200B-\u200F\u2060\uFEFF·・.,，。、'"“”‘’\-—_]/g;

export function normaliseCompanyName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase().replace(PUNCTUATION, '');
  // Every bracket kind becomes ( ), so （中国）, 【中国】 and 〔中国〕 are the same "(中国)".
  s = s.replace(OPEN_BRACKETS, '(').replace(CLOSE_BRACKETS, ')');
  // "(中国)" is dropped wherever it sits (华为技术(中国)有限公司, 比亚迪有限公司(中国)), also nested:
  // 比亚迪股份有限公司(集团(中国)) → (集团). A bare 中国 is kept: 中国平安 and 平安 differ.
  let before: string;
  do {
    before = s;
    s = s.replace(/\(中国\)/g, '');
  } while (s !== before);
  s = s.replace(/[()]/g, '');
  // Strip legal-form words from the end one at a time, starting over after each, until nothing
  // changes: 比亚迪股份有限公司(集团) → 比亚迪股份有限公司集团 → 比亚迪股份有限公司 → 比亚迪.
  // A name that is only a legal form keeps its last word rather than becoming empty.
  do {
    before = s;
    const form = LEGAL_FORMS.find((f) => s.length > f.length && s.endsWith(f));
    if (form) s = s.slice(0, -form.length);
  } while (s !== before);
  return s;
}
