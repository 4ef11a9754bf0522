/**
 * Vendor and product names as advisories and the register write them → comparable keys.
 *
 * - **Vendor key**: lowercase; parenthesised notes dropped (`General Electric (GE)`); trailing legal forms
 *   dropped (Inc, LLC, Ltd, GmbH, AG, Corporation, Co, …); every character that is not a letter or digit
 *   removed, so `schneider_electric` = `schneider-electric` = `Schneider Electric` = `schneiderelectric`;
 *   then a small alias table of known spellings. A string naming several vendors (`Red Lion,
 *   AutomationDirect`, `ABB, …, Siemens, and WAGO`) gives one key per vendor; `multiple` gives none.
 * - **Product tokens**: lowercase words split at spaces and `_`; bracketed notes and part numbers are
 *   dropped (`(incl. related ET200 CPUs and SIPLUS variants)`, also when the advisory truncated the closing
 *   bracket; `(6ES7516-3AN02-0AB0)`), a bracketed qualifier kept (`(TIA Portal)`); tokens that only say how much of a line is meant (`family`, `firmware`, `series`,
 *   `all`, `versions`, `products`, `devices`) are dropped; punctuation around a token is trimmed, inside it
 *   kept (`s7-1500`, `pn/dp`, `1516-3`). A leading vendor name repeated in the product is dropped.
 */

const LEGAL = /(?:(?:^|[\s,]+)(?:inc|incorporated|llc|l\.l\.c|ltd|limited|gmbh|ag|se|sa|s\.a|nv|bv|b\.v|plc|kg|oy|ab|srl|spa|s\.p\.a|co|corp|corporation|company|group|holdings?|k\.k)\.?)+$/i;

/** Known spellings → the canonical key (keys already stripped of legal forms and punctuation). */
export const VENDOR_ALIASES: Readonly<Record<string, string>> = {
  // Schneider Electric publishes some advisories as its software arm
  schneiderelectricsoftware: 'schneiderelectric',
  // GE's industrial businesses (Grid Solutions, Digital, Multilin, MiCOM) are now GE Vernova; CPEs say `ge`
  generalelectric: 'ge', gevernova: 'ge', gegridsolutions: 'ge', gedigital: 'ge', gepower: 'ge', geautomationcontrols: 'ge',
  gehealthcare: 'gehealthcare',
  // ABB Power Grids became Hitachi Energy; Hitachi ABB Power Grids in between
  abbpowergrids: 'hitachienergy', hitachiabbpowergrids: 'hitachienergy',
  schweitzerengineeringlaboratories: 'sel', selinc: 'sel', schweitzerengineeringlabs: 'sel',
  // OSIsoft's PI System is sold by AVEVA since 2021
  osisoft: 'aveva', avevasoftware: 'aveva', avevagroup: 'aveva',
  ciscosystems: 'cisco', junipernetworks: 'juniper',
  honeywellinternational: 'honeywell', yokogawaelectric: 'yokogawa', emersonelectric: 'emerson', emersonprocessmanagement: 'emerson',
  koninklijkephilips: 'philips', philipshealthcare: 'philips', wagokontakttechnik: 'wago',
  rockwell: 'rockwellautomation', bectondickinsonandcompany: 'bd', bectondickinson: 'bd',
  mitsubishielectriccorporation: 'mitsubishielectric',
};

const NOT_A_VENDOR = new Set(['', 'multiple', 'various', 'and', 'unknown']);

/** Lowercase, notes in brackets and trailing legal forms dropped (commas kept). */
function stripVendor(s: string): string {
  return s.toLowerCase().replace(/\([^()]*\)/g, ' ').replace(/\(.*$/, ' ').trim().replace(LEGAL, '').replace(/\s+and$/, '').replace(/^and\s+/, '').trim();
}

function keyOf(stripped: string): string {
  const k = stripped.replace(/[^a-z0-9]+/g, '');
  return VENDOR_ALIASES[k] ?? k;
}

/** The vendor keys of a vendor name (several for a list of vendors; none for `multiple` or empty). */
export function vendorKeys(name: string | undefined | null): string[] {
  if (!name) return [];
  const whole = stripVendor(name);
  const wk = keyOf(whole);
  if (!/[,;]/.test(whole) || wk !== whole.replace(/[^a-z0-9]+/g, '')) return NOT_A_VENDOR.has(wk) ? [] : [wk];
  const out = new Set<string>();
  for (const part of whole.split(/[,;]/)) {
    const k = keyOf(stripVendor(part));
    if (!NOT_A_VENDOR.has(k)) out.add(k);
  }
  return [...out];
}

/** Words that say how much of a product line is meant, not which product. */
export const SCOPE_WORDS: ReadonlySet<string> = new Set(['family', 'families', 'firmware', 'fw', 'series', 'all', 'versions', 'version', 'products', 'product', 'devices', 'models']);

/** Words that open a note in brackets, not a part of the product's name. */
const NOTE = /^\s*(?:incl\.?|including|includes|inclusive|all|only|see|formerly|also|e\.g\.?|i\.e\.?|mlfb|and|or|for|with|without|excluding|except|previously|known|versions?|firmware|variants?|not|affected|as|aka|sold|distributed|used|other|related|the)(?:\b|\s|$)/i;

/**
 * Text in brackets: a note (`incl. related ET200 CPUs …`) or part numbers (`6ES7516-3AN02-0AB0`,
 * `1756 - L8z`) are dropped; a qualifier that names the product (`TIA Portal`, `PKS`) is kept, so `SIMATIC
 * WinCC (TIA Portal)` stays apart from `SIMATIC WinCC`.
 */
function bracket(inner: string): string {
  return NOTE.test(inner) || isPartNumbers(inner) ? ' ' : ` ${inner} `;
}

/** Bracketed text with no word apart from tokens holding digits: part numbers, variants (`CP100`, `1756 - L8z`). */
function isPartNumbers(inner: string): boolean {
  return !/[a-z]{2,}/i.test(inner.replace(/\S*\d\S*/g, ' '));
}

/**
 * The variant designations an advisory writes in brackets after a product name (`SIPROTEC 5 7SJ82 (CP100)`,
 * `ControlLogix 5580 (1756 - L8z)`): tokens with a digit, not plain numbers, versions or `32-bit`.
 */
export function bracketVariants(name: string | undefined | null): string[] {
  if (!name) return [];
  const out: string[] = [];
  for (const m of name.matchAll(/\(([^()]*)\)?/g)) {
    const inner = m[1]!;
    if (NOTE.test(inner) || !isPartNumbers(inner)) continue;
    for (const raw of inner.toLowerCase().split(/[\s,;/]+/)) {
      const t = raw.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
      if (/\d/.test(t) && /[a-z]/.test(t) && !/^v?\d+(?:\.\d+)*$/.test(t) && !/^\d+-bit$/.test(t)) out.push(t);
    }
  }
  return out;
}

/** Whether a name says it means a whole line (`… family`, `… series`, `all …`). */
export function namesALine(name: string | undefined | null): boolean {
  return !!name && /(?:^|[\s_])(?:family|families|series|all|products|devices|models)(?:$|[\s_,:])/i.test(name.replace(/\([^()]*\)/g, ' '));
}

/** Comparable product tokens (see the module comment). `vendor` (a vendor key) drops its repetition at the start. */
export function productTokens(name: string | undefined | null, vendor?: string): string[] {
  if (!name) return [];
  const s = name.toLowerCase().replace(/\\(.)/g, '$1').replace(/\(([^()]*)\)/g, (_, inner: string) => bracket(inner)).replace(/\((.*)$/, (_, inner: string) => bracket(inner));
  const out: string[] = [];
  for (const raw of s.split(/[\s_]+/)) {
    const t = raw.replace(/^[^a-z0-9]+|[^a-z0-9+]+$/g, '');
    if (t !== '' && !SCOPE_WORDS.has(t)) out.push(t);
  }
  if (vendor) {
    // `Siemens SIMATIC …` under vendor siemens; `Schneider Electric Modicon …` under schneiderelectric
    for (let n = 1; n <= Math.min(3, out.length - 1); n++) {
      if (out.slice(0, n).join('') === vendor) return out.slice(n);
    }
  }
  return out;
}

/** Tokens of a component's product text as model numbers are looked up (bracketed text kept, case folded). */
export function modelTokens(text: string | undefined | null): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of text.toLowerCase().replace(/\\(.)/g, '$1').split(/[\s_,;()[\]]+/)) {
    const t = raw.replace(/^[^a-z0-9]+|[^a-z0-9+]+$/g, '');
    if (isModelNumber(t)) out.push(t);
  }
  return out;
}

/** A model number worth indexing: at least 3 characters with a digit (not `1`, not `pro`). */
export function isModelNumber(t: string): boolean {
  return t.length >= 3 && /\d/.test(t);
}
